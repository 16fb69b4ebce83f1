import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, type TestDialect, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { shareResource } from '../../resources.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { HOLDS_PLACES } from '../../../src/core/bookings/booking-status.js';
import type { ResourceKind } from '../../../src/core/resources/resource.js';
import type { BookingStatus } from '../../../src/core/shared/booking-status.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

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

/**
 * The most the stored bookings hold of the boat at any moment, computed here from the rows (not
 * by the code under test): each booking holds its slot's time plus the buffer, in persons or as
 * one unit; the peak of half-open intervals is reached at one of their starts.
 */
function peakHeld(bookings: { startsAt: number; heldUntil: number; held: number }[]): number {
  let peak = 0;
  for (const at of bookings) {
    const now = bookings.filter((b) => b.startsAt <= at.startsAt && at.startsAt < b.heldUntil).reduce((sum, b) => sum + b.held, 0);
    peak = Math.max(peak, now);
  }
  return peak;
}

/**
 * 200 organisers book groups of four at the same moment, over real HTTP against real server
 * processes (on the system clock, so the day lies 30 days ahead), into three slots of two
 * activities that share one boat with a 15-minute changeover: a 60-minute canal tour at 10:00
 * and 12:15, a 90-minute dinner cruise at 10:30. The tour at 10:00 (held until 11:15) and the
 * cruise (held until 12:15) overlap; the tour at 12:15 starts as the cruise's buffer ends, so it
 * has the whole boat. Each slot's own capacity is ample: only the boat refuses.
 */
async function rush(database: TestDatabase, servers: ServerProcess[], kind: ResourceKind) {
  const { db } = database;
  const date = addLocalDays(localDateOf(new Date()), 30);
  const tour = await makeActivity(db, systemClock, { durationMinutes: 60, title: { nl: 'Rondvaart', en: 'Canal tour' } });
  const cruise = await makeActivity(db, systemClock, {
    venueId: tour.venue.id,
    durationMinutes: 90,
    title: { nl: 'Dinercruise', en: 'Dinner cruise' },
  });
  const boat = BOATS[kind];
  await shareResource(db, systemClock, [tour, cruise], { kind, capacity: boat.capacity, bufferMinutes: BUFFER_MINUTES });
  const early = await makeSlot(db, systemClock, tour, { date, time: '10:00', capacity: 500 });
  const overlapping = await makeSlot(db, systemClock, cruise, { date, time: '10:30', capacity: 500 });
  const late = await makeSlot(db, systemClock, tour, { date, time: '12:15', capacity: 500 });
  const slots = [early, overlapping, late];

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

  const rows = await db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select(['bookings.reference', 'bookings.status', 'bookings.group_size', 'bookings.slot_id', 'slots.starts_at', 'slots.ends_at'])
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

  const peak = peakHeld(
    holding.map((r) => ({
      startsAt: Date.parse(r.starts_at),
      heldUntil: Date.parse(r.ends_at) + BUFFER_MINUTES * 60_000,
      held: kind === 'persons' ? r.group_size : 1,
    })),
  );
  assert.ok(peak <= boat.capacity, `over capacity: ${peak} held of a boat of ${boat.capacity}`);
  const on = (...ids: string[]) => created.filter((a) => ids.includes(a.slotId)).length;
  assert.equal(on(early.id, overlapping.id), boat.admitsAtOnce, 'the overlapping tour and cruise share the boat to the last seat');
  assert.equal(on(late.id), boat.admitsAtOnce, 'the tour starting as the changeover ends has the whole boat');

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

function resourceRushSuite(dialect: TestDialect) {
  describe(`bookings of two activities sharing a boat, over HTTP on ${dialect.name}`, () => {
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

    for (const processes of [1, 2]) {
      const by = `${processes} server process${processes > 1 ? 'es' : ''}`;
      test(`${by}, a boat of 40 seats: ${REQUESTS} groups of four at once, exactly ten share it, then ten after the changeover`, async (t) => {
        const figures = await rush(database, servers.slice(0, processes), 'persons');
        t.diagnostic(`${figures.created} answered 201, ${figures.refused} answered 409`);
      });
      test(`${by}, one boat chartered per group: ${REQUESTS} at once, exactly one of the overlapping two, one after`, async (t) => {
        const figures = await rush(database, servers.slice(0, processes), 'units');
        t.diagnostic(`${figures.created} answered 201, ${figures.refused} answered 409`);
      });
    }
  });
}

for (const dialect of testDialects()) resourceRushSuite(dialect);
