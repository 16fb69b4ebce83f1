import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { HEARTBEAT_SECONDS, INSTANCE_ALIVE_SECONDS, runningInstances, startInstanceHeartbeat } from './instance-heartbeat.service.js';
import { instancesSeenSince } from './platform-instance.repository.js';

for (const dialect of testDialects()) {
  describe(`the instance heartbeat on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('a running instance is recorded with its host and pid, counts as running for 30 s after it was last seen, and is gone after a stop', async () => {
      const { db } = database;
      const clock = new TestClock('2026-12-01T10:00:00Z');
      const errors: unknown[] = [];
      const stop = await startInstanceHeartbeat(db, clock, (error) => errors.push(error));
      const [running] = await runningInstances(db, clock);
      assert.equal(running?.hostname, hostname());
      assert.equal(running?.pid, process.pid);
      assert.equal(running?.startedAt, '2026-12-01T10:00:00.000Z');

      clock.advance(INSTANCE_ALIVE_SECONDS * 1000);
      assert.equal((await runningInstances(db, clock)).length, 1, 'seen exactly 30 s ago: still running');
      clock.advance(1000);
      assert.deepEqual(await runningInstances(db, clock), [], 'not seen for 31 s: no longer running');

      await stop();
      assert.deepEqual(await instancesSeenSince(db, '1970-01-01T00:00:00Z'), [], 'a clean stop deletes the row');
      assert.deepEqual(errors, []);
    });

    test('every 10 s the instance records that it was seen again, so it counts as running as long as it runs', async (t) => {
      const { db } = database;
      const clock = new TestClock('2026-12-01T11:00:00Z');
      t.mock.timers.enable({ apis: ['setInterval'] });
      const stop = await startInstanceHeartbeat(db, clock, (error) => assert.fail(String(error)));
      for (let beat = 1; beat <= 4; beat++) {
        clock.advance(HEARTBEAT_SECONDS * 1000);
        t.mock.timers.tick(HEARTBEAT_SECONDS * 1000);
        // The beat writes in the background: wait for its row (a query takes real time, no sleep).
        const seenAt = clock.now().toISOString();
        for (let tries = 0; (await instancesSeenSince(db, seenAt)).length === 0; tries++)
          assert.ok(tries < 1000, `beat ${beat} not recorded`);
      }
      clock.advance((INSTANCE_ALIVE_SECONDS - 1) * 1000);
      assert.equal((await runningInstances(db, clock)).length, 1, '69 s after the start, last seen 29 s ago: running');
      await stop();
    });
  });
}
