// `npm run website [-- --platform-url URL] [--out DIR]`: builds the public website into website/dist/.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_PLATFORM_URL, parsePlatformUrl, PlatformUrlError } from './platform-url.js';
import { renderSite, type SiteFile } from './site.js';

const USAGE = `Usage: npm run website -- [--platform-url URL] [--out DIR]

Builds the public website (Dutch at /, English at /en/) as static files.

  --platform-url URL  the booking platform the pages link to: https, no path (default ${DEFAULT_PLATFORM_URL})
  --out DIR           where to write it (default website/dist); emptied first if it holds an earlier build
`;

const DEFAULT_OUT = fileURLToPath(new URL('dist', import.meta.url));

class UsageError extends Error {}

/** Empties the output directory, but only one that is new, empty, or an earlier build of this site. */
function prepareOutput(out: string): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!existsSync(join(out, 'index.html')) || !existsSync(join(out, 'en', 'index.html'))) {
      throw new UsageError(`--out ${out} is not empty and holds no earlier build of the website; name a new or empty directory`);
    }
    rmSync(out, { recursive: true });
  }
  mkdirSync(out, { recursive: true });
}

function writeSite(out: string, files: SiteFile[]): void {
  prepareOutput(out);
  for (const file of files) {
    const target = join(out, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { 'platform-url': { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const platform = parsePlatformUrl(values['platform-url'] ?? DEFAULT_PLATFORM_URL);
  const out = resolve(values.out ?? DEFAULT_OUT);
  const files = renderSite(platform);
  writeSite(out, files);
  const sizes = files.map((file) => Buffer.byteLength(file.content));
  const width = Math.max(...files.map((file) => file.path.length));
  const shown = relative(process.cwd(), out);
  process.stdout.write(`Groupz website, linking to ${platform.origin}, written to ${shown.startsWith('..') ? out : shown || '.'}/:\n`);
  files.forEach((file, i) => process.stdout.write(`  ${file.path.padEnd(width)}  ${formatSize(sizes[i]!)}\n`));
  process.stdout.write(`${files.length} files, ${formatSize(sizes.reduce((a, b) => a + b, 0))}\n`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  const usage =
    error instanceof PlatformUrlError || error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  if (!usage) throw error;
  process.stderr.write(`npm run website: ${(error as Error).message}\n\n${USAGE}`);
  process.exitCode = 2;
}
