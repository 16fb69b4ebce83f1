import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { TestClock } from '../../test/clock.js';
import { type TestDatabase, testDialects } from '../../test/databases.js';
import { makeActivity, makeSlot } from '../../test/factories.js';
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
