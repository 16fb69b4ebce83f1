import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { addNoticeRecipient, bookingRow, historyOf, mailsOf, mailsOfKind } from '../../../test/lifecycle.js';
import { findSlot } from '../availability/slot.repository.js';
import { runJobOnce } from '../jobs/scheduler.js';
import { extendOption } from './booking-admin.service.js';
import { bookingLifecycleJob, runBookingLifecycle } from './booking-lifecycle.service.js';
import { TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { refusedWith } from '../../../test/outcomes.js';

const HOUR = 3_600_000;

const staff = TEST_ADMIN_ACTOR;

for (const dialect of testDialects()) {
  describe(`the automatic booking lifecycle on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    beforeEach(async () => {
      database = await dialect.create();
      clock = new TestClock('2026-06-01T08:00:00Z');
    });
    afterEach(() => database.close());

    test('an option expires exactly at its deadline, its places come back, and it is mailed once', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { hours: 48 } });
      await addNoticeRecipient(db, activity.venue.id, 'balie@venue.test');
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 10 });
      const { booking } = await book(db, clock, slot, { option: true, groupSize: 6 });
      const deadline = booking.optionExpiresAt!.getTime();

      clock.set(new Date(deadline - 1));
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal((await bookingRow(db, booking.id)).status, 'option', 'a millisecond before, still an option');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 6, 'its places still held');

      clock.set(new Date(deadline));
      const job = bookingLifecycleJob(db, clock, NO_PAYMENTS);
      const [first, second] = await Promise.all([runJobOnce(db, clock, 'instance-a', job), runJobOnce(db, clock, 'instance-b', job)]);
      assert.ok([first, second].includes('ran'));
      await Promise.all([runBookingLifecycle(db, clock, NO_PAYMENTS), runBookingLifecycle(db, clock, NO_PAYMENTS)]); // two instances without the lease
      await runBookingLifecycle(db, clock, NO_PAYMENTS);

      const row = await bookingRow(db, booking.id);
      assert.deepEqual([row.status, row.option_expires_at], ['expired', null]);
      const stored = (await findSlot(db, slot.id))!;
      assert.deepEqual([stored.bookedPersons, stored.bookedGroups], [0, 0], 'the places are back on the slot');
      assert.equal(await mailsOfKind(db, booking.id, 'option_expired'), 1);
      assert.deepEqual(
        (await mailsOf(db, booking.id)).filter(([kind]) => kind === 'staff_booking_changed'),
        [['staff_booking_changed', 'balie@venue.test', { change: 'expired', by: 'system' }]],
      );
      assert.deepEqual(
        (await historyOf(db, booking.reference)).filter(([action]) => action === 'booking.expired'),
        [['booking.expired', 'system', { from: 'option', to: 'expired', places_released: 6 }]],
      );
    });

    test('an option is reminded once, 24 hours before its deadline', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { hours: 72 } });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const { booking } = await book(db, clock, slot, { option: true });
      const deadline = booking.optionExpiresAt!.getTime();
      clock.set(new Date(deadline - 24 * HOUR - 1));
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).optionReminders, 0);
      clock.set(new Date(deadline - 24 * HOUR));
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).optionReminders, 1);
      clock.advance(HOUR);
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).optionReminders, 0);
      assert.equal(await mailsOfKind(db, booking.id, 'option_expiring'), 1);
      assert.equal((await bookingRow(db, booking.id)).option_reminder_sent_at, new Date(deadline - 24 * HOUR).toISOString());
      assert.ok(
        (await historyOf(db, booking.reference)).some(([action, by]) => action === 'booking.option_reminder_sent' && by === 'system'),
      );
    });

    test('a confirmed visit is reminded once, 48 hours before it starts, and completed once it has ended', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, {});
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15', time: '10:00', capacity: 10 });
      const { booking } = await book(db, clock, slot, { groupSize: 4 });
      const start = slot.startsAt.getTime();
      clock.set(new Date(start - 48 * HOUR - 1));
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).visitReminders, 0);
      clock.set(new Date(start - 48 * HOUR));
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).visitReminders, 1);
      clock.set(new Date(start - HOUR));
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).visitReminders, 0);
      assert.equal(await mailsOfKind(db, booking.id, 'visit_reminder'), 1);

      clock.set(new Date(slot.endsAt.getTime() - 1));
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed', 'not before the end');
      clock.set(slot.endsAt);
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).completed, 1);
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).completed, 0);
      assert.equal((await bookingRow(db, booking.id)).status, 'completed');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4, 'a completed booking keeps its places counted');
      assert.deepEqual((await historyOf(db, booking.reference)).at(-1), [
        'booking.completed',
        'system',
        { from: 'confirmed', to: 'completed', places_released: 0 },
      ]);
      assert.deepEqual(
        (await mailsOf(db, booking.id)).map(([kind]) => kind),
        ['booking_received', 'visit_reminder'],
        'completion sends nothing',
      );
    });

    test('one run after days of downtime catches up on everything that fell due, and only on that', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { hours: 48 } });
      const over = await makeSlot(db, clock, activity, { date: '2026-06-05', time: '10:00' });
      const soon = await makeSlot(db, clock, activity, { date: '2026-06-06', time: '10:00' });
      const later = await makeSlot(db, clock, activity, { date: '2026-06-20', time: '10:00' });
      const option = await book(db, clock, later, { option: true, groupSize: 3 });
      const visited = await book(db, clock, over, { groupSize: 2 });
      const coming = await book(db, clock, soon, { groupSize: 2 });
      const future = await book(db, clock, later, { groupSize: 2 });

      clock.set('2026-06-05T12:00:00Z'); // four days later: the option's deadline (3 June) and one visit have passed
      assert.deepEqual(await runBookingLifecycle(db, clock, NO_PAYMENTS), {
        expired: 1,
        paymentsExpired: 0,
        optionReminders: 0,
        visitReminders: 1,
        completed: 1,
        invoiceReminders: 0,
      });
      assert.equal((await bookingRow(db, option.booking.id)).status, 'expired');
      assert.equal(await mailsOfKind(db, option.booking.id, 'option_expiring'), 0, 'no reminder for an option already expired');
      assert.equal((await findSlot(db, later.id))?.bookedPersons, 2);
      assert.equal((await bookingRow(db, visited.booking.id)).status, 'completed');
      assert.equal(await mailsOfKind(db, visited.booking.id, 'visit_reminder'), 0, 'no reminder for a visit already over');
      assert.equal(await mailsOfKind(db, coming.booking.id, 'visit_reminder'), 1);
      // Placed while the same address held the option on that slot: its first mail names it.
      assert.deepEqual(await mailsOf(db, future.booking.id), [
        ['booking_received', 'jan@example.nl', { earlier_references: option.booking.reference }],
      ]);
      assert.deepEqual(await runBookingLifecycle(db, clock, NO_PAYMENTS), {
        expired: 0,
        paymentsExpired: 0,
        optionReminders: 0,
        visitReminders: 0,
        completed: 0,
        invoiceReminders: 0,
      });
    });

    test('staff extend an option once, never past the start; the organiser is mailed and the reminder goes out again', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { hours: 48, minDaysBefore: 0 } });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const { booking } = await book(db, clock, slot, { option: true });
      const deadline = booking.optionExpiresAt!.getTime();
      clock.set(new Date(deadline - 12 * HOUR));
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal(await mailsOfKind(db, booking.id, 'option_expiring'), 1);

      clock.advance(60_000);
      assert.equal(await extendOption(db, clock, staff, booking.id), true);
      const row = await bookingRow(db, booking.id);
      assert.deepEqual(
        [row.option_expires_at, row.option_extended_at, row.option_reminder_sent_at],
        [new Date(deadline + 48 * HOUR).toISOString(), clock.now().toISOString(), null],
      );
      assert.deepEqual((await historyOf(db, booking.reference)).at(-1), [
        'booking.option_extended',
        'staff',
        { from: new Date(deadline).toISOString(), to: new Date(deadline + 48 * HOUR).toISOString() },
      ]);
      await assert.rejects(extendOption(db, clock, staff, booking.id), refusedWith('option_already_extended'));
      assert.equal(await mailsOfKind(db, booking.id, 'option_extended'), 1, 'the organiser hears of the new deadline once');

      clock.set(new Date(deadline + 1));
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal((await bookingRow(db, booking.id)).status, 'option', 'the old deadline no longer counts');
      clock.set(new Date(deadline + 48 * HOUR - 24 * HOUR));
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal(await mailsOfKind(db, booking.id, 'option_expiring'), 2, 'a reminder for the new deadline');

      // Three days before the visit: 48 hours more would run a day past its start.
      const close = await makeSlot(db, clock, activity, { date: '2026-06-07', time: '10:00' });
      const near = await book(db, clock, close, { option: true, email: 'els@example.nl' });
      assert.equal(near.booking.optionExpiresAt?.toISOString(), '2026-06-06T08:00:00.000Z');
      assert.equal(await extendOption(db, clock, staff, near.booking.id), true);
      assert.equal((await bookingRow(db, near.booking.id)).option_expires_at, close.startsAt.toISOString(), 'at most until the start');

      const late = await book(db, clock, close, { option: true, email: 'piet@example.nl' });
      clock.set(late.booking.optionExpiresAt!);
      await assert.rejects(extendOption(db, clock, staff, late.booking.id), refusedWith('option_expired'));
    });
  });
}
