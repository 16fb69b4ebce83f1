import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { addNoticeRecipient, bookingRow, historyOf, mailsOf, mailsOfKind } from '../../../test/lifecycle.js';
import { findSlot } from '../availability/slot.repository.js';
import type { Slot } from '../availability/slot.js';
import { DEFAULT_ACTIVITY_RULES } from '../catalog/activity.js';
import { changeBookingStatus } from './booking-admin.service.js';
import { runBookingLifecycle } from './booking-lifecycle.service.js';
import { findBookingByLink } from './booking.service.js';
import { optionDeadline, optionRefusal } from '../bookings/option.js';
import { confirmOption } from './option.service.js';
import { TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { refusedWith } from '../../../test/outcomes.js';

const staff = TEST_ADMIN_ACTOR;

const HOUR = 3_600_000;

describe('option deadlines', () => {
  const rules = { ...DEFAULT_ACTIVITY_RULES.options, hours: 48, minDaysBefore: 7 };
  const slot = (startsAt: string): Slot => ({
    id: 's',
    activityId: 'a',
    startsAt: new Date(startsAt),
    endsAt: new Date(startsAt),
    capacity: 10,
    exclusive: false,
    bookedPersons: 0,
    bookedGroups: 0,
  });

  test('the deadline is the earlier of now + hours and the start minus the days', () => {
    const now = new Date('2026-06-01T08:00:00Z');
    assert.equal(optionDeadline(rules, slot('2026-06-15T08:00:00Z'), now).toISOString(), '2026-06-03T08:00:00.000Z', 'by its length');
    assert.equal(optionDeadline(rules, slot('2026-06-09T08:00:00Z'), now).toISOString(), '2026-06-02T08:00:00.000Z', 'by the start');
  });

  test('the days before the start are Amsterdam calendar days, also across the end of summer time', () => {
    // 10:00 on Friday 30 October (winter time, 09:00 UTC); a week earlier 10:00 is summer time (08:00 UTC).
    const start = slot('2026-10-30T09:00:00Z');
    assert.equal(optionDeadline(rules, start, new Date('2026-10-22T09:00:00Z')).toISOString(), '2026-10-23T08:00:00.000Z');
  });

  test('options stop exactly minDaysBefore days before the start; not at all when not allowed', () => {
    const start = slot('2026-06-15T08:00:00Z');
    assert.equal(optionRefusal(rules, start, new Date('2026-06-08T07:59:59.999Z')), undefined);
    assert.equal(optionRefusal(rules, start, new Date('2026-06-08T08:00:00Z')), 'option_too_late');
    assert.equal(optionRefusal({ ...rules, allowed: false }, start, new Date('2026-06-01T08:00:00Z')), 'option_not_allowed');
    assert.equal(optionRefusal({ ...rules, minDaysBefore: 0 }, start, new Date('2026-06-15T07:59:00Z')), undefined);
  });
});

for (const dialect of testDialects()) {
  describe(`options and requests on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    beforeEach(async () => {
      database = await dialect.create();
      clock = new TestClock('2026-06-01T08:00:00Z');
    });
    afterEach(() => database.close());

    test('an option holds its places until its deadline and tells the organiser and the staff', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { hours: 48, minDaysBefore: 7 } });
      await addNoticeRecipient(db, activity.venue.id, 'balie@venue.test');
      const far = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 10 });
      const near = await makeSlot(db, clock, activity, { date: '2026-06-09', capacity: 10 });

      const { booking } = await book(db, clock, far, { option: true, groupSize: 6 });
      assert.equal(booking.status, 'option');
      assert.equal(booking.optionExpiresAt?.toISOString(), '2026-06-03T08:00:00.000Z', 'now + 48 hours');
      assert.equal(booking.confirmedAt, null);
      assert.equal((await findSlot(db, far.id))?.bookedPersons, 6);
      const row = await bookingRow(db, booking.id);
      assert.deepEqual([row.status, row.option_expires_at, row.confirmed_at], ['option', '2026-06-03T08:00:00.000Z', null]);
      assert.deepEqual(await mailsOf(db, booking.id), [
        ['option_placed', 'jan@example.nl', {}],
        ['staff_new_booking', 'balie@venue.test', {}],
      ]);
      assert.deepEqual(await historyOf(db, booking.reference), [
        [
          'booking.created',
          'organiser',
          { status: 'option', group_size: 6, terms_version: null, option_expires_at: '2026-06-03T08:00:00.000Z' },
        ],
      ]);

      const early = await book(db, clock, near, { option: true, email: 'els@example.nl' });
      assert.equal(early.booking.optionExpiresAt?.toISOString(), '2026-06-02T08:00:00.000Z', 'a week before the start comes first');
      const direct = await book(db, clock, far, { groupSize: 2 });
      assert.deepEqual([direct.booking.status, direct.booking.optionExpiresAt], ['confirmed', null]);
      assert.deepEqual(
        (await mailsOf(db, direct.booking.id)).map(([kind]) => kind),
        ['booking_received', 'staff_new_booking'],
      );
    });

    test('options are refused where the activity does not allow them or the date is too close; nothing is stored', async () => {
      const { db } = database;
      const none = await makeActivityWithRules(db, clock, { options: { allowed: false } });
      const noneSlot = await makeSlot(db, clock, none, { date: '2026-06-15' });
      await assert.rejects(book(db, clock, noneSlot, { option: true }), refusedWith('option_not_allowed'));
      const some = await makeActivityWithRules(db, clock, { options: { minDaysBefore: 7 } });
      const close = await makeSlot(db, clock, some, { date: '2026-06-08', time: '10:00' });
      await assert.rejects(book(db, clock, close, { option: true }), refusedWith('option_too_late'));
      assert.deepEqual(await db.selectFrom('bookings').select('id').execute(), []);
      assert.equal((await findSlot(db, close.id))?.bookedPersons, 0);
      clock.set('2026-06-01T07:59:59.999Z');
      assert.equal((await book(db, clock, close, { option: true })).booking.status, 'option', 'a millisecond earlier it could');
    });

    test('one email holds at most maxPerEmail open options per activity, whatever the case of its letters', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { maxPerEmail: 2, hours: 24 } });
      const other = await makeActivityWithRules(db, clock, { options: { maxPerEmail: 2 } });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      await book(db, clock, slot, { option: true, email: 'Jan@Example.nl' });
      await book(db, clock, slot, { option: true, email: 'jan@example.nl' });
      await assert.rejects(book(db, clock, slot, { option: true, email: 'JAN@EXAMPLE.NL' }), refusedWith('option_limit_reached'));
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 8, 'the refused option took no places');
      assert.equal((await book(db, clock, slot, { email: 'jan@example.nl' })).booking.status, 'confirmed', 'booking outright still works');
      const elsewhere = await makeSlot(db, clock, other, { date: '2026-06-15' });
      assert.equal((await book(db, clock, elsewhere, { option: true })).booking.status, 'option', 'another activity counts apart');
      assert.equal((await book(db, clock, slot, { option: true, email: 'els@example.nl' })).booking.status, 'option');

      clock.advance(24 * HOUR); // the two options are past their deadline (not yet expired by the job): no longer open
      assert.equal((await book(db, clock, slot, { option: true, email: 'jan@example.nl' })).booking.status, 'option');
    });

    test('concurrent options of one email on different slots never pass the limit', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { maxPerEmail: 2 } });
      const slots = await Promise.all(
        ['10:00', '11:00', '12:00', '13:00', '14:00'].map((time) => makeSlot(db, clock, activity, { date: '2026-06-15', time })),
      );
      const results = await Promise.allSettled(
        slots.flatMap((slot) => [1, 2].map(() => book(db, clock, slot, { option: true, email: 'jan@example.nl', groupSize: 1 }))),
      );
      const placed = results.filter((r) => r.status === 'fulfilled');
      for (const r of results) if (r.status === 'rejected') assert.ok(refusedWith('option_limit_reached')(r.reason), String(r.reason));
      assert.equal(placed.length, 2);
      const stored = await db.selectFrom('bookings').select('status').where('status', '=', 'option').execute();
      assert.equal(stored.length, 2);
      const held = (await Promise.all(slots.map((s) => findSlot(db, s.id)))).reduce((sum, s) => sum + (s?.bookedPersons ?? 0), 0);
      assert.equal(held, 2, 'refused options gave their places back');
    });

    test('the organiser confirms an option: confirmed, mailed, noticed and recorded once', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, {});
      await addNoticeRecipient(db, activity.venue.id, 'balie@venue.test');
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 10 });
      const { booking, manageToken } = await book(db, clock, slot, { option: true, groupSize: 4 });
      clock.advance(HOUR);
      const found = (await findBookingByLink(db, 'manage', manageToken))!;
      const results = await Promise.all(Array.from({ length: 8 }, () => confirmOption(db, clock, found)));
      assert.equal(results.filter(Boolean).length, 1, 'exactly one confirmation changes anything');
      const row = await bookingRow(db, booking.id);
      assert.deepEqual([row.status, row.confirmed_at, row.option_expires_at], ['confirmed', clock.now().toISOString(), null]);
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4, 'the places it held stay taken, once');
      assert.equal(await mailsOfKind(db, booking.id, 'confirmed'), 1);
      assert.deepEqual(
        (await mailsOf(db, booking.id)).filter(([kind]) => kind === 'staff_booking_changed'),
        [['staff_booking_changed', 'balie@venue.test', { change: 'confirmed', by: 'organiser' }]],
      );
      assert.deepEqual((await historyOf(db, booking.reference)).slice(1), [
        ['booking.confirmed', 'organiser', { from: 'option', to: 'confirmed', places_released: 0 }],
      ]);
      assert.equal(
        await confirmOption(db, clock, (await findBookingByLink(db, 'manage', manageToken))!),
        false,
        'confirmed stays confirmed',
      );
    });

    test('confirming options while other groups book the last places never overbooks', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { maxPerEmail: 10 } });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 20 });
      const options = [];
      for (let i = 0; i < 4; i++) options.push(await book(db, clock, slot, { option: true, groupSize: 3 }));
      const details = await Promise.all(options.map((o) => findBookingByLink(db, 'manage', o.manageToken)));
      const results = await Promise.allSettled([
        ...details.map((booking) => confirmOption(db, clock, booking!)),
        ...Array.from({ length: 10 }, (_, i) => book(db, clock, slot, { groupSize: 2, email: `g${i}@example.nl` })),
      ]);
      const confirmed = results.slice(0, 4);
      assert.ok(
        confirmed.every((r) => r.status === 'fulfilled' && r.value === true),
        'every option is confirmed: its places were held',
      );
      const booked = results.slice(4).filter((r) => r.status === 'fulfilled');
      for (const r of results.slice(4)) if (r.status === 'rejected') assert.ok(refusedWith('slot_full')(r.reason), String(r.reason));
      assert.equal(booked.length, 4, 'the 8 free places went to 4 groups of 2');
      const holding = await db
        .selectFrom('bookings')
        .select('group_size')
        .where('slot_id', '=', slot.id)
        .where('status', 'in', ['option', 'requested', 'confirmed', 'completed'])
        .execute();
      const stored = (await findSlot(db, slot.id))!;
      assert.equal(
        stored.bookedPersons,
        holding.reduce((sum, b) => sum + b.group_size, 0),
      );
      assert.equal(stored.bookedPersons, 20);
    });

    test('a confirmation after the deadline is refused, before and after the expiry job, and changes nothing', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { options: { hours: 48 } });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 10 });
      const { booking, manageToken } = await book(db, clock, slot, { option: true, groupSize: 5 });
      clock.set(booking.optionExpiresAt!);
      const before = [await bookingRow(db, booking.id), await findSlot(db, slot.id), await mailsOf(db, booking.id)];
      await assert.rejects(confirmOption(db, clock, (await findBookingByLink(db, 'manage', manageToken))!), refusedWith('option_expired'));
      await assert.rejects(changeBookingStatus(db, clock, staff, booking.id, 'confirm'), refusedWith('option_expired'));
      assert.deepEqual([await bookingRow(db, booking.id), await findSlot(db, slot.id), await mailsOf(db, booking.id)], before);

      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      await assert.rejects(confirmOption(db, clock, (await findBookingByLink(db, 'manage', manageToken))!), refusedWith('option_expired'));
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal(await mailsOfKind(db, booking.id, 'confirmed'), 0);
    });

    test('on request: a booking is requested and holds its places; staff accept or decline it', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, { bookingMode: 'request' });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 10 });
      const accepted = await book(db, clock, slot, { groupSize: 4 });
      const declined = await book(db, clock, slot, { groupSize: 3, email: 'els@example.nl' });
      assert.deepEqual([accepted.booking.status, accepted.booking.confirmedAt], ['requested', null]);
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 7);
      assert.deepEqual(
        (await mailsOf(db, accepted.booking.id)).map(([kind]) => kind),
        ['request_received'],
      );

      clock.advance(HOUR);
      assert.equal(await changeBookingStatus(db, clock, staff, accepted.booking.id, 'accept'), true);
      const row = await bookingRow(db, accepted.booking.id);
      assert.deepEqual([row.status, row.confirmed_at], ['confirmed', clock.now().toISOString()]);
      assert.deepEqual(
        (await mailsOf(db, accepted.booking.id)).map(([kind]) => kind),
        ['request_received', 'confirmed'],
      );
      assert.deepEqual((await historyOf(db, accepted.booking.reference)).at(-1), [
        'booking.accepted',
        'staff',
        { from: 'requested', to: 'confirmed', places_released: 0 },
      ]);

      assert.equal(await changeBookingStatus(db, clock, staff, declined.booking.id, 'decline'), true);
      assert.equal((await bookingRow(db, declined.booking.id)).status, 'cancelled');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4, 'the declined request gave its places back');
      assert.deepEqual((await mailsOf(db, declined.booking.id)).at(-1), [
        'cancelled',
        'els@example.nl',
        { by: 'staff', from: 'requested' },
      ]);
      assert.equal(await changeBookingStatus(db, clock, staff, declined.booking.id, 'accept'), false, 'a declined request stays declined');

      const option = await book(db, clock, slot, { option: true, groupSize: 2, email: 'piet@example.nl' });
      await confirmOption(db, clock, (await findBookingByLink(db, 'manage', option.manageToken))!);
      assert.equal((await bookingRow(db, option.booking.id)).status, 'requested', 'a confirmed option becomes a request');
      assert.deepEqual(
        (await mailsOf(db, option.booking.id)).map(([kind]) => kind),
        ['option_placed', 'request_received'],
      );
    });

    test('staff confirm an option or cancel any booking; the organiser is mailed', async () => {
      const { db } = database;
      const activity = await makeActivityWithRules(db, clock, {});
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 10 });
      const option = await book(db, clock, slot, { option: true, groupSize: 2 });
      const confirmed = await book(db, clock, slot, { groupSize: 3 });
      clock.advance(HOUR);
      assert.equal(await changeBookingStatus(db, clock, staff, option.booking.id, 'confirm'), true);
      assert.deepEqual(
        (await mailsOf(db, option.booking.id)).map(([kind]) => kind),
        ['option_placed', 'confirmed'],
      );
      assert.equal(await changeBookingStatus(db, clock, staff, confirmed.booking.id, 'cancel'), true);
      assert.deepEqual((await mailsOf(db, confirmed.booking.id)).at(-1), [
        'cancelled',
        'jan@example.nl',
        { by: 'staff', from: 'confirmed' },
      ]);
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 2);
    });
  });
}
