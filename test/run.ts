// `npm test`: every *.test.ts(x) under src/, test/ (system suites in test/system/) and website/, through Node's own test runner,
// with c8 measuring which lines of src/ the tests run (every process they start included); in strict
// mode a run below COVERAGE_FLOOR fails. `test/run.ts FILE...` runs only those files, without coverage:
// a part of the suite cannot reach the floor. `test/run.ts --coverage FILE...` measures them anyway.
// (Node 20's `--test` takes no glob patterns, hence this list.) Every run migrates one database of
// each dialect for its suites to copy, and drops the PostgreSQL ones they finish with as it goes
// (test/databases.ts); a whole run starts the files that took
// longest the last time first (test/timings.ts, test/run-in-order.ts), not to end on one long suite.
// It builds the app first (dist/, as `npm ci` does), for the processes the suites start to run the
// build (test/groupz.ts).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COVERAGE_FLOOR, coverageOptions, reportCoverage } from './coverage.js';
import { createTemplates } from './databases.js';
import { readTimings } from './timings.js';
import { strictMode } from './tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return /\.test\.tsx?$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

/** The longest files first; a file not timed yet goes first if it is a system suite (they take longest), else last. */
function longestFirst(files: string[]): string[] {
  const timings = readTimings();
  const seconds = (file: string) => timings[file] ?? (file.startsWith('test/system/') ? Infinity : 0);
  return [...files].sort((a, b) => seconds(b) - seconds(a) || a.localeCompare(b));
}

const args = process.argv.slice(2);
const only = args.filter((arg) => arg !== '--coverage');
const whole = only.length === 0;
const measured = whole || args.includes('--coverage');
const floor = whole && strictMode();
const files = whole ? longestFirst(['src', 'test', 'website'].flatMap((dir) => findTests(join(root, dir)))) : only;
const pg = process.env.GROUPZ_TEST_PG_URL;
const coverage = !measured ? 'no' : floor ? `floor ${COVERAGE_FLOOR} % of lines` : 'measured, no floor (strict mode has one)';
process.stdout.write(
  `groupz tests: ${files.length} files; databases: sqlite${pg ? ' + postgres' : ' only (set GROUPZ_TEST_PG_URL for PostgreSQL)'}; strict: ${strictMode() ? 'yes' : 'no'}; coverage: ${coverage}\n`,
);
const runner = fileURLToPath(new URL('run-in-order.ts', import.meta.url));
const tests = ['--import', 'tsx', runner, ...(whole ? ['--timings'] : []), ...files];
const build = spawnSync(process.execPath, ['build.js'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stdout.write('groupz tests: the build (node build.js) failed\n');
  process.exit(1);
}
const templates = await createTemplates(pg);
const c8 = fileURLToPath(import.meta.resolve('c8/bin/c8.js'));
// c8 maps every process's coverage through its source maps at the end: more than Node's default heap.
const C8_HEAP = '--max-old-space-size=8192';
const suites = spawn(process.execPath, measured ? [C8_HEAP, c8, ...coverageOptions(), process.execPath, ...tests] : tests, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...templates.env, GROUPZ_TEST_BUILT: '1', TZ: 'UTC' },
});
// The databases the suites have finished with, dropped while they run (see test/databases.ts).
let dropping = Promise.resolve();
const DROP_EVERY_MS = 10_000;
const dropper = setInterval(() => {
  dropping = dropping
    .then(() => templates.dropFinished())
    // What is left is dropped at the end (templates.drop).
    .catch((error: unknown) => void process.stderr.write(`groupz tests: dropping finished databases: ${String(error)}\n`));
}, DROP_EVERY_MS);
const status = await new Promise<number | null>((resolve) => suites.on('exit', resolve));
clearInterval(dropper);
await dropping;
await templates.drop();
process.exitCode = status ?? 1;
if (measured) {
  const lines = reportCoverage(root);
  if (floor && lines < COVERAGE_FLOOR) {
    process.stdout.write(`groupz tests: ${lines} % of src/'s lines run, under the floor of ${COVERAGE_FLOOR} %\n`);
    process.exitCode = 1;
  }
}
if (!pg) {
  process.stdout.write(
    `\n*** PostgreSQL suites were SKIPPED: set GROUPZ_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test (any server you may create databases on) ***\n`,
  );
}
