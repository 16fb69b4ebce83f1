import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { TestClock } from '../../test/clock.js';
import { type TestDatabase, testDialects } from '../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../test/factories.js';
import { TEST_LINK_KEY } from '../../test/links.js';
import { NO_PAYMENTS } from '../../test/payment-context.js';
import { createBooking } from '../core/booking-flows/booking.service.js';
import { DomainError } from '../core/shared/errors.js';
import { connectDatabase, type DatabaseHandle } from './connect.js';
import { groupedTransaction } from './group-commit.js';

const clock = new TestClock('2026-06-01T08:00:00Z');

for (const dialect of testDialects()) {
  describe(`transactions committed in groups on ${dialect.name}`, () => {
    let database: TestDatabase;
    /** The database as the platform opens it, telling how many jobs each group commit held (SQLite). */
    let handle: DatabaseHandle;
    const groups: number[] = [];
    before(async () => {
      database = await dialect.create();
      handle =
        dialect.name === 'sqlite'
          ? connectDatabase({
              sqliteFile: join(database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite'),
              onGroupCommit: (jobs) => groups.push(jobs),
            })
          : database;
    });
    after(async () => {
      if (handle !== database) await handle.close();
      await database.close();
    });

    test('bookings placed together each keep every rule: no place is sold twice, a refusal touches no other', async () => {
      const { db } = handle;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 50 });
      groups.length = 0;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) =>
          createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 3, email: `o${i}@example.nl` })),
        ),
      );
      const placed = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      assert.equal(placed.length, 16, '16 groups of 3 fit in 50 places');
      assert.ok(
        refused.every((e) => e instanceof DomainError && e.code === 'slot_full'),
        'the others are refused as full',
      );
      const stored = await db.selectFrom('bookings').select(['reference', 'group_size']).where('slot_id', '=', slot.id).execute();
      assert.deepEqual(stored.map((b) => b.reference).sort(), placed.map((o) => o.value.booking.reference).sort());
      const counted = await db
        .selectFrom('slots')
        .select(['booked_persons', 'booked_groups'])
        .where('id', '=', slot.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([counted.booked_persons, counted.booked_groups], [48, 16]);
      if (dialect.name === 'sqlite') {
        assert.equal(
          groups.reduce((sum, n) => sum + n, 0),
          30,
          'every booking went through a group commit',
        );
        assert.ok(Math.max(...groups) > 1, `bookings arriving together commit together (groups: ${groups.join(', ')})`);
      }
    });

    test('a job that fails is undone alone; the jobs around it commit', async () => {
      const { db } = handle;
      const slot = await makeSlot(db, clock, await makeActivity(db, clock), { capacity: 50 });
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          groupedTransaction(db, async (trx) => {
            await trx
              .updateTable('slots')
              .set((eb) => ({ booked_persons: eb('booked_persons', '+', 1) }))
              .where('id', '=', slot.id)
              .execute();
            if (i % 2 === 1) throw new Error(`job ${i} fails after writing`);
            return i;
          }),
        ),
      );
      assert.deepEqual(
        outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
        Array.from({ length: 10 }, (_, i) => (i % 2 === 1 ? `job ${i} fails after writing` : i)),
      );
      const counted = await db.selectFrom('slots').select('booked_persons').where('id', '=', slot.id).executeTakeFirstOrThrow();
      assert.equal(counted.booked_persons, 5, 'only the five jobs that succeeded wrote');
    });

    if (dialect.name === 'sqlite') {
      test('on a full disk, a job is told it is done exactly when its writes are stored', async () => {
        const { db } = handle;
        await sql`create table filler (id integer primary key, body text not null)`.execute(db);
        const { page_count: pages } = (await sql<{ page_count: number }>`pragma page_count`.execute(db)).rows[0]!;
        // Room for a few rows of 16 KB (4 KB pages): the jobs after that hit SQLITE_FULL in their group.
        await sql.raw(`pragma max_page_count = ${pages + 20}`).execute(db);
        const body = 'x'.repeat(16 * 1024);
        const outcomes = await Promise.allSettled(
          Array.from({ length: 40 }, (_, id) =>
            groupedTransaction(db, async (trx) => {
              await trx
                .insertInto('filler' as never)
                .values({ id, body } as never)
                .execute();
              return id;
            }),
          ),
        );
        const stored = (await sql<{ id: number }>`select id from filler order by id`.execute(db)).rows.map((r) => r.id);
        const done = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
        assert.deepEqual(stored, done, 'every job told it is done is stored, and no other');
        assert.ok(failed.length > 0 && failed.every((e) => /full/i.test(e)), `the rest failed for the full disk: ${failed[0]}`);

        // Space again: the writer goes on with the next group.
        await sql.raw('pragma max_page_count = 1073741823').execute(db);
        const next = await groupedTransaction(db, async (trx) => {
          await trx
            .insertInto('filler' as never)
            .values({ id: 1000, body } as never)
            .execute();
          return 'stored';
        });
        assert.equal(next, 'stored');
        const last = await sql<{ n: number }>`select count(*) as n from filler where id = 1000`.execute(db);
        assert.equal(last.rows[0]!.n, 1);
      });
    }
  });
}
