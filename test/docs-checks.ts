// What keeps the README and docs/ true to the code: the settings and `groupz` commands they name,
// and their links. Each check takes the documents as text and returns its findings, so that a test
// can show it finds a planted mistake.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** Documents by path from the repository's root. */
export type Documents = Map<string, string>;

/** README.md and every docs/*.md under `root`. */
export function readDocuments(root: string): Documents {
  const paths = [
    'README.md',
    ...readdirSync(join(root, 'docs'), { withFileTypes: true }).flatMap((entry) =>
      entry.isFile() && entry.name.endsWith('.md') ? [`docs/${entry.name}`] : [],
    ),
  ];
  return new Map(paths.map((path) => [path, readFileSync(join(root, path), 'utf8')]));
}

/** The text of every .ts and .tsx file under `dir` (node_modules and build output left out) that `keep` accepts. */
export function sourceTexts(dir: string, keep: (path: string) => boolean = () => true): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Dot folders are scratch (a lint test plants files in one while this scans).
    if (entry.isDirectory())
      return entry.name.startsWith('.') || ['node_modules', 'dist', 'results'].includes(entry.name) ? [] : sourceTexts(path, keep);
    return /\.tsx?$/.test(entry.name) && keep(path) ? [readFileSync(path, 'utf8')] : [];
  });
}

/**
 * Every `GROUPZ_*` name in a text. A name followed by `_*` (`GROUPZ_DKIM_*`) stands for a family and
 * comes back as `GROUPZ_DKIM_*`; a prefix the code tests for (`'GROUPZ_TEST_'`) is no name.
 */
export function settingNames(text: string): Set<string> {
  return new Set([...text.matchAll(/\bGROUPZ_[A-Z0-9_]*[A-Z0-9](?:_\*|(?![A-Z0-9_]))/g)].map(([name]) => name));
}

/** The names `read` holds that the table of `configuration` (rows starting with `| \`NAME\``) lacks. */
export function undocumentedSettings(read: Iterable<string>, configuration: string): string[] {
  const rows = new Set([...configuration.matchAll(/^\| `([A-Z0-9_]+)`/gm)].map(([, name]) => name));
  return [...read].filter((name) => !name.endsWith('*') && !rows.has(name)).sort();
}

/** `path: NAME` for each `GROUPZ_*` name (or family) a document gives that no name in `known` matches. */
export function unknownSettings(documents: Documents, known: ReadonlySet<string>): string[] {
  return [...documents].flatMap(([path, text]) =>
    [...settingNames(text)]
      .filter((name) => (name.endsWith('_*') ? ![...known].some((other) => other.startsWith(name.slice(0, -1))) : !known.has(name)))
      .map((name) => `${path}: ${name}`),
  );
}

/** The code of a Markdown text: its inline code spans and the lines of its code blocks. */
export function codeOf(markdown: string): string[] {
  const code: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    else if (fenced || /^ {4,}\S/.test(line)) code.push(line);
    else code.push(...[...line.matchAll(/`([^`]+)`/g)].map(([, span]) => span!));
  }
  return code;
}

/** The commands of `groupz --help`'s overview (`serve`, `staff add`, ...). */
export function commandsOfHelp(help: string): string[] {
  const list = help.split('\nCommands:\n')[1]?.split('\n\n')[0] ?? '';
  return list.split('\n').map((line) => line.trim().split(/\s{2,}/)[0]!);
}

/**
 * `path: groupz WORDS` for each `groupz <command>` (also after `npx` or `sudo`) in a document's code
 * that names no command of `commands`. A group's name alone (`groupz backup`) is a command too: it
 * lists the group's commands.
 */
export function unknownCommands(documents: Documents, commands: readonly string[]): string[] {
  const groups = new Set(commands.filter((name) => name.includes(' ')).map((name) => name.split(' ')[0]!));
  return [...documents].flatMap(([path, text]) =>
    codeOf(text).flatMap((code) =>
      [...code.matchAll(/(?<![\w/:.@-])groupz ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)]
        .filter(([, first, second]) => {
          if (commands.includes(first!) || (second && commands.includes(`${first} ${second}`))) return false;
          return !(groups.has(first!) && !second);
        })
        .map(([mention]) => `${path}: ${mention}`),
    ),
  );
}

/** GitHub's anchors of a Markdown text's headings. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? undefined : /^#{1,6} (.+)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/**
 * `path: target` for each relative link or image of a document (outside code) whose file does not
 * exist under `root`, or whose `#anchor` is no heading of that Markdown file. `documents` may hold
 * texts not on disk (a test's own).
 */
export function brokenLinks(documents: Documents, root: string): string[] {
  return [...documents].flatMap(([path, text]) => {
    const prose = text
      .split(/^\s*```[^]*?^\s*```/m)
      .join('')
      .replace(/`[^`\n]+`/g, '');
    return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
      .map(([, target]) => target!)
      .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
      .filter((target) => {
        const [file, anchor] = target.split('#') as [string, string | undefined];
        const resolved = file === '' ? path : normalize(join(dirname(path), file));
        const content = documents.get(resolved) ?? fileText(join(root, resolved));
        if (content === undefined) return true;
        return anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(content).has(anchor);
      })
      .map((target) => `${path}: ${target}`);
  });
}

/** A Markdown file's text ('' for any other file or a directory), or undefined when nothing is there. */
function fileText(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return path.endsWith('.md') && statSync(path).isFile() ? readFileSync(path, 'utf8') : '';
}
