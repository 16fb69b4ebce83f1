import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, type TestDialect, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { TEST_ADMIN } from '../../actors.js';
import { addPart, shareResource } from '../../resources.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import type { Slot } from '../../../src/core/availability/slot.js';
import type { ProgrammePart } from '../../../src/core/resources/programme.js';
import { saveRotation } from '../../../src/core/resources/programme.repository.js';
import { createResourceFromForm } from '../../../src/core/resources/resource-admin.service.js';
import type { Resource, ResourceKind } from '../../../src/core/resources/resource.js';
import { type BookingStatus, HOLDS_PLACES } from '../../../src/core/shared/booking-status.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';
import type { Db } from '../../../src/db/schema.js';

const REQUESTS = 200;
const GROUP = 4;
const BUFFER_MINUTES = 15;

/**
 * How each rush's resource is set: a shared boat of 40 seats (groups share it, so ten groups of
 * four at once) or one boat chartered whole by each group.
 */
const BOATS: Record<ResourceKind, { capacity: number; admitsAtOnce: number }> = {
  persons: { capacity: 40, admitsAtOnce: 40 / GROUP },
  units: { capacity: 1, admitsAtOnce: 1 },
};

interface Answer {
  status: number;
  body: { reference?: string; status?: string; code?: string };
}

/** What one stored booking holds of the boat: from when, until when (buffer included), and how much. */
interface Hold {
  startsAt: number;
  heldUntil: number;
  held: number;
}

/**
 * The most the stored bookings hold of the boat at any moment, computed here from the rows (not
 * by the code under test); the peak of half-open intervals is reached at one of their starts.
 */
function peakHeld(holds: Hold[]): number {
  let peak = 0;
  for (const at of holds) {
    const now = holds.filter((h) => h.startsAt <= at.startsAt && at.startsAt < h.heldUntil).reduce((sum, h) => sum + h.held, 0);
    peak = Math.max(peak, now);
  }
  return peak;
}

/**
 * The boat's holds of the bookings stored on the slots, read from the rows: a booking of an activity
 * linked to the boat holds it for its slot's time plus the link's buffer; one of a programme, for
 * each part that uses the boat, from the slot's start plus the part's offset for the part's
 * duration plus its buffer. In persons or as one unit.
 */
async function boatHolds(db: Db, boatId: string, kind: ResourceKind, rows: StoredBooking[]): Promise<Hold[]> {
  const links = await db
    .selectFrom('activity_resources')
    .select(['activity_id', 'buffer_minutes'])
    .where('resource_id', '=', boatId)
    .execute();
  const parts = await db
    .selectFrom('part_resources')
    .innerJoin('programme_parts', 'programme_parts.id', 'part_resources.part_id')
    .select([
      'programme_parts.activity_id',
      'programme_parts.offset_minutes',
      'programme_parts.duration_minutes',
      'part_resources.buffer_minutes',
    ])
    .where('part_resources.resource_id', '=', boatId)
    .execute();
  const minutes = 60_000;
  return rows.flatMap((r) => {
    const start = Date.parse(r.starts_at);
    const held = kind === 'persons' ? r.group_size : 1;
    const whole = links
      .filter((l) => l.activity_id === r.activity_id)
      .map((l) => ({ startsAt: start, heldUntil: Date.parse(r.ends_at) + l.buffer_minutes * minutes, held }));
    const inParts = parts
      .filter((p) => p.activity_id === r.activity_id)
      .map((p) => ({
        startsAt: start + p.offset_minutes * minutes,
        heldUntil: start + (p.offset_minutes + p.duration_minutes + p.buffer_minutes) * minutes,
        held,
      }));
    return [...whole, ...inParts];
  });
}

interface StoredBooking {
  reference: string;
  status: string;
  group_size: number;
  slot_id: string;
  activity_id: string;
  starts_at: string;
  ends_at: string;
}

/**
 * Three slots on one boat: two whose times on the boat overlap, so they share it, and one whose
 * time on the boat starts as the changeover after them ends, so it has the whole boat.
 */
interface RushSlots {
  boat: Resource;
  overlapping: [Slot, Slot];
  late: Slot;
}

/**
 * 200 organisers book groups of four at the same moment, over real HTTP against real server
 * processes (on the system clock, so the day lies 30 days ahead), round the three slots. Each
 * slot's own capacity is ample: only the boat refuses.
 */
async function rush(database: TestDatabase, servers: ServerProcess[], kind: ResourceKind, { boat, overlapping, late }: RushSlots) {
  const { db } = database;
  const capacity = BOATS[kind];
  const slots = [...overlapping, late];

  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i): Promise<Answer & { slotId: string }> => {
      const slotId = slots[i % slots.length]!.id;
      const res = await fetch(`${servers[i % servers.length]!.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify(bookingRequest(slotId, { groupSize: GROUP, name: `Organiser ${i}`, email: `o${i}@example.nl` })),
      });
      return { slotId, status: res.status, body: (await res.json()) as Answer['body'] };
    }),
  );

  const created = answers.filter((a) => a.status === 201);
  const refused = answers.filter((a) => a.status !== 201);
  assert.deepEqual([...new Set(refused.map((a) => `${a.status} ${a.body.code}`))], ['409 slot_full'], 'every refusal is a 409 with a code');

  const rows: StoredBooking[] = await db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select([
      'bookings.reference',
      'bookings.status',
      'bookings.group_size',
      'bookings.slot_id',
      'slots.activity_id',
      'slots.starts_at',
      'slots.ends_at',
    ])
    .where(
      'bookings.slot_id',
      'in',
      slots.map((s) => s.id),
    )
    .execute();
  assert.deepEqual(
    created.map((a) => `${a.body.reference} ${a.body.status}`).sort(),
    rows.map((r) => `${r.reference} ${r.status}`).sort(),
    'every 201 is a stored booking in the status it was answered with, and nothing else was stored',
  );
  const holding = rows.filter((r) => HOLDS_PLACES[r.status as BookingStatus]);
  assert.equal(holding.length, rows.length, 'every booking placed holds its places');

  const peak = peakHeld(await boatHolds(db, boat.id, kind, holding));
  assert.ok(peak <= capacity.capacity, `over capacity: ${peak} held of a boat of ${capacity.capacity}`);
  const on = (...ids: string[]) => created.filter((a) => ids.includes(a.slotId)).length;
  assert.equal(on(...overlapping.map((s) => s.id)), capacity.admitsAtOnce, 'the overlapping two share the boat to the last seat');
  assert.equal(on(late.id), capacity.admitsAtOnce, 'the one starting on the boat as the changeover ends has the whole boat');

  // The slots' own counters agree with the bookings stored on them.
  for (const slot of slots) {
    const stored = await db
      .selectFrom('slots')
      .select(['booked_persons', 'booked_groups'])
      .where('id', '=', slot.id)
      .executeTakeFirstOrThrow();
    const own = holding.filter((r) => r.slot_id === slot.id);
    assert.deepEqual([stored.booked_persons, stored.booked_groups], [own.reduce((sum, r) => sum + r.group_size, 0), own.length]);
  }
  return { created: created.length, refused: refused.length };
}

const rushDate = () => addLocalDays(localDateOf(new Date()), 30);

/**
 * Two activities that share one boat with a 15-minute changeover: a 60-minute canal tour at 10:00
 * and 12:15, a 90-minute dinner cruise at 10:30. The tour at 10:00 (held until 11:15) and the
 * cruise (held until 12:15) overlap; the tour at 12:15 starts as the cruise's buffer ends.
 */
async function tourAndCruise(db: Db, kind: ResourceKind): Promise<RushSlots> {
  const date = rushDate();
  const tour = await makeActivity(db, systemClock, { durationMinutes: 60, title: { nl: 'Rondvaart', en: 'Canal tour' } });
  const cruise = await makeActivity(db, systemClock, {
    venueId: tour.venue.id,
    durationMinutes: 90,
    title: { nl: 'Dinercruise', en: 'Dinner cruise' },
  });
  const boat = await shareResource(db, systemClock, [tour, cruise], {
    kind,
    capacity: BOATS[kind].capacity,
    bufferMinutes: BUFFER_MINUTES,
  });
  const early = await makeSlot(db, systemClock, tour, { date, time: '10:00', capacity: 500 });
  const overlapping = await makeSlot(db, systemClock, cruise, { date, time: '10:30', capacity: 500 });
  const late = await makeSlot(db, systemClock, tour, { date, time: '12:15', capacity: 500 });
  return { boat, overlapping: [early, overlapping], late };
}

/**
 * A four-hour programme, "a day on the water" (lunch 0-75 minutes in, a canal tour on the boat
 * 90-150, a walk 165-240), and a stand-alone 60-minute canal tour on the same boat, both with a
 * 15-minute changeover. The programme at 09:00 sails 10:30-11:30 (held until 11:45), the
 * stand-alone tour at 11:00 (held until 12:15): they overlap. The programme at 10:45 lunches while
 * the stand-alone tour sails (its lunch uses no boat) and sails itself at 12:15, as the tour's
 * buffer ends.
 */
async function programmeAndTour(db: Db, kind: ResourceKind): Promise<RushSlots> {
  const date = rushDate();
  const tour = await makeActivity(db, systemClock, { durationMinutes: 60, title: { nl: 'Rondvaart', en: 'Canal tour' } });
  const boat = await shareResource(db, systemClock, [tour], { kind, capacity: BOATS[kind].capacity, bufferMinutes: BUFFER_MINUTES });
  const programme = await makeActivity(db, systemClock, {
    venueId: tour.venue.id,
    durationMinutes: 240,
    title: { nl: 'Dagje op het water', en: 'A day on the water' },
  });
  await addPart(db, systemClock, programme, { title: { nl: 'Lunch', en: 'Lunch' }, offset: 0, duration: 75 });
  await addPart(db, systemClock, programme, {
    title: { nl: 'Rondvaart', en: 'Canal tour' },
    offset: 90,
    duration: 60,
    partActivity: tour,
    uses: [{ resource: boat, bufferMinutes: BUFFER_MINUTES }],
  });
  await addPart(db, systemClock, programme, { title: { nl: 'Wandeling', en: 'Walk' }, offset: 165, duration: 75 });
  const early = await makeSlot(db, systemClock, programme, { date, time: '09:00', capacity: 500 });
  const overlapping = await makeSlot(db, systemClock, tour, { date, time: '11:00', capacity: 500 });
  const late = await makeSlot(db, systemClock, programme, { date, time: '10:45', capacity: 500 });
  return { boat, overlapping: [early, overlapping], late };
}

/**
 * A three-hour school trip whose three parts (climbing wall, workshop, boat: 40 persons each) groups
 * of more than 20 take in turns, in subgroups, and a stand-alone climbing hour on the same wall at
 * the second turn. 100 classes of 40 (two subgroups of 20) and 100 groups of four rush at once:
 * each class holds the wall at the first and third turns only, so exactly two classes fit, and
 * the wall is free for ten groups of four at the second turn. Whether any resource ever holds more
 * than 40 is computed here from the stored rows, by the rotation's rule written out again.
 */
async function rotationRush(database: TestDatabase, servers: ServerProcess[]) {
  const { db } = database;
  const date = rushDate();
  const climbing = await makeActivity(db, systemClock, { durationMinutes: 60, title: { nl: 'Klimuur', en: 'Climbing hour' } });
  const trip = await makeActivity(db, systemClock, {
    venueId: climbing.venue.id,
    durationMinutes: 180,
    maxGroupSize: 60,
    title: { nl: 'Schoolreis', en: 'School trip' },
  });
  const wall = await shareResource(db, systemClock, [climbing], { kind: 'persons', capacity: 40, name: 'Klimwand' });
  const resources = [wall];
  for (const name of ['Werkplaats', 'Sloep']) {
    const made = await createResourceFromForm(
      db,
      systemClock,
      TEST_ADMIN,
      {
        venueId: trip.venue.id,
        name,
        kind: 'persons',
        capacity: '40',
      },
      'nl',
    );
    assert.ok(made.ok);
    resources.push(made.value);
  }
  const parts: ProgrammePart[] = [];
  for (const [i, resource] of resources.entries()) {
    const title = { nl: resource.name, en: resource.name };
    parts.push(await addPart(db, systemClock, trip, { title, offset: i * 60, duration: 60, uses: [{ resource, bufferMinutes: 0 }] }));
  }
  await db.transaction().execute((trx) =>
    saveRotation(
      trx,
      trip.id,
      20,
      parts.map((part) => part.id),
    ),
  );
  const tripSlot = await makeSlot(db, systemClock, trip, { date, time: '10:00', capacity: 500 });
  const climbingSlot = await makeSlot(db, systemClock, climbing, { date, time: '11:00', capacity: 500 });

  const answers = await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const [slot, groupSize] = i % 2 === 0 ? [tripSlot, 40] : [climbingSlot, GROUP];
      const res = await fetch(`${servers[i % servers.length]!.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify(bookingRequest(slot.id, { groupSize, name: `Organiser ${i}`, email: `r${i}@example.nl` })),
      });
      return { slotId: slot.id, status: res.status, body: (await res.json()) as Answer['body'] };
    }),
  );
  const refused = answers.filter((a) => a.status !== 201);
  assert.deepEqual([...new Set(refused.map((a) => `${a.status} ${a.body.code}`))], ['409 slot_full'], 'every refusal is a 409 with a code');
  const created = answers.filter((a) => a.status === 201);
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select(['bookings.reference', 'bookings.status', 'bookings.group_size', 'bookings.slot_id', 'slots.starts_at'])
    .where('bookings.slot_id', 'in', [tripSlot.id, climbingSlot.id])
    .execute();
  assert.deepEqual(
    created.map((a) => a.body.reference).sort(),
    rows.map((r) => r.reference).sort(),
    'every 201 is a stored booking, and nothing else was stored',
  );
  // Each resource's holds: a class's subgroup k (of m) at turn j is at part (j + k) mod 3.
  const hour = 3_600_000;
  const holds = new Map<string, Hold[]>(resources.map((r) => [r.id, []]));
  for (const row of rows.filter((r) => HOLDS_PLACES[r.status as BookingStatus])) {
    const start = Date.parse(row.starts_at);
    if (row.slot_id === climbingSlot.id) {
      holds.get(wall.id)!.push({ startsAt: start, heldUntil: start + hour, held: row.group_size });
      continue;
    }
    const m = Math.min(3, Math.ceil(row.group_size / 20));
    for (let k = 0; k < m; k++) {
      const size = Math.floor(row.group_size / m) + (k < row.group_size % m ? 1 : 0);
      for (let j = 0; j < 3; j++) {
        holds.get(resources[(j + k) % 3]!.id)!.push({ startsAt: start + j * hour, heldUntil: start + (j + 1) * hour, held: size });
      }
    }
  }
  for (const resource of resources) {
    const peak = peakHeld(holds.get(resource.id)!);
    assert.ok(peak <= 40, `${resource.name} over capacity: ${peak} of 40`);
  }
  const on = (slot: Slot) => created.filter((a) => a.slotId === slot.id).length;
  assert.equal(on(tripSlot), 2, 'two classes of 40, in subgroups of 20, fill every part at every turn');
  assert.equal(on(climbingSlot), 10, 'the wall, free of classes at the second turn, takes ten groups of four');
  return { created: created.length, refused: refused.length };
}

const SCENARIOS = [
  { name: 'a canal tour and a dinner cruise', setUp: tourAndCruise },
  { name: 'a programme whose canal tour is one part, and a stand-alone canal tour', setUp: programmeAndTour },
];

function resourceRushSuite(dialect: TestDialect) {
  describe(`bookings of activities and programmes sharing a boat, over HTTP on ${dialect.name}`, () => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    before(async () => {
      database = await dialect.create();
      servers = await Promise.all([1, 2].map(() => startServer({ ...database.env, ...BOOKING_LIMITS_OFF })));
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database.close();
    });

    for (const scenario of SCENARIOS) {
      for (const processes of [1, 2]) {
        const by = `${scenario.name}, ${processes} server process${processes > 1 ? 'es' : ''}`;
        test(`${by}, a boat of 40 seats: ${REQUESTS} groups of four at once, exactly ten share it, then ten after the changeover`, async (t) => {
          const figures = await rush(database, servers.slice(0, processes), 'persons', await scenario.setUp(database.db, 'persons'));
          t.diagnostic(`${figures.created} answered 201, ${figures.refused} answered 409`);
        });
        test(`${by}, one boat chartered per group: ${REQUESTS} at once, exactly one of the overlapping two, one after`, async (t) => {
          const figures = await rush(database, servers.slice(0, processes), 'units', await scenario.setUp(database.db, 'units'));
          t.diagnostic(`${figures.created} answered 201, ${figures.refused} answered 409`);
        });
      }
    }
    for (const processes of [1, 2]) {
      test(`a school trip in rotating subgroups and a climbing hour sharing its wall, ${processes} server process${processes > 1 ? 'es' : ''}: ${REQUESTS} at once, two classes and ten groups`, async (t) => {
        const figures = await rotationRush(database, servers.slice(0, processes));
        t.diagnostic(`${figures.created} answered 201, ${figures.refused} answered 409`);
      });
    }
  });
}

for (const dialect of testDialects()) resourceRushSuite(dialect);
