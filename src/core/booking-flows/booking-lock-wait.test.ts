import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TEST_ADMIN } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { shareResource } from '../../../test/resources.js';
import type { Db } from '../../db/schema.js';
import { DomainError } from '../shared/errors.js';
import { publishTerms } from '../venues/venue-terms.service.js';
import type { CreatedBooking } from './booking.service.js';

/** What the organiser's mail of a booking names as the address's other bookings of the slot. */
async function earlierNamed(db: Db, bookingId: string): Promise<string[]> {
  const mail = await db
    .selectFrom('mail_outbox')
    .select('detail')
    .where('booking_id', '=', bookingId)
    .where('kind', '=', 'booking_received')
    .executeTakeFirstOrThrow();
  const named = (JSON.parse(mail.detail) as { earlier_references?: string }).earlier_references;
  return named ? named.split(', ') : [];
}

/** A booking's outcome: `placed, terms 2` or its refusal's code. */
function outcomeOf(result: PromiseSettledResult<CreatedBooking> | undefined): string {
  if (result?.status === 'fulfilled') return `placed, terms ${result.value.booking.termsVersion}`;
  return result?.reason instanceof DomainError ? result.reason.code : String(result?.reason);
}

/**
 * Runs `bookings` while the slot's row is locked by another transaction (PostgreSQL), so each
 * waits for the lock after its statement began; `meanwhile` runs (and commits) once `waiting` of
 * them wait, then the lock is let go.
 */
async function whileSlotLocked<T>(
  db: Db,
  slotId: string,
  waiting: number,
  bookings: () => Promise<T>[],
  meanwhile: () => Promise<unknown> = async () => {},
): Promise<PromiseSettledResult<T>[]> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const lockHeld = new Promise<void>((resolve) => (locked = resolve));
  const holder = db.transaction().execute(async (trx) => {
    await sql`select id from slots where id = ${slotId} for update`.execute(trx);
    locked();
    await released;
  });
  await lockHeld;
  const placing = bookings();
  const name = (await sql<{ db: string }>`select current_database() as db`.execute(db)).rows[0]!.db;
  const waits = sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = ${name} and wait_event_type = 'Lock'`;
  const deadline = Date.now() + 10_000;
  while ((await waits.execute(db)).rows[0]!.n < waiting) {
    if (Date.now() > deadline) assert.fail(`${waiting} bookings never all waited for the slot's lock`);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await meanwhile();
  release();
  await holder;
  return Promise.allSettled(placing);
}

for (const dialect of testDialects()) {
  describe(`bookings of one address placed at once each name the others once (${dialect.name})`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    // Six: with the lock's holder and the watcher, eight of the pool's ten connections.
    test('six bookings of one address, all at once: of each two, exactly one names the other', async () => {
      const { db } = database;
      const slot = await makeSlot(db, clock, await makeActivity(db, clock), { capacity: 100 });
      const placing = () => Array.from({ length: 6 }, () => book(db, clock, slot, { email: 'klas@school.nl', groupSize: 2 }));
      const settled = dialect.name === 'postgres' ? await whileSlotLocked(db, slot.id, 6, placing) : await Promise.allSettled(placing());
      const placed = settled.map((result) => (result.status === 'fulfilled' ? result.value.booking : assert.fail(String(result.reason))));
      const named = new Map(await Promise.all(placed.map(async (b) => [b.reference, await earlierNamed(db, b.id)] as const)));
      for (const a of placed) {
        for (const b of placed) {
          if (a === b) continue;
          const once = Number(named.get(a.reference)!.includes(b.reference)) + Number(named.get(b.reference)!.includes(a.reference));
          assert.equal(once, 1, `${a.reference} and ${b.reference}: ${JSON.stringify(Object.fromEntries(named))}`);
        }
      }
    });
  });
}

// On SQLite a booking holds the database's only write lock from its first write: nothing commits while it waits.
for (const dialect of testDialects().filter((d) => d.name === 'postgres')) {
  describe("a booking that waits for its slot's lock sees what was committed meanwhile (postgres)", () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    const publish = (venueId: string, n: number) => () =>
      publishTerms(database.db, clock, TEST_ADMIN, venueId, { textNl: `Voorwaarden ${n}.`, textEn: `Terms ${n}.` });

    test('terms published meanwhile: accepted when not named, refused when the booking read the earlier ones', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity);
      await publish(activity.venue.id, 1)();
      const once = async (termsVersion: number | undefined, published: number) =>
        outcomeOf(
          (
            await whileSlotLocked(db, slot.id, 1, () => [book(db, clock, slot, { termsVersion })], publish(activity.venue.id, published))
          )[0],
        );
      assert.equal(await once(undefined, 2), 'placed, terms 2');
      assert.equal(await once(2, 3), 'terms_changed');
    });

    test('a resource linked meanwhile: the booking is weighed against what it holds', async () => {
      const { db } = database;
      const tour = await makeActivity(db, clock, { durationMinutes: 60 });
      const drinks = await makeActivity(db, clock, { venueId: tour.venue.id, durationMinutes: 60 });
      const boat = await shareResource(db, clock, [drinks], { kind: 'units', capacity: 1 });
      await book(db, clock, await makeSlot(db, clock, drinks, { time: '10:00' }));
      const slot = await makeSlot(db, clock, tour, { time: '10:30' });
      const link = () => db.insertInto('activity_resources').values({ activity_id: tour.id, resource_id: boat.id }).execute();
      const result = await whileSlotLocked(db, slot.id, 1, () => [book(db, clock, slot)], link);
      assert.equal(outcomeOf(result[0]), 'slot_full', 'the boat is out at 10:30');
      assert.equal((await db.selectFrom('bookings').select('id').where('slot_id', '=', slot.id).execute()).length, 0);
    });
  });
}
