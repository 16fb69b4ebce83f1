import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type KyselyPlugin, type OperationNode, PostgresAdapter, sql } from 'kysely';
import { injectOnPublicHost, TEST_PUBLIC_URL, testAuthSettings } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeExtra } from '../../../test/extras.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { postgresBinaries, startOwnPostgres } from '../../../test/own-postgres.js';
import { addPart, shareResource } from '../../../test/resources.js';
import { missingRequirement } from '../../../test/tools.js';
import { buildApp } from '../../app.js';
import { connectDatabase } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { Database, Db, Executor } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import { newId } from '../shared/ids.js';
import { lockRow } from '../../db/lock-row.js';
import { readAvailabilityVersion } from './availability-version.repository.js';

/**
 * A change of one column in every row of each table availability reads. A table the slots API or
 * the activity page reads that is missing here fails the test: give it a trigger in a migration
 * (see 2026-12-15T0900-availability-versions) and a change here.
 */
const CHANGES: Partial<Record<keyof Database, string>> = {
  vat_rates: 'rate_bp = rate_bp + 1',
  venues: `name = name || 'x'`,
  activities: `title_nl = title_nl || 'x'`,
  slots: 'capacity = capacity + 1',
  bookings: `organiser_name = organiser_name || 'x'`,
  activity_extras: 'amount_cents = amount_cents + 1',
  extra_stock: 'taken = taken + 1',
  booking_extras: 'quantity = quantity + 1',
  photos: `alt_nl = alt_nl || 'x'`,
  photo_variants: 'height = height + 1',
  resources: 'capacity = capacity + 1',
  resource_hours: `opens = '07:00'`,
  resource_closures: `reason = reason || 'x'`,
  activity_resources: 'buffer_minutes = buffer_minutes + 1',
  programme_parts: `title_nl = title_nl || 'x'`,
  programme_rotations: 'subgroup_size = subgroup_size + 1',
  part_resources: 'buffer_minutes = buffer_minutes + 1',
  booking_part_moves: 'offset_minutes = offset_minutes + 1',
  booking_part_move_resources: 'buffer_minutes = buffer_minutes + 1',
};

/** The tables a query names, from its operation tree. */
function tablesOf(node: unknown, found: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) tablesOf(item, found);
  else if (node && typeof node === 'object') {
    const op = node as OperationNode & { table?: { identifier?: { name?: string } } };
    if (op.kind === 'TableNode' && op.table?.identifier?.name) found.add(op.table.identifier.name);
    for (const value of Object.values(node)) tablesOf(value, found);
  }
}

/** The tables with a trigger after insert, update and delete each, from the database's catalogue. */
async function triggeredEvents(db: Db, dialect: string): Promise<Map<string, Set<string>>> {
  const events = new Map<string, Set<string>>();
  const add = (table: string, event: string) => events.set(table, (events.get(table) ?? new Set()).add(event.toLowerCase()));
  if (dialect === 'postgres') {
    const { rows } = await sql<{ table: string; event: string }>`select event_object_table as table, event_manipulation as event
      from information_schema.triggers where action_timing = 'AFTER'`.execute(db);
    for (const row of rows) add(row.table, row.event);
  } else {
    const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger'`.execute(db);
    for (const row of rows) {
      const match = /after\s+(insert|update|delete)\s+on\s+"?(\w+)"?/i.exec(row.sql);
      if (match) add(match[2]!, match[1]!);
    }
  }
  return events;
}

class RolledBack extends Error {}

/** initdb and pg_ctl, for a server of the snapshot test's own. */
const bin = postgresBinaries();

/** Runs `change` in a transaction that is rolled back, with the version before and after it. */
async function versionsAround(db: Db, activity: Activity, change: (trx: Executor) => Promise<void>): Promise<[string, string]> {
  let versions: [string, string] | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      const before = await readAvailabilityVersion(trx, { id: activity.id });
      await change(trx);
      // PostgreSQL bumps at the commit (deferred triggers); this one is rolled back, so the bumps run now.
      if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`set constraints all immediate`.execute(trx);
      versions = [before!, (await readAvailabilityVersion(trx, { id: activity.id }))!];
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return versions!;
}

for (const dialect of testDialects()) {
  describe(`availability versions on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2027-06-01T08:00:00Z');
    let programme: Activity;
    let other: Activity;
    const read = new Set<string>();

    before(async () => {
      database = await dialect.create();
      const { db } = database;
      programme = await makeActivity(db, clock, { bookingCutoffMinutes: 60 });
      other = await makeActivity(db, clock);
      const boat = await shareResource(db, clock, [programme], { kind: 'persons', capacity: 40 });
      const part = await addPart(db, clock, programme, {
        title: { nl: 'Varen', en: 'Sailing' },
        offset: 0,
        duration: 60,
        uses: [{ resource: boat, bufferMinutes: 0 }],
      });
      const extra = await makeExtra(db, programme, { stock: 10 });
      const slot = await makeSlot(db, clock, programme, { date: '2027-06-15', time: '10:00' });
      const { booking } = await book(db, clock, slot);
      const now = clock.now().toISOString();
      const photoId = newId();
      await db.insertInto('resource_hours').values({ resource_id: boat.id, weekday: 1, opens: '08:00', closes: '20:00' }).execute();
      await db
        .insertInto('resource_closures')
        .values({
          id: newId(),
          resource_id: boat.id,
          starts_at: '2027-07-01T00:00:00.000Z',
          ends_at: '2027-07-02T00:00:00.000Z',
          reason: 'Onderhoud',
          created_at: now,
        })
        .execute();
      await db.insertInto('programme_rotations').values({ activity_id: programme.id, subgroup_size: 10 }).execute();
      await db
        .insertInto('booking_part_moves')
        .values({ booking_id: booking.id, part_id: part.id, offset_minutes: 0, created_at: now })
        .execute();
      await db
        .insertInto('booking_part_move_resources')
        .values({ booking_id: booking.id, part_id: part.id, resource_id: boat.id })
        .execute();
      await db.insertInto('extra_stock').values({ slot_id: slot.id, extra_id: extra.id, taken: 1 }).execute();
      await db.insertInto('booking_extras').values({ booking_id: booking.id, extra_id: extra.id, quantity: 1 }).execute();
      await db
        .insertInto('photos')
        .values({
          id: photoId,
          venue_id: programme.venue.id,
          activity_id: programme.id,
          kind: 'activity',
          position: 0,
          alt_nl: 'Boot',
          alt_en: 'Boat',
          width: 480,
          height: 320,
          created_at: now,
        })
        .execute();
      await db
        .insertInto('photo_variants')
        .values({ photo_id: photoId, width: 480, format: 'webp', height: 320, bytes: Buffer.from('x') })
        .execute();

      // What the slots API and the activity page read, from the queries they send.
      const capture: KyselyPlugin = {
        transformQuery: (args) => {
          tablesOf(args.node, read);
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const app = injectOnPublicHost(
        await buildApp({
          db: db.withPlugin(capture) as Db,
          clock,
          auth: testAuthSettings(),
          publicUrl: TEST_PUBLIC_URL,
          selfAudit: undefined,
        }),
      );
      const api = await app.inject({ url: `/api/v1/activities/${programme.id}/slots?groupSize=4&from=2027-06-15&to=2027-06-20` });
      assert.equal(api.statusCode, 200, api.body);
      assert.equal((api.json() as { slots: unknown[] }).slots.length, 1);
      const page = await app.inject({ url: `/activities/${programme.slug}?groupSize=4&date=2027-06-15` });
      assert.equal(page.statusCode, 200, page.body);
      await app.close();
    });

    after(() => database.close());

    test('every table the slots API and the activity page read has a trigger after insert, update and delete (SQLite)', async (t) => {
      if (dialect.name === 'postgres') return t.skip('PostgreSQL versions answers by its snapshot, without triggers');
      for (const table of ['slots', 'activities', 'vat_rates', 'resource_closures', 'activity_extras', 'photos']) {
        assert.ok(read.has(table), `the capture saw ${table} read: ${[...read].join(', ')}`);
      }
      const events = await triggeredEvents(database.db, dialect.name);
      // The names a query uses include aliases (`bookings as moving`): the database's tables among them.
      const tables = new Set((await database.db.introspection.getTables()).map((table) => table.name));
      for (const table of [...read].filter((name) => tables.has(name))) {
        assert.deepEqual([...(events.get(table) ?? [])].sort(), ['delete', 'insert', 'update'], `triggers on ${table}`);
        assert.ok(table in CHANGES, `${table} is read by availability: add it to CHANGES`);
      }
    });

    test('a change to any row of those tables changes the version of the activity, and only of its venue (SQLite)', async (t) => {
      if (dialect.name === 'postgres') return t.skip('on PostgreSQL any commit moves the snapshot (tested below)');
      for (const [table, change] of Object.entries(CHANGES)) {
        let changedRows = 0n;
        const [before, after] = await versionsAround(database.db, programme, async (trx) => {
          const result = await sql.raw(`update ${table} set ${change}`).execute(trx);
          changedRows = result.numAffectedRows ?? 0n;
        });
        assert.ok(changedRows > 0n, `the scenario has a row in ${table}`);
        assert.notEqual(after, before, `a change of ${table} changes the version`);
      }
      const [before, after] = await versionsAround(database.db, programme, async (trx) => {
        await sql`update slots set capacity = capacity + 1 where activity_id = ${other.id}`.execute(trx);
        await sql`update activities set title_nl = title_nl || 'x' where id = ${other.id}`.execute(trx);
      });
      assert.equal(after, before, "another venue's changes leave the version as it is");
    });

    test('inserts and deletes change it too (SQLite)', async (t) => {
      if (dialect.name === 'postgres') return t.skip('on PostgreSQL any commit moves the snapshot (tested below)');
      const { db } = database;
      const closure = {
        id: newId(),
        starts_at: '2027-08-01T00:00:00.000Z',
        ends_at: '2027-08-02T00:00:00.000Z',
        reason: 'Storm',
        created_at: clock.now().toISOString(),
      };
      const [resource] = await db.selectFrom('resources').select('id').execute();
      let [before, after] = await versionsAround(db, programme, async (trx) => {
        await trx
          .insertInto('resource_closures')
          .values({ ...closure, resource_id: resource!.id })
          .execute();
      });
      assert.notEqual(after, before, 'a closure added');
      [before, after] = await versionsAround(db, programme, async (trx) => {
        await trx.deleteFrom('extra_stock').execute();
      });
      assert.notEqual(after, before, 'stock given back');
      [before, after] = await versionsAround(db, programme, async (trx) => {
        await trx.insertInto('vat_rates').values({ code: 'low', rate_bp: 1000, valid_from: '2028-01-01' }).execute();
      });
      assert.notEqual(after, before, 'a new VAT rate');
    });

    if (dialect.name === 'postgres') {
      if (!bin)
        missingRequirement(
          'PostgreSQL server programs (initdb, pg_ctl)',
          'install the postgresql package (none under /usr/lib/postgresql)',
        );
      test('the snapshot stays while nothing commits, and moves with any commit', { skip: !bin, timeout: 60_000 }, async () => {
        // The snapshot is the server's: a commit of any session in any database moves it. On a server
        // of its own (autovacuum off: its analyses commit too) only this test commits.
        const server = await startOwnPostgres(bin!, 'groupz', { autovacuum: 'off' });
        const own = connectDatabase({ url: server.url, sqliteFile: '' });
        try {
          const { db } = own;
          await migrateToLatest(db);
          const activity = await makeActivity(db, clock);
          const elsewhere = await makeActivity(db, clock);
          const first = await readAvailabilityVersion(db, { id: activity.id });
          assert.equal(await readAvailabilityVersion(db, { id: activity.id }), first, 'reads alone change nothing');
          assert.equal(await readAvailabilityVersion(db, { slug: activity.slug }), first, 'by slug the same');
          const slot = await makeSlot(db, clock, elsewhere, { capacity: 30, time: '16:00' });
          const moved = await readAvailabilityVersion(db, { id: activity.id });
          assert.notEqual(moved, first, 'a commit, whatever it changed');
          // A transaction still running when the version is read, committed after: the version moves again.
          const running = await db.startTransaction().execute();
          await running.updateTable('slots').set({ capacity: 31 }).where('id', '=', slot.id).execute();
          const during = await readAvailabilityVersion(db, { id: activity.id });
          assert.equal(during, moved, 'a transaction running, nothing committed');
          await running.commit().execute();
          assert.notEqual(
            await readAvailabilityVersion(db, { id: activity.id }),
            during,
            'the commit of a transaction running at the read',
          );
        } finally {
          await own.close();
          await server.remove();
        }
      });

      test('a booking and a staff edit of one activity wait for each other, not deadlock', { timeout: 15_000 }, async () => {
        const { db } = database;
        const slot = await makeSlot(db, clock, other, { capacity: 30 });
        const before = await readAvailabilityVersion(db, { id: other.id });
        // The booking takes its places (slot row locked), as takeSlotPlaces does.
        const booking = await db.startTransaction().execute();
        const staff = await db.startTransaction().execute();
        try {
          // Bounded waits: a lock-order cycle fails here instead of hanging the suite.
          await sql`set local lock_timeout = '3s'`.execute(booking);
          await sql`set local lock_timeout = '3s'`.execute(staff);
          await booking
            .updateTable('slots')
            .set((eb) => ({ booked_persons: eb('booked_persons', '+', 2) }))
            .where('id', '=', slot.id)
            .execute();
          // Staff save the activity (its row locked). A bump taken at once would wait here for the booking's.
          await staff.updateTable('activities').set({ title_nl: 'Rondvaart' }).where('id', '=', other.id).execute();
          // The booking then takes the activity's option lock (lockOptionPlacing): it waits for the staff's commit.
          const locked = lockRow(booking, 'activities', other.id);
          await staff.commit().execute();
          await locked;
          await booking.commit().execute();
        } finally {
          if (!staff.isCommitted) await staff.rollback().execute();
          if (!booking.isCommitted) await booking.rollback().execute();
        }
        const slotAfter = await db.selectFrom('slots').select('booked_persons').where('id', '=', slot.id).executeTakeFirstOrThrow();
        assert.equal(slotAfter.booked_persons, 2);
        assert.notEqual(await readAvailabilityVersion(db, { id: other.id }), before, 'both changes bumped the version');
      });
    }
  });
}
