// test/run.ts's test runner: Node 20's `node --test FILE...` sorts the files it is given, which
// would undo test/run.ts's order (the longest first), so this runs them through node:test's run()
// instead, which keeps it: two at a time, each in a process of its own, as `--test` does. It prints
// the runner's usual report (spec on a terminal, TAP otherwise), exits 1 if a test failed, and with
// --timings records how long each file took (test/timings.ts).
import { run } from 'node:test';
import { spec, tap } from 'node:test/reporters';
import { timingsReporter } from './timings.js';

const args = process.argv.slice(2);
const files = args.filter((arg) => arg !== '--timings');
const stream = run({ files, concurrency: 2 });
stream.on('test:fail', (data: { todo?: boolean | string }) => {
  if (data.todo === undefined || data.todo === false) process.exitCode = 1;
});
stream.compose(process.stdout.isTTY ? new spec() : tap).pipe(process.stdout);
if (args.includes('--timings')) stream.compose(timingsReporter).resume();
