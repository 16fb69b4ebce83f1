import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import type { Slot } from '../../core/availability/slot.js';
import { UNAVAILABLE_RETRY_SECONDS } from './errors.js';

const postgres = testDialects().find((d) => d.name === 'postgres');

/** The tables the booking path reads with every column, as named statements (src/db/pg-named-statements.ts). */
const READ_WHOLE = ['activities', 'payments', 'refunds'];

describe(
  'bookings after another process’s migration changed their statements (PostgreSQL)',
  { skip: postgres ? false : 'needs GROUPZ_TEST_PG_URL' },
  () => {
    let t: TestApp;
    let slot: Slot;
    before(async () => {
      t = await buildTestApp(postgres!, '2026-06-01T08:00:00Z');
      slot = await makeSlot(t.database.db, t.clock, await makeActivity(t.database.db, t.clock), { date: '2026-06-15', capacity: 40 });
    });
    after(() => t.close());

    const book = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(slot.id, { email }),
        headers: { 'accept-language': 'en' },
      });

    test('fail a request once per statement changed, are no outage for /healthz, and are placed after', async () => {
      assert.equal((await book('first@example.nl')).statusCode, 201);
      // Another process migrates: a column more in each table the booking reads whole.
      for (const table of READ_WHOLE) await sql`alter table ${sql.table(table)} add column later_note text`.execute(t.database.db);

      // Each statement meets the change once in the process (its connections prepare it afresh after):
      // a booking whose transaction met it fails as unavailable, to be tried again.
      const failed: string[] = [];
      let placed = false;
      for (let attempt = 0; attempt <= READ_WHOLE.length && !placed; attempt++) {
        const email = `try${attempt}@example.nl`;
        const answer = await book(email);
        placed = answer.statusCode === 201;
        if (placed) continue;
        assert.equal(answer.statusCode, 503, answer.body);
        assert.equal(answer.json().code, 'unavailable');
        assert.equal(answer.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
        assertSecurityHeaders(answer.headers, 'the 503');
        const health = await t.app.inject('/healthz');
        assert.equal(health.statusCode, 200, `the database serves: ${health.body}`);
        failed.push(email);
      }
      assert.ok(placed, `placed once each changed statement was prepared again (failed: ${failed.join(', ')})`);
      assert.ok(failed.length >= 1, 'a booking met a changed statement inside its transaction');
      assert.equal((await book('next@example.nl')).statusCode, 201, 'and the next one too');
      const stored = await t.database.db.selectFrom('bookings').select('organiser_email').execute();
      assert.equal(stored.length, 3, 'the failed bookings stored nothing');
      assert.ok(!stored.some((b) => failed.includes(b.organiser_email)));
    });
  },
);
