// A reporter for Node's test runner, beside the usual one in a whole run (test/run.ts): it records
// how long each test file took in .test-tmp/timings.json (seconds by path from the repository's
// root), so that the next run starts the longest first. Plain JavaScript: the runner loads its
// reporters before tsx.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = `${root}.test-tmp/timings.json`;

export default async function* timingsReporter(source) {
  let timings = {};
  try {
    timings = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // the first run: no timings yet
  }
  for await (const { type, data } of source) {
    // Node 20 completes each file as a test named by the file's path, its whole run the duration.
    const seconds = data.details?.duration_ms / 1000;
    if (type === 'test:complete' && data.nesting === 0 && data.file && data.name === data.file && seconds >= 0) {
      timings[relative(root, resolve(root, data.file))] = Math.round(seconds * 10) / 10;
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(timings, null, 1)}\n`);
  yield '';
}
