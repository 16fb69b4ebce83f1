import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, type TestDialect, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { completeBilling, sequencesOf } from '../../invoicing.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

const TERMS = { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 } as const;
const BOOKINGS = 40;

/**
 * Organisers book on invoice at the same moment over real HTTP, spread over two server processes
 * on one database: each booking is confirmed at once and its invoice issued in that transaction,
 * so the venue's numbers are taken concurrently by both processes.
 */
function invoiceRushSuite(dialect: TestDialect) {
  describe(`invoice numbers over HTTP on ${dialect.name}, two server processes`, () => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    before(async () => {
      database = await dialect.create();
      servers = await Promise.all([1, 2].map(() => startServer({ ...database.env, ...BOOKING_LIMITS_OFF })));
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database.close();
    });

    test(`${BOOKINGS} bookings on invoice at once: invoices numbered 1..${BOOKINGS}, no gap, no duplicate`, async () => {
      const { db } = database;
      const activity = await makeActivity(db, systemClock, { payment: TERMS });
      await completeBilling(db, activity.venue.id, 'GZ-RUSH');
      const slot = await makeSlot(db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 500 });
      const billing = { organisation: 'Basisschool De Linde', address: 'Lindelaan 1\n3500 AA Utrecht', reference: 'PO-1' };
      const responses = await Promise.all(
        Array.from({ length: BOOKINGS }, async (_, i) => {
          const res = await fetch(`${servers[i % 2]!.url}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(bookingRequest(slot.id, { groupSize: 3, email: `o${i}@example.nl`, payBy: 'invoice', billing })),
          });
          return { status: res.status, body: await res.text() };
        }),
      );
      assert.deepEqual(
        responses.filter((r) => r.status !== 201),
        [],
      );
      const year = Number(localDateOf(new Date()).slice(0, 4));
      assert.deepEqual(
        await sequencesOf(db, activity.venue.id, year),
        Array.from({ length: BOOKINGS }, (_, i) => i + 1),
      );
      const invoices = await db.selectFrom('invoices').select(['number', 'booking_id', 'total_cents']).execute();
      assert.equal(new Set(invoices.map((r) => r.booking_id)).size, BOOKINGS, 'one invoice per booking');
      assert.ok(invoices.every((r) => r.total_cents === 3 * 1250));
      assert.ok(invoices.some((r) => r.number === `GZ-RUSH-${year}-${String(BOOKINGS).padStart(6, '0')}`));
    });
  });
}

for (const dialect of testDialects()) invoiceRushSuite(dialect);
