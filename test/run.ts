// `npm test`: every *.test.ts(x) under src/, test/ (system suites in test/system/) and website/, through Node's own test runner.
// (Node 20's `--test` takes no glob patterns, hence this list.)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strictMode } from './tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function findTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(path);
    return /\.test\.tsx?$/.test(entry.name) ? [relative(root, path)] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : ['src', 'test', 'website'].flatMap((dir) => findTests(join(root, dir))).sort();
const pg = process.env.GROUPZ_TEST_PG_URL;
process.stdout.write(
  `groupz tests: ${files.length} files; databases: sqlite${pg ? ' + postgres' : ' only (set GROUPZ_TEST_PG_URL for PostgreSQL)'}; strict: ${strictMode() ? 'yes' : 'no'}\n`,
);
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TZ: 'UTC' },
});
process.exitCode = result.status ?? 1;
if (!pg) {
  process.stdout.write(
    `\n*** PostgreSQL suites were SKIPPED: set GROUPZ_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test (any server you may create databases on) ***\n`,
  );
}
