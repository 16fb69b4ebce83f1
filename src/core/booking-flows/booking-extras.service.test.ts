import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeExtra, unitsTaken } from '../../../test/extras.js';
import { book, bookingInput, INVOICE_BILLING, makeActivity, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { completeBilling } from '../../../test/invoicing.js';
import { bookingRow } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { findSlot } from '../availability/slot.repository.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import { DomainError } from '../shared/errors.js';
import { FieldsRefused } from '../shared/field-errors.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import { cancelByOrganiser, changeGroupSize } from './booking-changes.service.js';
import { runBookingLifecycle } from './booking-lifecycle.service.js';
import { createBooking, quoteBooking } from './booking.service.js';
import { quoteGroupSize } from './group-size-quote.service.js';
import { refusedWith } from '../../../test/outcomes.js';

const ON_INVOICE: PaymentTerms = { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 };

for (const dialect of testDialects()) {
  describe(`extras on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    async function details(bookingId: string) {
      const found = await loadBookingDetails(database.db, await bookingRow(database.db, bookingId));
      assert.ok(found);
      return found;
    }

    test('a booking takes its extras as price lines, records them, and its invoice states the same amounts', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock, { payment: ON_INVOICE });
      await completeBilling(db, activity.venue.id, 'GZ-EXT');
      const lunch = await makeExtra(db, activity, { label: { nl: 'Lunch', en: 'Lunch' }, position: 1 });
      const drinks = await makeExtra(db, activity, {
        label: { nl: 'Drankjes', en: 'Drinks' },
        basis: 'group',
        vat: 'high',
        amountCents: 4999,
        required: true,
        position: 2,
      });
      const gear = await makeExtra(db, activity, {
        label: { nl: 'Klimset', en: 'Climbing gear' },
        basis: 'unit',
        vat: 'high',
        amountCents: 1333,
        stock: 10,
        position: 3,
      });
      const slot = await makeSlot(db, clock, activity, { capacity: 30 });
      const { booking } = await book(db, clock, slot, {
        groupSize: 13,
        extras: { [lunch.id]: 1, [gear.id]: 3 },
        payBy: 'invoice',
        billing: INVOICE_BILLING,
      });
      assert.equal(booking.status, 'confirmed');
      assert.deepEqual(
        booking.price.lines.map((l) => [l.label.en, l.basis, l.quantity, l.totalCents, l.rateBp]),
        [
          ['Entrance', 'person', 13, 16250, 900],
          ['Lunch', 'person', 13, 12935, 900],
          ['Drinks', 'group', 1, 4999, 2100],
          ['Climbing gear', 'unit', 3, 3999, 2100],
        ],
      );
      assert.deepEqual([booking.price.totalCents, booking.price.vatCents], [38183, 3972]);
      assert.equal(await unitsTaken(db, slot.id, gear.id), 3);
      assert.equal(await unitsTaken(db, slot.id, lunch.id), 13, 'unlimited extras are counted too');
      const held = await db.selectFrom('booking_extras').select(['extra_id', 'quantity']).where('booking_id', '=', booking.id).execute();
      assert.equal(held.length, 3);
      assert.equal(held.find((h) => h.extra_id === drinks.id)?.quantity, 1);
      const invoice = await db
        .selectFrom('invoices')
        .select(['total_cents', 'vat_cents'])
        .where('booking_id', '=', booking.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([invoice.total_cents, invoice.vat_cents], [38183, 3972]);
    });

    test('a choice the activity refuses, and an extra the slot has too few of, are refused before anything is written', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const gear = await makeExtra(db, activity, { basis: 'unit', stock: 2, maxPerBooking: 4 });
      const slot = await makeSlot(db, clock, activity);
      const quote = (extras: Record<string, number>) => quoteBooking(db, clock, NO_PAYMENTS, { slotId: slot.id, groupSize: 4, extras });
      await assert.rejects(quote({ [gear.id]: 5, other: 1 }), (e: unknown) => {
        assert.ok(e instanceof FieldsRefused);
        assert.deepEqual(
          e.errors.map((f) => [f.field, f.code]),
          [
            ['extras.other', 'unknown_extra'],
            [`extras.${gear.id}`, 'too_large'],
          ],
        );
        return true;
      });
      await assert.rejects(
        quote({ [gear.id]: 3 }),
        (e: unknown) => refusedWith('extra_sold_out')(e) && (e as DomainError).details.extra_en === 'Lunch',
      );
      assert.equal((await quote({ [gear.id]: 2 })).price.lines.length, 2);
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 0);
    });

    test('100 concurrent bookings each taking 1 of a stock of 10: exactly 10 succeed', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const gear = await makeExtra(db, activity, { basis: 'unit', vat: 'high', stock: 10 });
      const slot = await makeSlot(db, clock, activity, { capacity: 500 });
      const results = await Promise.allSettled(
        Array.from({ length: 100 }, () =>
          createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 2, extras: { [gear.id]: 1 } })),
        ),
      );
      for (const r of results) if (r.status === 'rejected') assert.ok(refusedWith('extra_sold_out')(r.reason), String(r.reason));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 10);
      assert.equal(await unitsTaken(db, slot.id, gear.id), 10);
      const rows = await db.selectFrom('bookings').select('id').where('slot_id', '=', slot.id).execute();
      assert.equal(rows.length, 10, 'no booking without its unit');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 20, 'the refused ones took no places');
    });

    test('a cancellation and an expiry give the units back, once', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { hours: 48 } });
      const gear = await makeExtra(db, activity, { basis: 'unit', stock: 5 });
      const slot = await makeSlot(db, clock, activity);
      const cancelled = (await book(db, clock, slot, { groupSize: 3, extras: { [gear.id]: 2 } })).booking;
      const option = (await book(db, clock, slot, { groupSize: 3, option: true, extras: { [gear.id]: 3 } })).booking;
      assert.equal(await unitsTaken(db, slot.id, gear.id), 5);
      await cancelByOrganiser(db, clock, await details(cancelled.id));
      assert.equal(await unitsTaken(db, slot.id, gear.id), 3);
      await assert.rejects(cancelByOrganiser(db, clock, await details(cancelled.id)));
      assert.equal(await unitsTaken(db, slot.id, gear.id), 3, 'a second cancel gives nothing back');
      clock.set(option.optionExpiresAt!);
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal((await bookingRow(db, option.id)).status, 'expired');
      assert.equal(await unitsTaken(db, slot.id, gear.id), 0);
      clock.set('2026-06-01T08:00:00Z');
    });

    test('a group size change takes or gives back per-person units, and is refused when they are gone', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const suits = await makeExtra(db, activity, { label: { nl: 'Wetsuit', en: 'Wetsuit' }, stock: 12, amountCents: 500 });
      const slot = await makeSlot(db, clock, activity);
      const { booking } = await book(db, clock, slot, { groupSize: 6, extras: { [suits.id]: 1 } });
      await book(db, clock, slot, { groupSize: 4, extras: { [suits.id]: 1 } });
      assert.equal(await unitsTaken(db, slot.id, suits.id), 10);
      await assert.rejects(quoteGroupSize(db, clock, await details(booking.id), 9), refusedWith('extra_sold_out'));
      await assert.rejects(changeGroupSize(db, clock, await details(booking.id), 9), refusedWith('extra_sold_out'));
      assert.equal(await unitsTaken(db, slot.id, suits.id), 10, 'the refused change took nothing');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 10);
      await changeGroupSize(db, clock, await details(booking.id), 8);
      assert.equal(await unitsTaken(db, slot.id, suits.id), 12);
      const grown = await details(booking.id);
      assert.deepEqual(
        grown.price.lines.map((l) => [l.label.en, l.quantity, l.totalCents]),
        [
          ['Entrance', 8, 8 * 1250],
          ['Wetsuit', 8, 8 * 500],
        ],
      );
      await changeGroupSize(db, clock, grown, 3);
      assert.equal(await unitsTaken(db, slot.id, suits.id), 7);
      const held = await db.selectFrom('booking_extras').select('quantity').where('booking_id', '=', booking.id).executeTakeFirstOrThrow();
      assert.equal(held.quantity, 3);
    });
  });
}
