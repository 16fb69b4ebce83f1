import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { runJobOnce } from '../jobs/scheduler.js';
import { hashToken } from '../shared/ids.js';
import { staffSweepJob } from './staff-sweep.service.js';
import { chargeAttempt, THROTTLE_RULES } from '../throttles/throttle.js';

const HOUR = 3600_000;
const SETTINGS = { idleTimeoutSeconds: 3600, absoluteTimeoutSeconds: 12 * 3600 };

for (const dialect of testDialects()) {
  describe(`the staff sweep job (${dialect.name})`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');

    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    const keys = async () => (await database.db.selectFrom('throttles').select('key').orderBy('key').execute()).map((row) => row.key);
    const fail = (rule: (typeof THROTTLE_RULES)[keyof typeof THROTTLE_RULES], subject: string) =>
      chargeAttempt(database.db, clock, [{ rule, subject }]);

    test('deletes decayed throttle counters under its lease, by the injected clock, and keeps the rest', async () => {
      const job = staffSweepJob(database.db, clock, SETTINGS);
      const key = (rule: { name: string }, subject: string) => `${rule.name}:${hashToken(subject)}`;
      await fail(THROTTLE_RULES.accountPassword, 'old@venue.test');
      await fail(THROTTLE_RULES.client, '192.0.2.0/24');
      clock.advance(2 * HOUR);
      await fail(THROTTLE_RULES.accountSecondFactor, 'recent-account-id');
      await fail(THROTTLE_RULES.client, '198.51.100.0/24');
      // A counter whose last failure is old but that still blocks (as a rule with a long wait would).
      await database.db
        .insertInto('throttles')
        .values({
          key: key(THROTTLE_RULES.client, '203.0.113.0/24'),
          failures: 40,
          last_failure_at: new Date(clock.now().getTime() - 5 * HOUR).toISOString(),
          blocked_until: new Date(clock.now().getTime() + HOUR).toISOString(),
        })
        .execute();
      assert.equal((await keys()).length, 5);

      // Two hours on: only the network counter of two hours ago has decayed (a network's decay is an hour).
      assert.equal(await runJobOnce(database.db, clock, 'instance-a', job), 'ran');
      assert.deepEqual(
        await keys(),
        [
          key(THROTTLE_RULES.client, '198.51.100.0/24'),
          key(THROTTLE_RULES.client, '203.0.113.0/24'),
          key(THROTTLE_RULES.accountPassword, 'old@venue.test'),
          key(THROTTLE_RULES.accountSecondFactor, 'recent-account-id'),
        ].sort(),
      );

      // A day and a bit later, the account counters have decayed too; the block has ended, so it goes as well.
      clock.advance(23 * HOUR);
      assert.equal(await runJobOnce(database.db, clock, 'instance-a', job), 'ran');
      assert.deepEqual(await keys(), [key(THROTTLE_RULES.accountSecondFactor, 'recent-account-id')]);
      clock.advance(2 * HOUR);
      const report = await job.run(clock.now());
      assert.deepEqual(report, { sessions: 0, throttles: 1 });
      assert.deepEqual(await keys(), []);

      // A swept counter starts over, as a decayed one did: ten more wrong passwords before any wait.
      for (let i = 0; i < 9; i += 1) await fail(THROTTLE_RULES.accountPassword, 'old@venue.test');
      await fail(THROTTLE_RULES.accountPassword, 'old@venue.test');
      await assert.rejects(fail(THROTTLE_RULES.accountPassword, 'old@venue.test'), { code: 'throttled' });
    });

    test("deletes the booking limits' counters after three hours without a booking, not before", async () => {
      const job = staffSweepJob(database.db, clock, SETTINGS);
      const key = (rule: { name: string }, subject: string) => `${rule.name}:${hashToken(subject)}`;
      const bookingKeys = async () => (await keys()).filter((k) => k.startsWith('booking-'));
      await fail(THROTTLE_RULES.bookingNetwork, '192.0.2.7/32');
      await fail(THROTTLE_RULES.bookingEmail, 'teacher@school.nl');
      clock.advance(2 * HOUR);
      await job.run(clock.now());
      assert.deepEqual(
        await bookingKeys(),
        [key(THROTTLE_RULES.bookingEmail, 'teacher@school.nl'), key(THROTTLE_RULES.bookingNetwork, '192.0.2.7/32')].sort(),
      );
      clock.advance(HOUR + 1000);
      assert.deepEqual(await job.run(clock.now()), { sessions: 0, throttles: 2 });
      assert.deepEqual(await bookingKeys(), []);
    });

    test('runs on one instance at a time: another holder of the lease keeps it from running', async () => {
      const job = staffSweepJob(database.db, clock, SETTINGS);
      const lease = await database.db.selectFrom('job_leases').selectAll().where('name', '=', job.name).executeTakeFirstOrThrow();
      assert.ok(lease.last_success_at, 'the earlier runs went through the lease');
      await database.db
        .updateTable('job_leases')
        .set({ holder: 'instance-b', expires_at: new Date(clock.now().getTime() + 60_000).toISOString() })
        .where('name', '=', job.name)
        .execute();
      assert.equal(await runJobOnce(database.db, clock, 'instance-a', job), 'busy');
    });
  });
}
