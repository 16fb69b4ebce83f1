import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { findSlot } from '../availability/slot.repository.js';
import type { Slot } from '../availability/slot.js';
import type { Activity } from '../catalog/activity.js';
import { DomainError } from '../shared/errors.js';
import type { BookingDetails } from '../bookings/booking.js';
import { cancelRefusal, groupSizeRefusal, organiserActions } from '../bookings/booking-changes.js';
import { cancelByOrganiser, changeBookingAsStaff, changeGroupSize } from './booking-changes.service.js';
import { findBookingByLink } from './booking.service.js';
import { changeBookingStatus } from './booking-admin.service.js';
import { changeStatus, detailsToChange } from './status-change.service.js';
import { TEST_ADMIN_ACTOR } from '../../../test/actors.js';

describe("the organiser's deadlines", () => {
  const start = new Date('2026-06-15T08:00:00Z');
  const rules = (status: BookingDetails['status']) =>
    ({
      status,
      groupSize: 6,
      slot: { startsAt: start },
      activity: { minGroupSize: 2, maxGroupSize: 20, bookingCutoffMinutes: 60, rules: { cancelUntilHours: 48 } },
    }) as Pick<BookingDetails, 'status' | 'groupSize' | 'slot' | 'activity'>;
  const at = (hoursBefore: number, ms = 0) => new Date(start.getTime() - hoursBefore * 3_600_000 + ms);

  test('a confirmed booking: fewer people and cancelling until 48 hours before, more people until the cut-off', () => {
    const confirmed = rules('confirmed');
    assert.equal(cancelRefusal(confirmed, at(48, -1)), undefined);
    assert.equal(cancelRefusal(confirmed, at(48)), 'cancel_closed');
    assert.equal(groupSizeRefusal(confirmed, 5, at(48, -1)), undefined);
    assert.equal(groupSizeRefusal(confirmed, 5, at(48)), 'decrease_closed');
    assert.equal(groupSizeRefusal(confirmed, 7, at(48)), undefined);
    assert.equal(groupSizeRefusal(confirmed, 7, at(1, -1)), undefined);
    assert.equal(groupSizeRefusal(confirmed, 7, at(1)), 'change_closed');
    assert.equal(groupSizeRefusal(confirmed, 1, at(100)), 'group_too_small');
    assert.equal(groupSizeRefusal(confirmed, 21, at(100)), 'group_too_large');
    assert.deepEqual(organiserActions(confirmed, at(47)), {
      changeGroupSize: true,
      decrease: false,
      cancel: false,
      changeUntil: at(1),
      cancelUntil: at(48),
    });
  });

  test('an option or a request: smaller and cancelled until the start; a final status nothing', () => {
    for (const status of ['option', 'requested'] as const) {
      assert.equal(cancelRefusal(rules(status), at(0, -1)), undefined, status);
      assert.equal(cancelRefusal(rules(status), at(0)), 'cancel_closed', status);
      assert.equal(groupSizeRefusal(rules(status), 3, at(2)), undefined, status);
    }
    for (const status of ['cancelled', 'expired', 'completed'] as const) {
      assert.equal(cancelRefusal(rules(status), at(100)), 'booking_not_active', status);
      assert.equal(groupSizeRefusal(rules(status), 7, at(100)), 'booking_not_active', status);
      assert.deepEqual(organiserActions(rules(status), at(100)).changeGroupSize, false);
    }
  });
});

for (const dialect of testDialects()) {
  describe(`changes decided on an old read change nothing (${dialect.name})`, () => {
    let database: TestDatabase;
    let activity: Activity;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
      activity = await makeActivity(database.db, clock, { minGroupSize: 1, maxGroupSize: 20 });
    });
    after(() => database.close());

    /** A booking, and `copies` reads of it taken now, as concurrent requests would each have read it. */
    async function bookAndRead(slot: Slot, groupSize: number, copies: number): Promise<BookingDetails[]> {
      const { manageToken } = await book(database.db, clock, slot, { groupSize });
      return Promise.all(Array.from({ length: copies }, async () => (await findBookingByLink(database.db, 'manage', manageToken))!));
    }
    const counts = async (slot: Slot) => {
      const now = (await findSlot(database.db, slot.id))!;
      return [now.bookedPersons, now.bookedGroups];
    };
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => 'done',
        (error: unknown) => (error instanceof DomainError ? error.code : Promise.reject(error)),
      );

    test("new contact details keep the booking's price, even when the activity's price changed since", async () => {
      const own = await makeActivity(database.db, clock, { minGroupSize: 1, maxGroupSize: 20 });
      const slot = await makeSlot(database.db, clock, own, { date: '2026-06-19', capacity: 30 });
      const { booking: placed, manageToken } = await book(database.db, clock, slot, { groupSize: 6 });
      const pricing = JSON.stringify([{ label: { nl: 'Duurder', en: 'Dearer' }, basis: 'person', vat: 'low', amountCents: 99_999 }]);
      await database.db.updateTable('activities').set({ pricing }).where('id', '=', own.id).execute();
      const booking = (await findBookingByLink(database.db, 'manage', manageToken))!;
      const contact = {
        name: 'Nieuwe Naam',
        email: booking.email,
        phone: booking.phone,
        organisation: booking.organisation,
        notes: booking.notes,
      };
      await changeBookingAsStaff(database.db, clock, { by: 'staff', ...TEST_ADMIN_ACTOR }, booking, { groupSize: 6, contact });
      const row = await database.db
        .selectFrom('bookings')
        .select(['total_cents', 'vat_cents', 'organiser_name'])
        .where('id', '=', placed.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, { total_cents: placed.price.totalCents, vat_cents: placed.price.vatCents, organiser_name: 'Nieuwe Naam' });
    });

    test('a second cancel on the same read releases nothing', async () => {
      const slot = await makeSlot(database.db, clock, activity, { date: '2026-06-20', capacity: 30 });
      await bookAndRead(slot, 10, 0);
      const [first, second] = await bookAndRead(slot, 5, 2);
      await cancelByOrganiser(database.db, clock, first!);
      assert.equal(await refusal(cancelByOrganiser(database.db, clock, second!)), 'booking_not_active');
      assert.deepEqual(await counts(slot), [10, 1]);
    });

    test('a size change on a read from before a cancel or another change takes and releases nothing', async () => {
      const slot = await makeSlot(database.db, clock, activity, { date: '2026-06-21', capacity: 30 });
      const [a1, a2, a3] = await bookAndRead(slot, 4, 3);
      assert.deepEqual(await changeGroupSize(database.db, clock, a1!, 6), { changed: true, from: 4, to: 6, refundCents: 0 });
      assert.equal(await refusal(changeGroupSize(database.db, clock, a2!, 5)), 'booking_changed');
      assert.equal(await refusal(changeGroupSize(database.db, clock, a3!, 2)), 'booking_changed');
      assert.deepEqual(await counts(slot), [6, 1]);

      const [b1, b2, b3] = await bookAndRead(slot, 4, 3);
      await cancelByOrganiser(database.db, clock, b1!);
      assert.equal(await refusal(changeGroupSize(database.db, clock, b2!, 8)), 'booking_not_active');
      assert.equal(await refusal(changeGroupSize(database.db, clock, b3!, 2)), 'booking_not_active');
      assert.deepEqual(await counts(slot), [6, 1], 'the cancelled booking took nothing back');
    });

    test('a cancel on a read from before a size change releases nothing', async () => {
      const slot = await makeSlot(database.db, clock, activity, { date: '2026-06-22', capacity: 30 });
      await bookAndRead(slot, 10, 0);
      const [a1, a2] = await bookAndRead(slot, 4, 2);
      await changeGroupSize(database.db, clock, a1!, 7);
      assert.equal(await refusal(cancelByOrganiser(database.db, clock, a2!)), 'booking_changed');
      assert.deepEqual(await counts(slot), [17, 2]);
    });

    test('a staff status change on a read from before a size change releases nothing', async () => {
      const slot = await makeSlot(database.db, clock, activity, { date: '2026-06-23', capacity: 30 });
      const [before, organiser] = await bookAndRead(slot, 4, 2);
      await changeGroupSize(database.db, clock, organiser!, 9);
      const cancel = { to: 'cancelled', actor: { by: 'system' }, action: 'booking.cancelled' } as const;
      const stale = await database.db.transaction().execute((trx) => changeStatus(trx, clock, detailsToChange(before!), cancel));
      assert.equal(stale, false, 'the stale read of 4 persons changes nothing');
      assert.deepEqual(await counts(slot), [9, 1]);
    });

    test("staff cancels racing the organiser's size changes: the slot counts what the bookings hold, and no request fails", async () => {
      const slot = await makeSlot(database.db, clock, activity, { date: '2026-06-24', capacity: 60 });
      const reads = await Promise.all([3, 5, 7, 9].map(async (size) => (await bookAndRead(slot, size, 1))[0]!));
      const outcomes = await Promise.all(
        reads.flatMap((booking) => [
          refusal(changeGroupSize(database.db, clock, booking, booking.groupSize + 2)),
          refusal(changeBookingStatus(database.db, clock, TEST_ADMIN_ACTOR, booking.id, 'cancel')),
          refusal(changeGroupSize(database.db, clock, booking, booking.groupSize - 1)),
        ]),
      );
      assert.ok(
        outcomes.every((o) => ['done', 'booking_changed', 'booking_not_active'].includes(o)),
        outcomes.join(','),
      );
      const rows = await database.db.selectFrom('bookings').select(['status', 'group_size']).where('slot_id', '=', slot.id).execute();
      const held = rows.filter((r) => r.status !== 'cancelled');
      assert.deepEqual(await counts(slot), [held.reduce((sum, r) => sum + r.group_size, 0), held.length]);
    });
  });
}
