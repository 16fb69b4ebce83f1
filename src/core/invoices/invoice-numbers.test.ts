import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, INVOICE_BILLING, makeActivity, makeSlot } from '../../../test/factories.js';
import { completeBilling, sequencesOf } from '../../../test/invoicing.js';
import { bookingRow } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import type { Activity } from '../catalog/activity.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import { createBooking } from '../booking-flows/booking.service.js';
import { confirmOption } from '../booking-flows/option.service.js';
import { takeInvoiceSequence } from './invoice-numbers.repository.js';

const TERMS = { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 } as const;

for (const dialect of testDialects()) {
  describe(`invoice numbers on ${dialect.name}`, () => {
    let database: TestDatabase;
    let activity: Activity;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
      activity = await makeActivity(database.db, clock, { payment: TERMS, maxGroupSize: 20 });
      await completeBilling(database.db, activity.venue.id, 'GZ-NUM');
    });
    after(() => database.close());

    /** Options paid on invoice, placed one by one (each by its own organiser). */
    async function placeOptions(count: number, from: number, date: string) {
      const { db } = database;
      const slot = await makeSlot(db, clock, activity, { capacity: 200, date });
      const placed = [];
      for (let i = from; i < from + count; i++) {
        const input = bookingInput(slot.id, {
          groupSize: 2,
          email: `o${i}@example.nl`,
          option: true,
          payBy: 'invoice',
          billing: INVOICE_BILLING,
        });
        placed.push((await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, input)).booking);
      }
      return Promise.all(placed.map(async (b) => (await loadBookingDetails(db, await bookingRow(db, b.id)))!));
    }

    test('50 options confirmed at once get the numbers 1..50: no gap, no duplicate', async () => {
      const { db } = database;
      const options = await placeOptions(50, 0, '2026-08-01');
      assert.ok(options.every((o) => o.status === 'option'));
      const confirmed = await Promise.all(options.map((o) => confirmOption(db, clock, o)));
      assert.ok(confirmed.every(Boolean));
      assert.deepEqual(
        await sequencesOf(db, activity.venue.id, 2026),
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const numbers = await db.selectFrom('invoices').select(['number', 'booking_id']).where('venue_id', '=', activity.venue.id).execute();
      assert.equal(new Set(numbers.map((n) => n.booking_id)).size, 50, 'one invoice each');
      assert.ok(numbers.some((n) => n.number === 'GZ-NUM-2026-000050'));
    });

    test('a transaction that fails after taking a number gives it back: the next invoice gets it', async () => {
      const { db } = database;
      const [option] = await placeOptions(1, 100, '2026-08-02');
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          assert.equal(await takeInvoiceSequence(trx, activity.venue.id, 2026), 51);
          throw new Error('fails after taking the number');
        }),
        /fails after taking/,
      );
      assert.ok(await confirmOption(db, clock, option!));
      assert.deepEqual(
        await sequencesOf(db, activity.venue.id, 2026),
        Array.from({ length: 51 }, (_, i) => i + 1),
      );
    });

    test('a new year starts at 1 again', async () => {
      const { db } = database;
      await db.transaction().execute(async (trx) => assert.equal(await takeInvoiceSequence(trx, activity.venue.id, 2027), 1));
      await db.transaction().execute(async (trx) => assert.equal(await takeInvoiceSequence(trx, activity.venue.id, 2027), 2));
    });

    test('an issued invoice is never changed, and deleted only once its retention has passed', async () => {
      const { db } = database;
      const row = await db.selectFrom('invoices').selectAll().where('venue_id', '=', activity.venue.id).limit(1).executeTakeFirstOrThrow();
      await assert.rejects(db.updateTable('invoices').set({ total_cents: 1 }).where('id', '=', row.id).execute(), /invoice_immutable/);
      await assert.rejects(db.deleteFrom('invoices').where('id', '=', row.id).execute(), /invoice_retained/);
      // A row whose retention has passed (inserted as such: none issued today is).
      const old = { ...row, id: `${row.id}-old`, number: 'GZ-NUM-2018-000001', year: 2018, sequence: 1, retain_until: '2025-12-31' };
      await db.insertInto('invoices').values(old).execute();
      await db.deleteFrom('invoices').where('id', '=', old.id).execute();
      assert.equal((await db.selectFrom('invoices').select('id').where('id', '=', old.id).execute()).length, 0);
      assert.equal((await db.selectFrom('invoices').select('id').where('id', '=', row.id).execute()).length, 1);
    });
    test('a counter is never lowered (a number once issued is not given out again); raising it is fine', async () => {
      const { db } = database;
      const counter = () =>
        db
          .selectFrom('invoice_counters')
          .select('last_number')
          .where('venue_id', '=', activity.venue.id)
          .where('year', '=', 2026)
          .executeTakeFirstOrThrow();
      const { last_number: last } = await counter();
      await assert.rejects(
        db
          .updateTable('invoice_counters')
          .set({ last_number: last - 1 })
          .where('venue_id', '=', activity.venue.id)
          .where('year', '=', 2026)
          .execute(),
        /invoice_counter_lowered/,
      );
      await db.updateTable('invoice_counters').set({ last_number: last }).where('venue_id', '=', activity.venue.id).execute();
      assert.equal((await counter()).last_number, last);
      await db.transaction().execute(async (trx) => assert.equal(await takeInvoiceSequence(trx, activity.venue.id, 2026), last + 1));
    });

    if (dialect.name === 'postgres') {
      test('issued invoices are never truncated', async () => {
        const { db } = database;
        await assert.rejects(sql`truncate invoices cascade`.execute(db), /invoice_retained/);
        assert.ok((await db.selectFrom('invoices').select('id').execute()).length > 0);
      });
    }
  });
}
