import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { type Job, LEASE_AFTER_STOP_SECONDS, runJobOnce, startScheduler } from './scheduler.js';

/** A job whose runs wait until the test lets them end, counted. */
function heldJob(name: string) {
  const runs: (() => void)[] = [];
  let ended = 0;
  const job: Job = {
    name,
    everySeconds: 3600,
    run: () =>
      new Promise<void>((resolve) =>
        runs.push(() => {
          ended += 1;
          resolve();
        }),
      ),
  };
  /** Waits until `count` runs have started; fails after 5 seconds. */
  const started = async (count: number) => {
    const deadline = Date.now() + 5000;
    while (runs.length < count) {
      assert.ok(Date.now() < deadline, `${runs.length} runs started, not ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { job, runs, started, ended: () => ended };
}

for (const dialect of testDialects()) {
  describe(`the scheduler on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('runs a job at start; asked to run it now during a run, runs it once more after that run, not beside it', async () => {
      const clock = new TestClock('2026-12-01T10:00:00Z');
      const held = heldJob('held');
      const scheduler = startScheduler(database.db, clock, [held.job], (_, error) => assert.fail(String(error)));
      await held.started(1);
      scheduler.runNow('held');
      scheduler.runNow('held');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(held.runs.length, 1, 'no second run beside the first');
      held.runs[0]!();
      await held.started(2);
      held.runs[1]!();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(held.runs.length, 2, 'the asks during one run make one run after it');
      assert.equal(held.ended(), 2);

      scheduler.runNow('held');
      await held.started(3);
      held.runs[2]!();
      await scheduler.stop(0);
      scheduler.runNow('held');
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(held.runs.length, 3, 'nothing runs once stopped');
    });

    test('the runs at start wait for firstRuns; a run asked for before that does not', async () => {
      const clock = new TestClock('2026-12-01T10:30:00Z');
      const waiting = heldJob('waits-for-first-runs');
      const asked = heldJob('asked-before-first-runs');
      let begin = () => {};
      const firstRuns = new Promise<void>((resolve) => (begin = resolve));
      const scheduler = startScheduler(database.db, clock, [waiting.job, asked.job], (_, error) => assert.fail(String(error)), firstRuns);
      scheduler.runNow(asked.job.name);
      await asked.started(1);
      assert.equal(waiting.runs.length, 0, 'no run at start before firstRuns');
      begin();
      await waiting.started(1);
      waiting.runs[0]!();
      asked.runs[0]!();
      await scheduler.stop(60_000);
      assert.equal(asked.runs.length, 1, 'the run at start of a job already running is skipped, as a tick is');
    });

    test('a stop waits for a run under way, and shortens the lease of one it gives up on, to end after the process', async () => {
      const clock = new TestClock('2026-12-01T11:00:00Z');
      const held = heldJob('stopped-held');
      const first = startScheduler(database.db, clock, [held.job], (_, error) => assert.fail(String(error)));
      await held.started(1);
      let stopped = false;
      const stopping = first.stop(60_000).then(() => (stopped = true));
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(stopped, false, 'the stop waits for the run under way');
      held.runs[0]!();
      await stopping;

      const again = heldJob('given-up');
      const second = startScheduler(database.db, clock, [again.job], (_, error) => assert.fail(String(error)));
      await again.started(1);
      // The run never ends: the stop gives up on it after its grace.
      await second.stop(20);
      const lease = await database.db.selectFrom('job_leases').selectAll().where('name', '=', 'given-up').executeTakeFirstOrThrow();
      const ends = new Date(clock.now().getTime() + LEASE_AFTER_STOP_SECONDS * 1000);
      assert.equal(lease.expires_at, ends.toISOString(), 'the lease ends shortly after the stop, not at its full length');
      // Another instance finds the job busy while the run given up on may still run (until the process ends)...
      const ran: Date[] = [];
      const next = { ...again.job, run: async (now: Date) => ran.push(now) };
      assert.equal(await runJobOnce(database.db, clock, 'next-instance', next), 'busy');
      // ...and runs it once the shortened lease has ended, long before the lease's own end.
      clock.set(ends.toISOString());
      assert.equal(await runJobOnce(database.db, clock, 'next-instance', next), 'ran');
      assert.deepEqual(ran, [ends]);
    });
  });
}
