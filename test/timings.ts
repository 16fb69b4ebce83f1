// How long each test file took in the last whole run (test/run.ts), in .test-tmp/timings.json:
// seconds by path from the repository's root. The next run starts the longest first, so that it
// does not end on one long suite while the other slot idles.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestEvent } from 'node:test/reporters';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = `${root}.test-tmp/timings.json`;

/** Seconds each file took when last run whole; none before the first run. */
export function readTimings(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** A reporter for Node's test runner that adds the files it ran to the timings (it prints nothing). */
export async function* timingsReporter(source: AsyncIterable<TestEvent>): AsyncGenerator<string> {
  const timings = readTimings();
  for await (const event of source) {
    // Node 20 completes each file as a test named by the file's path, its whole run the duration.
    if (event.type !== 'test:complete') continue;
    const { nesting, name, file: path, details } = event.data;
    if (nesting !== 0 || !path || resolve(root, name) !== resolve(root, path)) continue;
    timings[relative(root, resolve(root, path))] = Math.round(details.duration_ms / 100) / 10;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(timings, null, 1)}\n`);
  yield '';
}
