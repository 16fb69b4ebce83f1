import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { findSlot } from '../availability/slot.repository.js';
import { hashToken } from '../shared/ids.js';
import { createBooking, findBookingByLink } from './booking.service.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { refusedWith } from '../../../test/outcomes.js';

for (const dialect of testDialects()) {
  describe(`booking service on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('a booking takes its places, stores its price and only the hash of its manage token', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const { booking, manageToken } = await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 4 }));
      assert.match(booking.reference, /^GZ-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      assert.equal(booking.price.totalCents, 4 * 1250);
      assert.equal(booking.price.vatCents, 413); // 5000 - round(5000 / 1.09)
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4);
      const row = await db.selectFrom('bookings').selectAll().where('reference', '=', booking.reference).executeTakeFirstOrThrow();
      assert.equal(row.manage_token_hash, hashToken(manageToken));
      assert.ok(!JSON.stringify(row).includes(manageToken), 'the token itself is not stored');
      assert.ok(manageToken.length >= 43, '256-bit token');
      const found = await findBookingByLink(db, 'manage', manageToken);
      assert.equal(found?.reference, booking.reference);
      assert.equal(found?.activity.id, activity.id);
      assert.equal(await findBookingByLink(db, 'manage', `${manageToken.slice(0, -1)}x`), undefined);
      assert.equal(await findBookingByLink(db, 'manage', "' or 1=1 --"), undefined);
    });

    test('a booking is priced at the VAT rates the table holds as it is placed, those in force on its date', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const before = await makeSlot(db, clock, activity, { date: '2026-06-19', capacity: 10 });
      const after = await makeSlot(db, clock, activity, { date: '2026-06-20', capacity: 10 });
      const rateOf = async (slotId: string) =>
        (await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slotId, { groupSize: 4 }))).booking.price.vat.map(
          (v) => v.rateBp,
        );
      assert.deepEqual(await rateOf(after.id), [900]);
      // A new reduced rate from 20 June, written straight into the table (as by another process): the next booking sees it.
      await db.insertInto('vat_rates').values({ code: 'low', rate_bp: 1000, valid_from: '2026-06-20' }).execute();
      try {
        assert.deepEqual(await rateOf(after.id), [1000]);
        assert.deepEqual(await rateOf(before.id), [900], 'the day before, the rate in force before');
      } finally {
        await db.deleteFrom('vat_rates').where('valid_from', '=', '2026-06-20').execute();
      }
    });

    test('the rules refuse what the activity and slot do not allow', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock, { minGroupSize: 5, maxGroupSize: 15, bookingCutoffMinutes: 24 * 60 });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-10', capacity: 20 });
      await assert.rejects(
        createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 4 })),
        refusedWith('group_too_small'),
      );
      await assert.rejects(
        createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 16 })),
        refusedWith('group_too_large'),
      );
      await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 15 }));
      await assert.rejects(
        createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 6 })),
        refusedWith('slot_full'),
      );
      await assert.rejects(createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput('no-such-slot')), refusedWith('not_found'));

      // The cut-off: bookings close 24 hours before 10:00 on 10 June (08:00 UTC).
      const later = new TestClock('2026-06-09T07:59:59Z');
      await createBooking(db, later, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 5 }));
      later.set('2026-06-09T08:00:00Z');
      const other = await makeSlot(db, clock, activity, { date: '2026-06-10', time: '11:00' });
      later.set('2026-06-09T09:00:00Z');
      await assert.rejects(
        createBooking(db, later, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(other.id, { groupSize: 5 })),
        refusedWith('booking_closed'),
      );
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 20);
    });

    test('an exclusive slot takes one group, whatever its size', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 12, exclusive: true });
      await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 2 }));
      await assert.rejects(
        createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 2 })),
        refusedWith('slot_full'),
      );
      const stored = await findSlot(db, slot.id);
      assert.deepEqual([stored?.bookedPersons, stored?.bookedGroups], [2, 1]);
    });

    test('200 concurrent bookings of 1..10 persons never oversell a slot of 50', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 50 });
      const sizes = Array.from({ length: 200 }, (_, i) => (i % 10) + 1);
      const results = await Promise.allSettled(
        sizes.map((groupSize) => createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize }))),
      );
      const booked = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.booking.groupSize] : []));
      for (const r of results) if (r.status === 'rejected') assert.ok(refusedWith('slot_full')(r.reason), String(r.reason));
      const rows = await db.selectFrom('bookings').select(['group_size']).where('slot_id', '=', slot.id).execute();
      const stored = await findSlot(db, slot.id);
      assert.equal(rows.length, booked.length, 'every success is stored, nothing else');
      assert.equal(
        rows.reduce((sum, r) => sum + r.group_size, 0),
        stored?.bookedPersons,
      );
      assert.ok((stored?.bookedPersons ?? 0) <= 50, `booked ${stored?.bookedPersons}`);
      assert.ok(booked.length > 0);
    });

    test('slots on both DST Sundays are stored at the right UTC instants', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock, { durationMinutes: 120 });
      const march = await makeSlot(db, clock, activity, { date: '2026-03-29', time: '01:30' });
      const october = await makeSlot(db, clock, activity, { date: '2026-10-25', time: '01:30' });
      const stored = [await findSlot(db, march.id), await findSlot(db, october.id)];
      // 01:30 CET + 2 h crosses into summer time; 01:30 CEST + 2 h crosses back into winter time.
      assert.deepEqual(
        stored.map((s) => [s?.startsAt.toISOString(), s?.endsAt.toISOString()]),
        [
          ['2026-03-29T00:30:00.000Z', '2026-03-29T02:30:00.000Z'],
          ['2026-10-24T23:30:00.000Z', '2026-10-25T01:30:00.000Z'],
        ],
      );
      await assert.rejects(makeSlot(db, clock, activity, { date: '2026-03-29', time: '02:30' }), refusedWith('time_nonexistent'));
    });
  });
}
