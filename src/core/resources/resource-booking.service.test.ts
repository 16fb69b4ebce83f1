import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { TEST_ADMIN } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { bookingRow } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import type { TestMollie } from '../../../test/mollie/payments.js';
import { startSettlingMollie } from '../../../test/payment-context.js';
import { shareResource } from '../../../test/resources.js';
import { sql } from 'kysely';
import { findSlot } from '../availability/slot.repository.js';
import { takeSlotPlaces } from '../availability/slot-places.service.js';
import { listSlotOffers, type SlotOffer } from '../availability/slot.service.js';
import type { Slot } from '../availability/slot.js';
import { cancelByOrganiser, changeGroupSize } from '../booking-flows/booking-changes.service.js';
import { runBookingLifecycle } from '../booking-flows/booking-lifecycle.service.js';
import { findBookingByLink } from '../booking-flows/booking.service.js';
import { startCheckout } from '../booking-flows/checkout.service.js';
import type { Activity } from '../catalog/activity.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { listPayments, listRefunds } from '../payments/payments.repository.js';
import type { Db } from '../../db/schema.js';
import {
  addClosureFromForm,
  linkActivityFromForm,
  removeClosure,
  saveHoursFromForm,
  updateResourceFromForm,
} from './resource-admin.service.js';
import { outcome, refusedWith } from '../../../test/outcomes.js';

const DAY = '2026-06-15'; // a Monday

for (const dialect of testDialects()) {
  describe(`booking slots that share a resource, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    const clock = new TestClock();
    let mollie: TestMollie;
    let context: PaymentContext;

    before(async () => {
      database = await dialect.create();
      db = database.db;
      ({ mollie, context } = await startSettlingMollie(clock, () => db));
    });
    after(async () => {
      await mollie.close();
      await database.close();
    });
    beforeEach(() => clock.set('2026-06-01T08:00:00Z'));

    /** A canal tour and a second activity of the same venue, 60 minutes each unless told, with slots of 50 places. */
    async function twoActivities(second: Partial<Parameters<typeof makeActivity>[2]> = {}): Promise<[Activity, Activity]> {
      const tour = await makeActivity(db, clock, { durationMinutes: 60, title: { nl: 'Rondvaart', en: 'Canal tour' } });
      const other = await makeActivity(db, clock, {
        venueId: tour.venue.id,
        durationMinutes: 60,
        title: { nl: 'Borrelvaart', en: 'Drinks cruise' },
        ...second,
      });
      return [tour, other];
    }

    const slotAt = (activity: Activity, time: string, date = DAY) => makeSlot(db, clock, activity, { date, time, capacity: 50 });

    async function offerOf(activity: Activity, slot: Slot, groupSize: number): Promise<SlotOffer> {
      const offers = await listSlotOffers(db, clock, activity, { from: DAY, to: DAY, groupSize });
      const offer = offers.find((o) => o.slot.id === slot.id);
      assert.ok(offer, 'offered');
      return offer;
    }

    const refusalOf = async (activity: Activity, slot: Slot, groupSize = 4) => {
      const offer = await offerOf(activity, slot, groupSize);
      return `${offer.refusal ?? 'bookable'} ${offer.remaining}`;
    };

    test('a chartered boat with a 15-minute changeover: the other activity cannot take it until the changeover ends', async () => {
      const [tour, drinks] = await twoActivities();
      await shareResource(db, clock, [tour, drinks], { kind: 'units', capacity: 1, bufferMinutes: 15 });
      const booked = await slotAt(tour, '10:00'); // holds the boat 10:00-11:15
      const overlapping = await slotAt(drinks, '10:30');
      const inChangeover = await slotAt(drinks, '11:14');
      const afterChangeover = await slotAt(drinks, '11:15');
      const sailingBackIntoIt = await slotAt(drinks, '08:50'); // its own changeover ends 10:05
      const backInTime = await slotAt(drinks, '08:45'); // its changeover ends 10:00
      assert.equal(await refusalOf(drinks, overlapping), 'bookable 50');

      const { booking, manageToken } = await book(db, clock, booked, { groupSize: 4 });
      assert.equal(await refusalOf(tour, booked), 'slot_full 0', 'one group has the whole boat');
      for (const slot of [overlapping, inChangeover, sailingBackIntoIt]) {
        assert.equal(await refusalOf(drinks, slot), 'slot_full 0');
        await assert.rejects(book(db, clock, slot, { groupSize: 2 }), refusedWith('slot_full'));
        assert.equal((await findSlot(db, slot.id))?.bookedPersons, 0, 'the refused booking took no places');
      }
      for (const slot of [afterChangeover, backInTime]) {
        assert.equal(await refusalOf(drinks, slot), 'bookable 50');
      }
      const after = await book(db, clock, afterChangeover, { groupSize: 6 });
      await book(db, clock, backInTime, { groupSize: 6 });

      // Cancelling frees the boat for the other activity at once.
      for (const token of [manageToken, after.manageToken]) {
        await cancelByOrganiser(db, clock, (await findBookingByLink(db, 'manage', token))!);
      }
      assert.equal((await bookingRow(db, booking.id)).status, 'cancelled');
      assert.equal(await refusalOf(drinks, overlapping), 'bookable 50');
      await book(db, clock, overlapping, { groupSize: 2 });
      assert.equal(await refusalOf(tour, booked), 'slot_full 0');
    });

    test('a room of 30 shared in persons: 20 on one activity leave 10 to the other; a larger group is refused', async () => {
      const [lunch, workshop] = await twoActivities({ durationMinutes: 120 });
      await shareResource(db, clock, [lunch, workshop], { kind: 'persons', capacity: 30, name: 'Grote zaal' });
      const noon = await slotAt(lunch, '12:00');
      const afternoon = await slotAt(workshop, '11:30');
      await book(db, clock, noon, { groupSize: 20 });
      assert.equal(await refusalOf(workshop, afternoon, 10), 'bookable 10');
      assert.equal(await refusalOf(workshop, afternoon, 11), 'slot_full 10');
      await assert.rejects(book(db, clock, afternoon, { groupSize: 11 }), refusedWith('slot_full'));
      const small = await book(db, clock, afternoon, { groupSize: 5 });
      assert.equal(await refusalOf(lunch, noon, 5), 'bookable 5', 'the room, not the slot of 50, sets what is left');

      // A larger group on the shared room: up to what it holds, not one more.
      const grown = await changeGroupSize(db, clock, small.booking, 10);
      assert.deepEqual(grown, { changed: true, from: 5, to: 10, refundCents: 0 });
      const now = (await findBookingByLink(db, 'manage', small.manageToken))!;
      await assert.rejects(changeGroupSize(db, clock, now, 11), refusedWith('slot_full'));
      assert.equal((await findSlot(db, afternoon.id))?.bookedPersons, 10, 'the refused change took no places');
      await assert.rejects(book(db, clock, noon, { groupSize: 1 }), refusedWith('slot_full'));
    });

    test('a closure over a slot: offered as unavailable, a booking refused slot_unavailable', async () => {
      const [tour, drinks] = await twoActivities();
      const boat = await shareResource(db, clock, [tour, drinks], { kind: 'units', capacity: 1 });
      const closed = await slotAt(drinks, '14:00');
      const open = await slotAt(drinks, '16:00');
      const closure = { fromDate: DAY, fromTime: '13:00', untilDate: DAY, untilTime: '15:00', reason: 'Onderhoud' };
      assert.equal(outcome(await addClosureFromForm(db, clock, TEST_ADMIN, boat.id, closure)), 'ok', 'nothing booked then');
      assert.equal(await refusalOf(drinks, closed), 'slot_unavailable 0');
      await assert.rejects(book(db, clock, closed, { groupSize: 2 }), refusedWith('slot_unavailable'));
      assert.equal((await findSlot(db, closed.id))?.bookedPersons, 0);
      assert.equal(await refusalOf(drinks, open), 'bookable 50');
      await book(db, clock, open, { groupSize: 2 });
    });

    test('changes to a resource that would leave a booked time without room are refused, closed or full', async () => {
      const [tour, drinks] = await twoActivities();
      const boat = await shareResource(db, clock, [tour], { kind: 'persons', capacity: 30, bufferMinutes: 30 });
      const ten = await slotAt(tour, '10:00'); // holds the boat 10:00-11:30
      await book(db, clock, ten, { groupSize: 12 });
      await book(db, clock, ten, { groupSize: 8 });
      const form = (capacity: number) => ({ venueId: '', name: boat.name, kind: 'persons', capacity: String(capacity) });

      // Capacity: not below what is booked at once; exactly that is fine.
      assert.equal(outcome(await updateResourceFromForm(db, clock, TEST_ADMIN, boat.id, form(19), 'nl')), 'capacity:resource_conflict');
      assert.equal(outcome(await updateResourceFromForm(db, clock, TEST_ADMIN, boat.id, form(20), 'nl')), 'ok');
      const refused = await updateResourceFromForm(db, clock, TEST_ADMIN, boat.id, { ...form(1), kind: 'units' }, 'nl');
      assert.equal(outcome(refused), 'capacity:resource_conflict', 'two groups at once need two units');
      assert.deepEqual(!refused.ok && refused.errors[0]!.params, { n: 1 });

      // A closure over a booked time, its changeover included, is refused; one after the changeover is not.
      const closure = (fromTime: string, untilTime: string) => ({ fromDate: DAY, fromTime, untilDate: DAY, untilTime, reason: 'Werf' });
      assert.equal(
        outcome(await addClosureFromForm(db, clock, TEST_ADMIN, boat.id, closure('11:15', '11:45'))),
        'fromDate:resource_closed_conflict',
      );
      const yard = await addClosureFromForm(db, clock, TEST_ADMIN, boat.id, closure('11:30', '12:30'));
      assert.ok(yard.ok, outcome(yard));

      // Opening hours that leave a booked slot outside them are refused; hours around it are not,
      // and its changeover may run past closing time (the cleaning is the venue's own).
      const monday = (opens: string, closes: string) => ({ open1: 'yes', opens1: opens, closes1: closes });
      assert.equal(
        outcome(await saveHoursFromForm(db, clock, TEST_ADMIN, boat.id, monday('10:30', '18:00'))),
        'hours:resource_closed_conflict',
      );
      const tuesday = { open2: 'yes', opens2: '09:00', closes2: '18:00' };
      assert.equal(outcome(await saveHoursFromForm(db, clock, TEST_ADMIN, boat.id, tuesday)), 'hours:resource_closed_conflict');
      assert.equal(outcome(await saveHoursFromForm(db, clock, TEST_ADMIN, boat.id, monday('10:00', '11:00'))), 'ok');
      assert.equal(outcome(await saveHoursFromForm(db, clock, TEST_ADMIN, boat.id, {})), 'ok', 'open at all times again');

      // Linking an activity whose booked slot would overflow the boat then is refused; with room for all, not.
      const overlapping = await slotAt(drinks, '11:00');
      await book(db, clock, overlapping, { groupSize: 4 });
      const link = { activityId: drinks.id, buffer: '0' };
      assert.equal(outcome(await linkActivityFromForm(db, clock, TEST_ADMIN, boat.id, link, 'nl')), 'activityId:resource_conflict');
      assert.equal(outcome(await updateResourceFromForm(db, clock, TEST_ADMIN, boat.id, form(24), 'nl')), 'ok');
      assert.equal(
        outcome(await linkActivityFromForm(db, clock, TEST_ADMIN, boat.id, link, 'nl')),
        'activityId:resource_closed_conflict',
        'room enough now, but the closure from 11:30',
      );
      await removeClosure(db, clock, TEST_ADMIN, boat.id, yard.value.id);
      assert.equal(outcome(await linkActivityFromForm(db, clock, TEST_ADMIN, boat.id, link, 'nl')), 'ok', 'room for all 24 now');
      assert.equal(outcome(await updateResourceFromForm(db, clock, TEST_ADMIN, boat.id, form(23), 'nl')), 'capacity:resource_conflict');
    });

    // On SQLite the booking's first write takes the database's only write lock: the link cannot start before it ends.
    if (dialect.name === 'postgres') {
      test('an activity linked while a group is being booked on it: the link waits for that booking and counts it', async () => {
        const [tour, drinks] = await twoActivities();
        const boat = await shareResource(db, clock, [tour], { kind: 'units', capacity: 1 });
        await book(db, clock, await slotAt(tour, '10:00'), { groupSize: 4 });
        const overlapping = await slotAt(drinks, '10:30');
        // A booking of the drinks cruise, not yet linked to the boat, between taking its places and its commit.
        let commit!: () => void;
        let placed!: () => void;
        const committing = new Promise<void>((resolve) => (commit = resolve));
        const taken = new Promise<void>((resolve) => (placed = resolve));
        const booking = db.transaction().execute(async (trx) => {
          assert.equal(await takeSlotPlaces(trx, overlapping, 4), undefined, 'no resource to refuse it yet');
          placed();
          await committing;
        });
        await taken;
        let settled = false;
        const link = linkActivityFromForm(db, clock, TEST_ADMIN, boat.id, { activityId: drinks.id, buffer: '0' }, 'nl').finally(
          () => (settled = true),
        );
        // Until the link is done, or waits for a lock (the booking's): then the booking commits.
        const name = (await sql<{ db: string }>`select current_database() as db`.execute(db)).rows[0]!.db;
        const waiting = sql<{
          n: number;
        }>`select count(*)::int as n from pg_stat_activity where datname = ${name} and wait_event_type = 'Lock'`;
        while (!settled && (await waiting.execute(db)).rows[0]!.n === 0) await new Promise((resolve) => setImmediate(resolve));
        commit();
        await booking;
        assert.equal(outcome(await link), 'activityId:resource_conflict', 'the boat would hold two groups at 10:30');
      });
    }

    test('paid too late with the boat chartered meanwhile: the booking stays expired and the money goes back', async () => {
      const payment = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;
      const paidTour = await makeActivity(db, clock, { durationMinutes: 60, payment });
      const drinks = await makeActivity(db, clock, { venueId: paidTour.venue.id, durationMinutes: 60 });
      await shareResource(db, clock, [paidTour, drinks], { kind: 'units', capacity: 1, bufferMinutes: 15 });
      const slot = await slotAt(paidTour, '10:00');
      const { booking } = await book(db, clock, slot, { groupSize: 4 }, TEST_LINK_KEY, context);
      assert.equal(booking.status, 'awaiting_payment');
      await startCheckout(db, clock, context, booking.id, (id) => `http://bookings.test/return/${id}`);
      const paymentId = (await listPayments(db, booking.id))[0]?.provider_id;
      assert.ok(paymentId, 'sent to Mollie');
      clock.advance(31 * 60_000);
      assert.equal((await runBookingLifecycle(db, clock, context)).paymentsExpired, 1);
      const charter = await slotAt(drinks, '10:45');
      await book(db, clock, charter, { groupSize: 6 });

      mollie.standIn.setStatus(paymentId, 'paid');
      await mollie.standIn.callWebhook(paymentId);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 0, 'the boat was not taken twice');
      assert.deepEqual(
        (await listRefunds(db, booking.id)).map((r) => r.cause),
        ['late_payment'],
      );
    });

    for (const [kind, capacity, admits] of [
      ['persons', 24, 6],
      ['units', 2, 2],
    ] as const) {
      test(`30 bookings at once across two activities sharing ${kind === 'persons' ? 'a boat of 24 seats' : 'two boats'}: exactly ${admits} placed`, async () => {
        const [tour, drinks] = await twoActivities({ durationMinutes: 90 });
        await shareResource(db, clock, [tour, drinks], { kind, capacity, bufferMinutes: 15 });
        const slots = [await slotAt(tour, '10:00'), await slotAt(drinks, '10:30'), await slotAt(tour, '10:45')];
        const results = await Promise.allSettled(
          Array.from({ length: 30 }, (_, i) => book(db, clock, slots[i % 3]!, { groupSize: 4, email: `o${i}@example.nl` })),
        );
        const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
        assert.ok(refusals.every(refusedWith('slot_full')), String(refusals.find((e) => !refusedWith('slot_full')(e))));
        assert.equal(results.length - refusals.length, admits);
        const held = await Promise.all(slots.map(async (slot) => (await findSlot(db, slot.id))!));
        const groups = held.reduce((sum, slot) => sum + slot.bookedGroups, 0);
        assert.equal(groups, admits, 'the slots hold only the bookings placed');
        const stored = await db
          .selectFrom('bookings')
          .select('id')
          .where(
            'slot_id',
            'in',
            slots.map((s) => s.id),
          )
          .execute();
        assert.equal(stored.length, admits);
      });
    }
  });
}
