import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { TEST_ADMIN, TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { historyOf, mailsOfKind } from '../../../test/lifecycle.js';
import { addPart, shareResource } from '../../../test/resources.js';
import type { Slot } from '../availability/slot.js';
import type { Activity } from '../catalog/activity.js';
import { listPartMoves } from '../resources/part-move.repository.js';
import type { PartMoveForm } from '../resources/part-move.js';
import type { ProgrammePart } from '../resources/programme.js';
import type { Resource } from '../resources/resource.js';
import { addClosureFromForm } from '../resources/resource-admin.service.js';
import { listResourceUses } from '../resources/resource.repository.js';
import { DomainError } from '../shared/errors.js';
import type { StaffMember } from '../staff/staff.js';
import type { Db } from '../../db/schema.js';
import { changeBookingStatus, type StaffActor } from './booking-admin.service.js';
import { createResourceFromForm } from '../resources/resource-admin.service.js';
import { movePartFromForm, readBookingProgramme, resetPartMove } from './part-move.service.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import { findBookingRow } from '../bookings/booking-lifecycle.repository.js';
import { outcome, refusedWith } from '../../../test/outcomes.js';

const DAY = '2026-06-15'; // a Monday; 09:30 in Amsterdam is 07:30Z

for (const dialect of testDialects()) {
  describe(`moving a part of a booked programme, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    const clock = new TestClock();

    before(async () => {
      database = await dialect.create();
      db = database.db;
    });
    after(() => database.close());
    beforeEach(() => clock.set('2026-06-01T08:00:00Z'));

    /**
     * A boat (one group at a time) with a stand-alone cruise on it, and a day out from 09:30 whose
     * canal tour uses the boat 13:00-14:00, booked by a group of 10.
     */
    async function bookedDayOut() {
      const cruise = await makeActivity(db, clock, { durationMinutes: 60 });
      const boat = await shareResource(db, clock, [cruise], { kind: 'units', capacity: 1 });
      const programme = await makeActivity(db, clock, { venueId: cruise.venue.id, durationMinutes: 330 });
      await addPart(db, clock, programme, { title: { nl: 'Klimmen', en: 'Climbing' }, offset: 0, duration: 90 });
      const tour = await addPart(db, clock, programme, {
        title: { nl: 'Rondvaart', en: 'Canal tour' },
        offset: 210,
        duration: 60,
        uses: [{ resource: boat, bufferMinutes: 0 }],
      });
      const slot = await makeSlot(db, clock, programme, { date: DAY, time: '09:30', capacity: 30 });
      const { booking } = await book(db, clock, slot, { groupSize: 10 });
      return { cruise, boat, programme, tour, slot, booking };
    }

    const cruiseAt = (cruise: Activity, time: string) => makeSlot(db, clock, cruise, { date: DAY, time, capacity: 30 });
    const moveTo = (bookingId: string, part: ProgrammePart, start: string, resources: Resource[], actor: StaffActor = TEST_ADMIN_ACTOR) => {
      const form: PartMoveForm = {
        start,
        resources: resources.map((r) => r.id),
        buffers: Object.fromEntries(resources.map((r) => [r.id, '0'])),
      };
      return movePartFromForm(db, clock, actor, bookingId, part.id, form, 'nl');
    };
    /** The boat's booked uses that day, as Amsterdam times `HH:MM-HH:MM`. */
    const boatUses = async (boat: Resource) => {
      const uses = (await listResourceUses(db, [boat.id], new Date(`${DAY}T00:00:00Z`), new Date(`${DAY}T23:00:00Z`))).get(boat.id)!;
      const local = (d: Date) => new Date(d.getTime() + 2 * 3_600_000).toISOString().slice(11, 16);
      return uses.map((use) => `${local(use.startsAt)}-${local(use.endsAt)}`);
    };
    const movesOf = async (bookingId: string) => (await listPartMoves(db, [bookingId])).get(bookingId) ?? [];
    const bookable = async (slot: Slot) => {
      try {
        await book(db, clock, slot, { groupSize: 2 });
        return 'booked';
      } catch (error) {
        if (error instanceof DomainError) return error.code;
        throw error;
      }
    };

    test('a move to a free time is saved: the boat is held at the new time, free at the old; the organiser is mailed', async () => {
      const { cruise, boat, tour, booking } = await bookedDayOut();
      assert.deepEqual(await boatUses(boat), ['13:00-14:00']);
      const moved = await moveTo(booking.id, tour, '15:00', [boat]);
      assert.equal(outcome(moved), 'ok');
      assert.deepEqual(await boatUses(boat), ['15:00-16:00'], 'at its new time, no longer at its old one');
      assert.deepEqual(
        (await movesOf(booking.id)).map((m) => [m.partId, m.offsetMinutes, m.resources.map((r) => r.name)]),
        [[tour.id, 330, ['Fluisterboot']]],
      );
      assert.equal(await mailsOfKind(db, booking.id, 'changed'), 1, "the organiser's 'changed' mail");
      const entry = (await historyOf(db, booking.reference)).find(([action]) => action === 'booking.part_moved');
      assert.ok(entry, 'in the booking’s history');
      assert.equal(entry[2].part, 'Canal tour');
      assert.equal(entry[2].starts_at, '2026-06-15T13:00:00.000Z');

      // The stand-alone cruise: free at the old time, full at the new one.
      assert.equal(await bookable(await cruiseAt(cruise, '15:30')), 'slot_full');
      assert.equal(await bookable(await cruiseAt(cruise, '13:00')), 'booked');

      const details = (await loadBookingDetails(db, (await findBookingRow(db, booking.id))!))!;
      const programme = (await readBookingProgramme(db, clock, details))!;
      assert.deepEqual(
        programme.parts.map((p) => [p.part.title.en, p.moved, p.startsAt.toISOString()]),
        [
          ['Climbing', false, '2026-06-15T07:30:00.000Z'],
          ['Canal tour', true, '2026-06-15T13:00:00.000Z'],
        ],
      );
      assert.equal(programme.movable, true);
    });

    test('a move onto a boat taken then is refused with resource_conflict and changes nothing', async () => {
      const { cruise, boat, tour, booking } = await bookedDayOut();
      await book(db, clock, await cruiseAt(cruise, '16:00'), { groupSize: 4 });
      assert.equal(outcome(await moveTo(booking.id, tour, '16:30', [boat])), 'resources:resource_conflict');
      assert.equal(outcome(await moveTo(booking.id, tour, '15:30', [boat])), 'resources:resource_conflict', 'overlapping its start');
      assert.deepEqual(await movesOf(booking.id), []);
      assert.deepEqual(await boatUses(boat), ['13:00-14:00', '16:00-17:00']);
      assert.equal(await mailsOfKind(db, booking.id, 'changed'), 0);
      assert.equal(outcome(await moveTo(booking.id, tour, '15:00', [boat])), 'ok', 'right before it fits');
    });

    test('a move into a closure of the boat is refused with resource_closed_conflict', async () => {
      const { boat, tour, booking } = await bookedDayOut();
      const closed = await addClosureFromForm(db, clock, TEST_ADMIN, boat.id, {
        fromDate: DAY,
        fromTime: '17:00',
        untilDate: DAY,
        untilTime: '19:00',
        reason: 'Onderhoud',
      });
      assert.equal(outcome(closed), 'ok');
      assert.equal(outcome(await moveTo(booking.id, tour, '17:30', [boat])), 'resources:resource_closed_conflict');
      assert.deepEqual(await movesOf(booking.id), []);
    });

    test('onto another boat: the first is free for the cruise at the planned time, the second is taken', async () => {
      const { cruise, boat, tour, booking, slot } = await bookedDayOut();
      const sloep = await shareResource(db, clock, [cruise], { kind: 'units', capacity: 1, name: 'Sloep' });
      assert.equal(outcome(await moveTo(booking.id, tour, '13:00', [sloep])), 'ok');
      assert.deepEqual(await boatUses(boat), []);
      assert.deepEqual(await boatUses(sloep), ['13:00-14:00']);
      // The cruise needs both boats: taken on the second now, though the first is free.
      assert.equal(await bookable(await cruiseAt(cruise, '13:00')), 'slot_full');
      // Another group of the programme keeps the plan: it takes the first boat at 13:00.
      await book(db, clock, slot, { groupSize: 4, email: 'other@example.nl' });
      assert.deepEqual(await boatUses(boat), ['13:00-14:00']);
      assert.deepEqual(await boatUses(sloep), ['13:00-14:00']);
    });

    test('back to the plan: refused while the planned time is taken, then put back', async () => {
      const { cruise, boat, tour, booking } = await bookedDayOut();
      assert.equal(outcome(await moveTo(booking.id, tour, '15:00', [boat])), 'ok');
      const { booking: cruising } = await book(db, clock, await cruiseAt(cruise, '13:00'), { groupSize: 4 });
      assert.equal(outcome(await resetPartMove(db, clock, TEST_ADMIN_ACTOR, booking.id, tour.id)), 'resources:resource_conflict');
      assert.equal((await movesOf(booking.id)).length, 1, 'still moved');
      assert.ok(await changeBookingStatus(db, clock, TEST_ADMIN_ACTOR, cruising.id, 'cancel'));
      const reset = await resetPartMove(db, clock, TEST_ADMIN_ACTOR, booking.id, tour.id);
      assert.deepEqual(reset, { ok: true, value: true });
      assert.deepEqual(await movesOf(booking.id), []);
      assert.deepEqual(await boatUses(boat), ['13:00-14:00']);
      assert.deepEqual(await resetPartMove(db, clock, TEST_ADMIN_ACTOR, booking.id, tour.id), { ok: true, value: false }, 'not moved');
      assert.deepEqual(
        (await historyOf(db, booking.reference))
          .map(([action]) => action)
          .filter((a) => a.startsWith('booking.part_'))
          .sort(),
        ['booking.part_move_undone', 'booking.part_moved'],
      );
      assert.equal(await mailsOfKind(db, booking.id, 'changed'), 2);
    });

    test('a cancelled booking’s moved part holds nothing; it can no longer be moved, nor can a visit that has begun', async () => {
      const { cruise, boat, tour, booking, slot } = await bookedDayOut();
      assert.equal(outcome(await moveTo(booking.id, tour, '15:00', [boat])), 'ok');
      assert.ok(await changeBookingStatus(db, clock, TEST_ADMIN_ACTOR, booking.id, 'cancel'));
      assert.deepEqual(await boatUses(boat), []);
      assert.equal(await bookable(await cruiseAt(cruise, '15:00')), 'booked');
      await assert.rejects(moveTo(booking.id, tour, '16:00', [boat]), refusedWith('booking_not_active'));
      await assert.rejects(resetPartMove(db, clock, TEST_ADMIN_ACTOR, booking.id, tour.id), refusedWith('booking_not_active'));

      const { booking: next } = await book(db, clock, slot, { groupSize: 4, email: 'next@example.nl' });
      clock.set(slot.startsAt);
      await assert.rejects(moveTo(next.id, tour, '16:00', [boat]), refusedWith('booking_not_active'), 'begun');
    });

    test('refused input: a time that is no time or before the slot, a buffer that is no number; another venue’s resource or staff', async () => {
      const { boat, tour, booking } = await bookedDayOut();
      const form = (start: string, buffer = '0'): PartMoveForm => ({ start, resources: [boat.id], buffers: { [boat.id]: buffer } });
      const move = (f: PartMoveForm, actor: StaffActor = TEST_ADMIN_ACTOR) =>
        movePartFromForm(db, clock, actor, booking.id, tour.id, f, 'nl');
      assert.equal(outcome(await move(form('25:00', 'x'))), `buffers.${boat.id}:not_a_number,start:invalid_time`);
      assert.equal(outcome(await move(form(''))), 'start:required');
      assert.equal(outcome(await move(form('09:00'))), 'start:before_slot_start');
      assert.equal(outcome(await move(form('09:30'))), 'ok', 'at the very start');
      // The whole group of 10 does a moved part together: a sloop of 8 can never hold it.
      const sloop = await createResourceFromForm(
        db,
        clock,
        TEST_ADMIN,
        {
          venueId: boat.venueId,
          name: 'Sloepje',
          kind: 'persons',
          capacity: '8',
        },
        'nl',
      );
      assert.ok(sloop.ok);
      const small = await move({ start: '15:00', resources: [sloop.value.id], buffers: {} });
      assert.equal(outcome(small), 'resources:group_exceeds_resource');
      assert.deepEqual(!small.ok && small.errors[0]!.params, { n: 10, capacity: 8 });
      const elsewhere = await makeActivity(db, clock);
      const foreign = await shareResource(db, clock, [elsewhere], { kind: 'units', capacity: 1, name: 'Elders' });
      await assert.rejects(move({ start: '15:00', resources: [foreign.id], buffers: {} }), refusedWith('not_found'));
      const stranger: StaffMember = { ...TEST_ADMIN, id: 'stranger', role: 'manager', venueId: elsewhere.venue.id };
      await assert.rejects(move(form('15:00'), { member: stranger, client: null }), refusedWith('not_found'));
      await assert.rejects(resetPartMove(db, clock, { member: stranger, client: null }, booking.id, tour.id), refusedWith('not_found'));
      await assert.rejects(
        movePartFromForm(db, clock, TEST_ADMIN_ACTOR, booking.id, 'no-such-part', form('15:00'), 'nl'),
        refusedWith('not_found'),
      );
    });
  });
}
