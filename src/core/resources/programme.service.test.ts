import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeActivityWithRules, makeSlot, type RulesOverrides } from '../../../test/factories.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { TEST_ADMIN, TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { changeBookingStatus } from '../booking-flows/booking-admin.service.js';
import { cancelByOrganiser } from '../booking-flows/booking-changes.service.js';
import { runBookingLifecycle } from '../booking-flows/booking-lifecycle.service.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import { bookingRow } from '../../../test/lifecycle.js';
import { listSlotOffers } from '../availability/slot.service.js';
import type { Activity } from '../catalog/activity.js';
import { listProgrammeParts } from './programme.repository.js';
import { partTimes } from './programme.js';
import { savePartFromForm, removePart } from './programme-admin.service.js';
import { createResourceFromForm, linkActivityFromForm } from './resource-admin.service.js';
import { refusedWith } from '../../../test/outcomes.js';

for (const dialect of testDialects()) {
  describe(`programmes on shared resources, ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    /** A venue with a boat (one group at a time), a stand-alone cruise on it, and a day out whose canal tour uses it 13:00-14:00. */
    async function dayOnTheWater(rules: RulesOverrides = {}) {
      const { db } = database;
      const cruise = await makeActivity(db, clock, { durationMinutes: 60 });
      const boat = await createResourceFromForm(
        db,
        clock,
        TEST_ADMIN,
        {
          venueId: cruise.venue.id,
          name: 'Fluisterboot',
          kind: 'units',
          capacity: '1',
        },
        'nl',
      );
      assert.ok(boat.ok);
      assert.ok((await linkActivityFromForm(db, clock, TEST_ADMIN, boat.value.id, { activityId: cruise.id, buffer: '15' }, 'nl')).ok);
      const programme: Activity = await makeActivityWithRules(db, clock, rules, { venueId: cruise.venue.id, durationMinutes: 330 });
      const climbing = await savePartFromForm(
        db,
        clock,
        TEST_ADMIN,
        programme.id,
        undefined,
        {
          titleNl: 'Klimmen',
          titleEn: 'Climbing',
          offset: '0',
          duration: '90',
          partActivityId: '',
          resources: [],
          buffers: {},
        },
        'nl',
      );
      assert.ok(climbing.ok);
      const tour = await savePartFromForm(
        db,
        clock,
        TEST_ADMIN,
        programme.id,
        undefined,
        {
          titleNl: 'Rondvaart',
          titleEn: 'Canal tour',
          offset: '210',
          duration: '60',
          partActivityId: cruise.id,
          resources: [boat.value.id],
          buffers: { [boat.value.id]: '15' },
        },
        'nl',
      );
      assert.ok(tour.ok, JSON.stringify(tour));
      return { cruise, programme, boat: boat.value, tour: tour.value };
    }

    const offersOn = (activity: Activity, groupSize = 10) =>
      listSlotOffers(database.db, clock, activity, { from: '2026-06-15', to: '2026-06-15', groupSize });

    test("a booked programme takes the boat for its canal tour only; the cruise at that time is gone, the morning's stays", async () => {
      const { db } = database;
      const { cruise, programme } = await dayOnTheWater();
      const start = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '09:30', capacity: 30 });
      const morning = await makeSlot(db, clock, cruise, { date: '2026-06-15', time: '10:00', capacity: 30 });
      const afternoon = await makeSlot(db, clock, cruise, { date: '2026-06-15', time: '13:30', capacity: 30 });
      const late = await makeSlot(db, clock, cruise, { date: '2026-06-15', time: '14:15', capacity: 30 });
      await book(db, clock, start, { groupSize: 12 });
      const offers = new Map((await offersOn(cruise)).map((offer) => [offer.slot.id, offer]));
      assert.equal(offers.get(morning.id)!.refusal, undefined);
      assert.equal(offers.get(afternoon.id)!.refusal, 'slot_full');
      assert.equal(offers.get(afternoon.id)!.remaining, 0);
      // The tour ends at 14:00 and moors until 14:15: a cruise then may sail.
      assert.equal(offers.get(late.id)!.refusal, undefined);
      await assert.rejects(book(db, clock, afternoon), refusedWith('slot_full'));
      assert.equal((await book(db, clock, late)).booking.status, 'confirmed');
    });

    test('a cruise booked first leaves no start time whose canal tour would need the boat then', async () => {
      const { db } = database;
      const { cruise, programme } = await dayOnTheWater();
      const cruiseSlot = await makeSlot(db, clock, cruise, { date: '2026-06-15', time: '13:00', capacity: 30 });
      const early = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '09:00', capacity: 30 });
      const usual = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '09:30', capacity: 30 });
      const later = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '10:30', capacity: 30 });
      await book(db, clock, cruiseSlot);
      const offers = new Map((await offersOn(programme)).map((offer) => [offer.slot.id, offer.refusal]));
      // The cruise has the boat 13:00-14:00 and moors until 14:15; the tour is 210 minutes after the start, so
      // a 09:00, 09:30 or 10:30 start would sail 12:30, 13:00 or 14:00; from 10:45 it sails at 14:15.
      assert.equal(offers.get(early.id), 'slot_full');
      assert.equal(offers.get(usual.id), 'slot_full');
      assert.equal(offers.get(later.id), 'slot_full');
      const latest = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '10:45', capacity: 30 });
      assert.equal((await offersOn(programme)).find((offer) => offer.slot.id === latest.id)!.refusal, undefined);
      await assert.rejects(book(db, clock, usual), refusedWith('slot_full'));
    });

    test('a part moved onto a booked time of the boat is refused; its timeline follows the slot', async () => {
      const { db } = database;
      const { cruise, programme, boat, tour } = await dayOnTheWater();
      const start = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '09:30', capacity: 30 });
      await book(db, clock, start);
      await book(db, clock, await makeSlot(db, clock, cruise, { date: '2026-06-15', time: '11:00', capacity: 30 }));
      // The cruise has the boat 11:00-12:00 and moors until 12:15: the tour 90 minutes in (11:00) clashes, 180 minutes in (12:30) not.
      const form = {
        titleNl: 'Rondvaart',
        titleEn: 'Canal tour',
        partActivityId: cruise.id,
        resources: [boat.id],
        buffers: { [boat.id]: '15' },
      };
      const clash = await savePartFromForm(db, clock, TEST_ADMIN, programme.id, tour.id, { ...form, offset: '90', duration: '60' }, 'nl');
      assert.deepEqual(clash, { ok: false, errors: [{ field: 'resources', code: 'resource_conflict', params: { n: 2 } }] });
      const moved = await savePartFromForm(db, clock, TEST_ADMIN, programme.id, tour.id, { ...form, offset: '180', duration: '60' }, 'nl');
      assert.ok(moved.ok);
      const tooLong = await savePartFromForm(
        db,
        clock,
        TEST_ADMIN,
        programme.id,
        tour.id,
        { ...form, offset: '300', duration: '60' },
        'nl',
      );
      assert.deepEqual(tooLong, { ok: false, errors: [{ field: 'duration', code: 'part_outside_programme', params: { max: 330 } }] });
      const parts = (await listProgrammeParts(db, [programme.id])).get(programme.id)!;
      assert.deepEqual(
        partTimes(parts, start.startsAt).map(({ part, startsAt, endsAt }) => [part.title.en, startsAt.toISOString(), endsAt.toISOString()]),
        [
          ['Climbing', '2026-06-15T07:30:00.000Z', '2026-06-15T09:00:00.000Z'],
          ['Canal tour', '2026-06-15T10:30:00.000Z', '2026-06-15T11:30:00.000Z'],
        ],
      );
      assert.deepEqual(parts[1]!.resources, [{ resourceId: boat.id, name: 'Fluisterboot', bufferMinutes: 15 }]);
      await removePart(db, clock, TEST_ADMIN, programme.id, tour.id);
      assert.equal((await listProgrammeParts(db, [programme.id])).get(programme.id)!.length, 1);
    });

    test('an option, a request and a confirmed booking of a programme each hold the boat until they end', async () => {
      const { db } = database;
      const cruiseAt = async (cruise: Activity) => makeSlot(db, clock, cruise, { date: '2026-06-15', time: '13:30', capacity: 30 });
      const cruiseFree = async (cruise: Activity, slotId: string) =>
        (await offersOn(cruise)).find((offer) => offer.slot.id === slotId)!.refusal === undefined;

      // An option holds the boat until its deadline; the lifecycle job expires it and the cruise is offered again.
      const held = await dayOnTheWater({ options: { allowed: true, hours: 48, minDaysBefore: 7 } });
      const cruiseSlot = await cruiseAt(held.cruise);
      const option = await book(db, clock, await makeSlot(db, clock, held.programme, { date: '2026-06-15', time: '09:30' }), {
        option: true,
      });
      assert.equal(option.booking.status, 'option');
      assert.equal(await cruiseFree(held.cruise, cruiseSlot.id), false);
      clock.advance(49 * 3_600_000);
      await runBookingLifecycle(db, clock, NO_PAYMENTS);
      assert.equal(await cruiseFree(held.cruise, cruiseSlot.id), true);
      clock.set('2026-06-01T08:00:00Z');

      // A request holds it while the venue decides; declining frees it.
      const asked = await dayOnTheWater({ bookingMode: 'request' });
      const askedCruise = await cruiseAt(asked.cruise);
      const request = await book(db, clock, await makeSlot(db, clock, asked.programme, { date: '2026-06-15', time: '09:30' }));
      assert.equal(request.booking.status, 'requested');
      assert.equal(await cruiseFree(asked.cruise, askedCruise.id), false);
      assert.equal(await changeBookingStatus(db, clock, TEST_ADMIN_ACTOR, request.booking.id, 'decline'), true);
      assert.equal(await cruiseFree(asked.cruise, askedCruise.id), true);

      // A confirmed booking holds it; the organiser's cancellation frees it.
      const plain = await dayOnTheWater();
      const plainCruise = await cruiseAt(plain.cruise);
      const confirmed = await book(db, clock, await makeSlot(db, clock, plain.programme, { date: '2026-06-15', time: '09:30' }));
      assert.equal(await cruiseFree(plain.cruise, plainCruise.id), false);
      const details = await loadBookingDetails(db, await bookingRow(db, confirmed.booking.id));
      await cancelByOrganiser(db, clock, details!);
      assert.equal(await cruiseFree(plain.cruise, plainCruise.id), true);
    });

    test('a part that ends long after its slot still finds the booking it would meet', async () => {
      const { db } = database;
      const { cruise, boat } = await dayOnTheWater();
      // A programme made an hour long, its slot made then, and lengthened to a day afterwards.
      const programme = await makeActivity(db, clock, { venueId: cruise.venue.id, durationMinutes: 60 });
      const start = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '10:00', capacity: 30 });
      await db
        .updateTable('activities')
        .set({ duration_minutes: 24 * 60 })
        .where('id', '=', programme.id)
        .execute();
      const late = await savePartFromForm(
        db,
        clock,
        TEST_ADMIN,
        programme.id,
        undefined,
        {
          titleNl: 'Nachtvaart',
          titleEn: 'Night cruise',
          offset: '1380',
          duration: '60',
          partActivityId: '',
          resources: [boat.id],
          buffers: { [boat.id]: String(24 * 60) },
        },
        'nl',
      );
      assert.ok(late.ok, JSON.stringify(late));
      // The part has the boat from 16 June 09:00, moored until 17 June 10:00; a cruise on 16 June at 12:00 is booked first.
      await book(db, clock, await makeSlot(db, clock, cruise, { date: '2026-06-16', time: '12:00', capacity: 30 }));
      await assert.rejects(book(db, clock, start), refusedWith('slot_full'));
    });

    test('bookings of the programme and the cruise racing for the boat: exactly one gets it', async () => {
      const { db } = database;
      const { cruise, programme } = await dayOnTheWater();
      const start = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '09:30', capacity: 50 });
      const cruiseSlot = await makeSlot(db, clock, cruise, { date: '2026-06-15', time: '13:30', capacity: 50 });
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          book(db, clock, i % 2 === 0 ? start : cruiseSlot, { email: `racer${i}@example.nl`, groupSize: 2 }),
        ),
      );
      const placed = results.filter((r) => r.status === 'fulfilled');
      assert.equal(placed.length, 1);
      for (const r of results) if (r.status === 'rejected') assert.ok(refusedWith('slot_full')(r.reason), String(r.reason));
    });
  });
}
