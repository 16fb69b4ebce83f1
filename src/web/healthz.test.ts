import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { testDialects } from '../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../test/factories.js';
import { HEALTH_REFUSAL_SECONDS } from './plugins/outage-memory.js';

// SQLite's max_page_count makes the file "full" (SQLITE_FULL) as a full disk would, without one.
for (const dialect of testDialects().filter((d) => d.name === 'sqlite')) {
  describe(`/healthz while the database answers reads but refuses writes (${dialect.name})`, () => {
    let t: TestApp;
    let slotId: string;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { bookingLimits: { perNetwork: null, perEmail: null } });
      const activity = await makeActivity(t.database.db, t.clock, { maxGroupSize: 10 });
      slotId = (await makeSlot(t.database.db, t.clock, activity, { date: '2026-07-01', capacity: 5000 })).id;
    });
    after(() => t.close());

    const health = async () => {
      const res = await t.app.inject({ method: 'GET', url: '/healthz' });
      return { status: res.statusCode, body: res.json() as unknown, retryAfter: res.headers['retry-after'] };
    };
    const book = async (n: number) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: { 'accept-language': 'en' },
          payload: bookingRequest(slotId, { groupSize: 2, email: `guest${n}@example.nl` }),
        })
      ).statusCode;

    test('answers 503 from the first refused write until none for HEALTH_REFUSAL_SECONDS, then 200 by itself', async () => {
      assert.deepEqual(await health(), { status: 200, body: { status: 'ok' }, retryAfter: undefined });
      const { page_count: pages } = (await sql<{ page_count: number }>`pragma page_count`.execute(t.database.db)).rows[0]!;
      await sql.raw(`pragma max_page_count = ${pages}`).execute(t.database.db);
      let n = 0;
      while ((await book(n)) === 201) assert.ok(++n < 500, 'a write is refused once the file may not grow');
      assert.equal(await book(n), 503);
      assert.deepEqual(await health(), {
        status: 503,
        body: { status: 'unavailable', checks: { database: 'unavailable' } },
        retryAfter: '120',
      });
      // Space freed: the next write would succeed, but until it is tried /healthz reports the refusal it saw.
      await sql.raw(`pragma max_page_count = ${pages * 100}`).execute(t.database.db);
      t.clock.advance((HEALTH_REFUSAL_SECONDS - 1) * 1000);
      assert.equal((await health()).status, 503, 'within HEALTH_REFUSAL_SECONDS of the refusal');
      t.clock.advance(1000);
      assert.deepEqual(await health(), { status: 200, body: { status: 'ok' }, retryAfter: undefined });
      assert.equal(await book(n), 201);
    });
  });
}
