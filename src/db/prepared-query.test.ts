import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type KyselyPlugin, sql } from 'kysely';
import { TestClock } from '../../test/clock.js';
import { type TestDatabase, testDialects } from '../../test/databases.js';
import { makeActivity, makeSlot } from '../../test/factories.js';
import { listExtraUnitsTakenInSlots } from '../core/availability/extra-stock.repository.js';
import { insertTogether } from './insert-together.js';
import { prepared, preparedInsert } from './prepared-query.js';
import type { Db } from './schema.js';

const clock = new TestClock('2026-06-01T08:00:00Z');

const slotCapacity = prepared((db, p: { id: string; extra: number }) =>
  db
    .selectFrom('slots')
    .select((eb) => ['id', eb('capacity', '+', p.extra).as('more'), eb('booked_persons', '+', p.extra).as('booked')])
    .where('id', '=', p.id),
);

for (const dialect of testDialects()) {
  describe(`prepared queries on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('each call runs with its own values, a parameter used twice in both places', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const small = await makeSlot(db, clock, activity, { capacity: 4 });
      const large = await makeSlot(db, clock, activity, { capacity: 40, time: '14:00' });
      assert.deepEqual(await slotCapacity.first(db, { id: small.id, extra: 1 }), { id: small.id, more: 5, booked: 1 });
      assert.deepEqual(await slotCapacity.first(db, { id: large.id, extra: 2 }), { id: large.id, more: 42, booked: 2 });
      assert.equal(await slotCapacity.first(db, { id: 'none', extra: 1 }), undefined);
      // In a transaction too, with its statements on the transaction's connection.
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('slots').set({ capacity: 7 }).where('id', '=', small.id).execute();
        assert.deepEqual(await slotCapacity.rows(trx, { id: small.id, extra: 0 }), [{ id: small.id, more: 7, booked: 0 }]);
      });
    });

    test('an executor with a plugin gets the query built for it, as any other', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 4 });
      const seen: string[] = [];
      const plugin: KyselyPlugin = {
        transformQuery: (args) => {
          seen.push(args.node.kind);
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      assert.deepEqual(await slotCapacity.first(db.withPlugin(plugin) as Db, { id: slot.id, extra: 3 }), {
        id: slot.id,
        more: 7,
        booked: 3,
      });
      assert.deepEqual(seen, ['SelectQueryNode']);
    });

    test('a parameter that decides the shape of the query, or one left undefined, is refused', async () => {
      const { db } = database;
      const shaped = prepared((db, p: { all: boolean }) =>
        p.all ? db.selectFrom('slots').selectAll() : db.selectFrom('slots').select('id'),
      );
      await assert.rejects(shaped.rows(db, { all: true }), /parameter all is not where a value goes/);
      await assert.rejects(slotCapacity.rows(db, { id: undefined as unknown as string, extra: 1 }), /parameter id is undefined/);
    });

    test('an insert leaves out the columns not given, which take their default', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 4 });
      const insertLog = preparedInsert('activity_log');
      const entry = { at: clock.now().toISOString(), actor_id: null, actor_email: null, venue_id: null, action: 'test', target: slot.id };
      await insertLog(db, { ...entry, id: 'a1', detail: '{}', client: null, actor_kind: 'system' }).execute();
      await insertLog(db, { ...entry, id: 'a2', detail: '{"n":2}', client: null, actor_kind: undefined }).execute();
      const rows = await db
        .selectFrom('activity_log')
        .select(['id', 'detail', 'actor_kind'])
        .where('target', '=', slot.id)
        .orderBy('id')
        .execute();
      assert.deepEqual(rows, [
        { id: 'a1', detail: '{}', actor_kind: 'system' },
        { id: 'a2', detail: '{"n":2}', actor_kind: null },
      ]);
    });
  });
}

describe('prepared queries across databases (review)', () => {
  const databases: TestDatabase[] = [];
  before(async () => {
    for (const dialect of testDialects()) databases.push(await dialect.create());
  });
  after(async () => {
    for (const database of databases) await database.close();
  });

  test('one prepared query alternates between the databases of one process', async () => {
    const slots: { id: string }[] = [];
    for (const { db } of databases) slots.push(await makeSlot(db, clock, await makeActivity(db, clock), { capacity: 5 }));
    for (let round = 0; round < 3; round++) {
      for (const [i, { db, dialect }] of databases.entries()) {
        const found = await slotCapacity.first(db, { id: slots[i]!.id, extra: round });
        assert.deepEqual(found && { id: found.id, more: Number(found.more) }, { id: slots[i]!.id, more: 5 + round }, dialect);
        await db.transaction().execute(async (trx) => {
          assert.equal((await slotCapacity.rows(trx, { id: slots[i]!.id, extra: 1 })).length, 1);
        });
      }
    }
  });

  test("a pending prepared insert joins a WITH statement as Kysely's own builder does", () => {
    for (const { db, dialect } of databases) {
      const row = { id: 'x1', at: clock.now().toISOString(), actor_id: null, actor_email: null, venue_id: null, action: 'a' };
      const entry = { ...row, target: null, detail: '{"k":1}', client: null, actor_kind: undefined };
      const pending = preparedInsert('activity_log')(db, entry);
      const built = db.insertInto('activity_log').values(entry);
      const a = sql`with ${sql.id('insert_0')} as (${pending}) ${pending}`.compile(db);
      const b = sql`with ${sql.id('insert_0')} as (${built}) ${built}`.compile(db);
      assert.equal(a.sql, b.sql, dialect);
      assert.deepEqual(a.parameters, b.parameters, dialect);
    }
  });

  test('inserts made together, the same prepared insert among them twice, each write their own values', async () => {
    const insertLog = preparedInsert('activity_log');
    const entry = (id: string, target: string) => ({
      id,
      at: clock.now().toISOString(),
      actor_id: null,
      actor_email: null,
      venue_id: null,
      action: 'together',
      target,
      detail: `{"id":"${id}"}`,
      client: null,
    });
    for (const { db, dialect } of databases) {
      for (const round of [1, 2]) {
        const ids = ['t1', 't2', 't3'].map((id) => `${id}-${round}`);
        await db.transaction().execute(async (trx) => {
          // The statement is compiled the first time and reused the second, with new values.
          await insertTogether(trx, [
            insertLog(trx, entry(ids[0]!, 'a')),
            insertLog(trx, entry(ids[1]!, 'b')),
            insertLog(trx, entry(ids[2]!, 'c')),
          ]);
        });
        const rows = await db.selectFrom('activity_log').select(['id', 'target', 'detail']).where('id', 'in', ids).orderBy('id').execute();
        assert.deepEqual(
          rows,
          ids.map((id, i) => ({ id, target: 'abc'[i], detail: `{"id":"${id}"}` })),
          `${dialect}, round ${round}`,
        );
      }
    }
  });

  test('a parameter after `is` is refused: Kysely writes its value into the SQL', async () => {
    // Compiled with a stand-in it became `is ?`, which SQLite compares and PostgreSQL refuses.
    const nulls = prepared((db, p: { v: null }) => db.selectFrom('slots').select('id').where('id', 'is', p.v));
    for (const { db, dialect } of databases) {
      await assert.rejects(nulls.rows(db, { v: null }), /parameter v is not where a value goes/, dialect);
    }
  });

  test("the extras' stock read keeps a few queries, not one for each number of slots it was asked for", async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    for (const { db, dialect } of databases) {
      // The same SQL built per call first: the SQLite driver's statement cache takes each SQL once.
      for (let n = 1; n <= 600; n++) await db.selectFrom('extra_stock').select('slot_id').where('slot_id', 'in', ids(n)).execute();
      const start = heap();
      for (let n = 1; n <= 600; n++) await listExtraUnitsTakenInSlots(db, ids(n));
      const grown = heap() - start;
      // One query per number of slots kept 24 MB here.
      assert.ok(grown < 5e6, `${dialect}: ${(grown / 1e6).toFixed(1)} MB kept`);
    }
  });
});
