import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_ADMIN, TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { changeBookingStatus } from '../booking-flows/booking-admin.service.js';
import type { Activity } from '../catalog/activity.js';
import { localToInstant } from '../shared/time.js';
import type { Resource } from './resource.js';
import { addClosureFromForm, createResourceFromForm, linkActivityFromForm, saveHoursFromForm } from './resource-admin.service.js';
import type { Interval } from './resource.js';
import { movePartFromForm } from '../booking-flows/part-move.service.js';
import { addPart } from '../../../test/resources.js';
import type { ProgrammePart } from './programme.js';
import { saveRotation } from './programme.repository.js';
import { freeGaps } from './resource-planning.js';
import { readResourcePlanning } from './resource-planning.service.js';

const HOUR = 3_600_000;
const at = (date: string, time: string) => localToInstant(date, time);
const span = ({ from, to }: Interval) => [from.toISOString(), to.toISOString()];

describe('free gaps', () => {
  const window = { from: new Date('2026-06-15T07:00:00Z'), to: new Date('2026-06-15T16:00:00Z') };
  const iv = (from: string, to: string) => ({ from: new Date(`2026-06-15T${from}:00Z`), to: new Date(`2026-06-15T${to}:00Z`) });

  test('what is taken, overlapping or touching, is cut out of the window once; outside it counts for nothing', () => {
    assert.deepEqual(
      freeGaps(window, [iv('09:00', '10:00'), iv('06:00', '07:30'), iv('09:30', '11:00'), iv('11:00', '12:00'), iv('17:00', '18:00')]).map(
        span,
      ),
      [span(iv('07:30', '09:00')), span(iv('12:00', '16:00'))],
    );
    assert.deepEqual(freeGaps(window, [iv('06:00', '17:00')]), []);
    assert.deepEqual(freeGaps(null, []), []);
  });
});

for (const dialect of testDialects()) {
  describe(`a resource's day planning (${dialect.name})`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-03-01T08:00:00Z');
    let activity: Activity;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    /** A resource of a new activity's venue, linked to it (each test its own, so one's hours do not close another's slots). */
    async function resourceLinked(name: string, buffer: string): Promise<Resource> {
      const { db } = database;
      activity = await makeActivity(db, clock, { durationMinutes: 90 });
      const made = await createResourceFromForm(
        db,
        clock,
        TEST_ADMIN,
        {
          venueId: activity.venue.id,
          name,
          kind: 'persons',
          capacity: '40',
        },
        'nl',
      );
      assert.ok(made.ok);
      assert.ok((await linkActivityFromForm(db, clock, TEST_ADMIN, made.value.id, { activityId: activity.id, buffer }, 'nl')).ok);
      return made.value;
    }

    test('lists the day’s slots with their bookings and buffer, and the gaps within the opening hours that nothing holds', async () => {
      const { db } = database;
      const boat = await resourceLinked('Fluisterboot', '30');
      const hours = await saveHoursFromForm(db, clock, TEST_ADMIN, boat.id, { open1: 'yes', opens1: '09:00', closes1: '18:00' });
      assert.ok(hours.ok);
      const closure = { fromDate: '2026-06-15', fromTime: '16:00', untilDate: '2026-06-15', untilTime: '17:00', reason: 'Onderhoud' };
      assert.ok((await addClosureFromForm(db, clock, TEST_ADMIN, boat.id, closure)).ok);
      const morning = await makeSlot(db, clock, activity, { date: '2026-06-15', time: '10:00' });
      const afternoon = await makeSlot(db, clock, activity, { date: '2026-06-15', time: '14:00' });
      await makeSlot(db, clock, activity, { date: '2026-06-16', time: '10:00' });
      const { booking } = await book(db, clock, morning, { groupSize: 12 });
      const { booking: dropped } = await book(db, clock, afternoon, { groupSize: 5 });
      assert.equal(await changeBookingStatus(db, clock, TEST_ADMIN_ACTOR, dropped.id, 'cancel'), true);

      const planning = await readResourcePlanning(db, clock, TEST_ADMIN, boat.id, '2026-06-15');
      assert.deepEqual(
        planning.slots.map((s) => [
          s.id,
          s.heldUntil.toISOString(),
          s.bookedPersons,
          s.bookedGroups,
          s.bookings.map((b) => [b.reference, b.status]),
        ]),
        [
          [morning.id, at('2026-06-15', '12:00').toISOString(), 12, 1, [[booking.reference, booking.status]]],
          [afternoon.id, at('2026-06-15', '16:00').toISOString(), 0, 0, [[dropped.reference, 'cancelled']]],
        ],
      );
      assert.deepEqual(
        planning.closures.map((c) => c.reason),
        ['Onderhoud'],
      );
      // The cancelled afternoon holds nothing: only the morning (with its buffer) and the closure are cut out.
      assert.deepEqual(planning.gaps.map(span), [
        span({ from: at('2026-06-15', '09:00'), to: at('2026-06-15', '10:00') }),
        span({ from: at('2026-06-15', '12:00'), to: at('2026-06-15', '16:00') }),
        span({ from: at('2026-06-15', '17:00'), to: at('2026-06-15', '18:00') }),
      ]);
      // Tuesday has no hours: closed all day, no gaps; the slot is still listed.
      const tuesday = await readResourcePlanning(db, clock, TEST_ADMIN, boat.id, '2026-06-16');
      assert.equal(tuesday.opening, null);
      assert.deepEqual([tuesday.slots.length, tuesday.gaps.length], [1, 0]);
    });

    test('an always-open resource is free the whole Amsterdam day: 23 hours when summer time starts, 25 when it ends', async () => {
      const { db } = database;
      const guide = await resourceLinked('Gids', '0');
      for (const [date, hours] of [
        ['2026-03-29', 23],
        ['2026-10-25', 25],
      ] as const) {
        const slot = await makeSlot(db, clock, activity, { date, time: '10:00' });
        await book(db, clock, slot, { groupSize: 4 });
        const planning = await readResourcePlanning(db, clock, TEST_ADMIN, guide.id, date);
        assert.equal((planning.day.to.getTime() - planning.day.from.getTime()) / HOUR, hours);
        assert.deepEqual(planning.opening && span(planning.opening), span(planning.day));
        assert.deepEqual(planning.gaps.map(span), [
          span({ from: planning.day.from, to: at(date, '10:00') }),
          span({ from: at(date, '11:30'), to: planning.day.to }),
        ]);
        const free = planning.gaps.reduce((sum, gap) => sum + gap.to.getTime() - gap.from.getTime(), 0);
        assert.equal(free / HOUR, hours - 1.5);
      }
    });

    test("another venue's member finds no planning of the resource", async () => {
      const { db } = database;
      const guide = await resourceLinked('Schipper', '0');
      const other = await makeActivity(db, clock);
      const stranger = { ...TEST_ADMIN, id: 'm-2', role: 'manager' as const, venueId: other.venue.id };
      await assert.rejects(readResourcePlanning(db, clock, stranger, guide.id, '2026-06-15'), { code: 'not_found' });
    });

    test('a programme taken in turns and a moved part: each group at its own turn, a moved part at its new time only', async () => {
      const { db } = database;
      const trip = await makeActivity(db, clock, { durationMinutes: 180, maxGroupSize: 60 });
      const resource = async (name: string) => {
        const made = await createResourceFromForm(
          db,
          clock,
          TEST_ADMIN,
          { venueId: trip.venue.id, name, kind: 'persons', capacity: '40' },
          'nl',
        );
        assert.ok(made.ok);
        return made.value;
      };
      const [wall, shop, boat, spare] = [
        await resource('Wand'),
        await resource('Werkplaats'),
        await resource('Sloep'),
        await resource('Reservesloep'),
      ];
      const parts: ProgrammePart[] = [];
      for (const [i, used] of [wall, shop, boat].entries()) {
        const title = { nl: used.name, en: used.name };
        parts.push(await addPart(db, clock, trip, { title, offset: i * 60, duration: 60, uses: [{ resource: used, bufferMinutes: 0 }] }));
      }
      await db.transaction().execute((trx) =>
        saveRotation(
          trx,
          trip.id,
          20,
          parts.map((p) => p.id),
        ),
      );
      const slot = await makeSlot(db, clock, trip, { date: '2026-06-16', time: '10:00', capacity: 100 });
      const klas = await book(db, clock, slot, { groupSize: 40, email: 'klas@example.nl' });
      const small = await book(db, clock, slot, { groupSize: 12, email: 'klein@example.nl' });
      const onWall = await readResourcePlanning(db, clock, TEST_ADMIN, wall.id, '2026-06-16');
      // The class's first subgroup climbs at 10:00 with the small group, its second at 12:00.
      assert.deepEqual(
        onWall.slots.map((s) => [s.startsAt.toISOString(), s.bookedPersons, s.bookings.map((b) => b.groupSize).sort((x, y) => y - x)]),
        [
          [at('2026-06-16', '10:00').toISOString(), 32, [20, 12]],
          [at('2026-06-16', '12:00').toISOString(), 20, [20]],
        ],
      );
      assert.deepEqual(onWall.gaps.map(span), [
        span({ from: at('2026-06-16', '00:00'), to: at('2026-06-16', '10:00') }),
        span({ from: at('2026-06-16', '11:00'), to: at('2026-06-16', '12:00') }),
        span({ from: at('2026-06-16', '13:00'), to: at('2026-06-17', '00:00') }),
      ]);
      // The small group's boat trip moves to the spare boat at 15:00: off the boat's planning, on the spare's.
      const moved = await movePartFromForm(
        db,
        clock,
        TEST_ADMIN_ACTOR,
        small.booking.id,
        parts[2]!.id,
        {
          start: '15:00',
          resources: [spare.id],
          buffers: { [spare.id]: '0' },
        },
        'nl',
      );
      assert.ok(moved.ok, JSON.stringify(moved));
      const onBoat = await readResourcePlanning(db, clock, TEST_ADMIN, boat.id, '2026-06-16');
      assert.deepEqual(
        onBoat.slots.map((s) => [s.startsAt.toISOString(), s.bookings.map((b) => b.reference)]),
        [
          [at('2026-06-16', '11:00').toISOString(), [klas.booking.reference]],
          [at('2026-06-16', '12:00').toISOString(), [klas.booking.reference]],
        ],
      );
      const onSpare = await readResourcePlanning(db, clock, TEST_ADMIN, spare.id, '2026-06-16');
      assert.deepEqual(
        onSpare.slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString(), s.bookedPersons, s.bookings.map((b) => b.reference)]),
        [[at('2026-06-16', '15:00').toISOString(), at('2026-06-16', '16:00').toISOString(), 12, [small.booking.reference]]],
      );
      assert.deepEqual(onSpare.slots[0]!.bookings[0]!.moved, true);
      assert.deepEqual(
        onBoat.slots.map((s) => s.bookings.map((b) => b.subgroup)),
        [[2], [1]],
        "the class's second subgroup sails at 11:00, its first at 12:00",
      );
    });
  });
}
