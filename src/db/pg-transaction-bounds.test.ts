import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type TestDatabase, testDialects } from '../../test/databases.js';
import { preparePgClient } from './connect.js';
import { THEN_COMMIT } from './pg-transaction-bounds.js';
import { failedFor, trueOrFail } from './statement-failure.js';

const postgres = testDialects().find((d) => d.name === 'postgres');

type Notes = Kysely<{ begin_notes: { id: number } }>;

describe("BEGIN and COMMIT sent with a transaction's statements", { skip: postgres ? false : 'needs GROUPZ_TEST_PG_URL' }, () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let db: Notes;
  /** Round trips of the pool's connections: each ends with the server's ReadyForQuery. */
  let roundTrips = 0;
  before(async () => {
    database = await postgres!.create();
    pool = new pg.Pool({ connectionString: database.env.GROUPZ_DATABASE_URL!, max: 2 });
    pool.on('error', () => {});
    pool.on('connect', (client) => {
      client.on('error', () => {});
      preparePgClient(client);
      client.connection.on('readyForQuery', () => roundTrips++);
    });
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    await sql`create table begin_notes (id integer primary key)`.execute(db);
  });
  after(async () => {
    await db.destroy();
    await database.close();
  });

  const count = async () => (await pool.query<{ n: number }>('select count(*)::int as n from begin_notes')).rows[0]!.n;
  const trips = async (work: () => Promise<unknown>) => {
    const from = roundTrips;
    await work();
    return roundTrips - from;
  };

  test('takes one round trip fewer, and the statement runs in the transaction', async () => {
    await sql`delete from begin_notes`.execute(db);
    let seenOutside = -1;
    const taken = await trips(() =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('begin_notes').values({ id: 1 }).execute();
        seenOutside = await count();
        await trx.selectFrom('begin_notes').select('id').where('id', '>', 0).execute();
      }),
    );
    assert.equal(taken, 3 + 1, 'BEGIN with the insert, the select, COMMIT (and the count from outside)');
    assert.equal(seenOutside, 0, 'the insert was not committed on its own: it ran in the transaction');
    assert.equal(await count(), 1);

    const undone = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('begin_notes').values({ id: 2 }).execute();
        throw new Error('changed my mind');
      })
      .catch((error: Error) => error.message);
    assert.equal(undone, 'changed my mind');
    assert.equal(await count(), 1, 'the rollback undid the first statement');
  });

  test('a transaction that runs no statement sends nothing', async () => {
    assert.equal(await trips(() => db.transaction().execute(async () => 'nothing')), 0);
    const refused = db.transaction().execute(async () => {
      throw new Error('refused before any read');
    });
    await assert.rejects(refused, /refused before any read/);
    const client = await pool.connect();
    try {
      assert.equal(client.getTransactionStatus(), 'I');
      await client.query('begin');
      assert.equal(client.getTransactionStatus(), 'T', 'in a transaction while BEGIN waits for its statement');
      await client.query('rollback');
      assert.equal(client.getTransactionStatus(), 'I');
    } finally {
      client.release();
    }
  });

  test('a first statement without values (a simple query) has BEGIN sent before it', async () => {
    await sql`delete from begin_notes`.execute(db);
    let seenOutside = -1;
    const taken = await trips(() =>
      db.transaction().execute(async (trx) => {
        await sql`insert into begin_notes values (7); insert into begin_notes values (8)`.execute(trx);
        seenOutside = await count();
      }),
    );
    assert.equal(taken, 3 + 1, 'BEGIN, the statements, COMMIT (and the count from outside)');
    assert.equal(seenOutside, 0);
    assert.equal(await count(), 2);
  });

  test('a first statement that fails fails its transaction; one that failed to parse is parsed again on its next run', async () => {
    const client = await pool.connect();
    const later = { name: 'begin_later', text: 'select id from begin_later where id > $1', values: [0] };
    try {
      await client.query('begin');
      await assert.rejects(client.query(later), /begin_later/);
      assert.equal(client.getTransactionStatus(), 'E', 'the transaction failed with it');
      await assert.rejects(client.query('select 1'), /current transaction is aborted/);
      await client.query('rollback');

      await client.query('create table begin_later (id integer)');
      await client.query('begin');
      assert.deepEqual((await client.query(later)).rows, []);
      await client.query('commit');
    } finally {
      client.release();
    }
  });

  /** An insert of `id` that says it is its transaction's last statement; `check` false fails it (trueOrFail). */
  const lastInsert = (id: number, check = true) =>
    sql`insert into begin_notes select ${id} where ${trueOrFail(sql<boolean>`${check}::boolean`, 'checked')}${sql.raw(THEN_COMMIT)}`;

  test('a last statement takes COMMIT along: committed in its round trip, and nothing may run after it', async () => {
    await sql`delete from begin_notes`.execute(db);
    const taken = await trips(() =>
      db.transaction().execute(async (trx) => {
        await trx.insertInto('begin_notes').values({ id: 1 }).execute();
        await lastInsert(2).execute(trx);
      }),
    );
    assert.equal(taken, 2, 'BEGIN with the first insert, COMMIT with the last');
    assert.equal(await count(), 2);

    assert.equal(
      await trips(() => db.transaction().execute((trx) => lastInsert(3).execute(trx))),
      1,
      'a whole transaction in one round trip',
    );
    assert.equal(await count(), 3);

    const after = db.transaction().execute(async (trx) => {
      await lastInsert(4).execute(trx);
      await trx.insertInto('begin_notes').values({ id: 5 }).execute();
    });
    await assert.rejects(after, /after its transaction committed with its last statement/);
    assert.deepEqual(
      (await pool.query<{ id: number }>('select id from begin_notes where id > 3 order by id')).rows,
      [{ id: 4 }],
      'the statement after it did not run on its own',
    );

    // Outside a transaction it runs on its own, as any statement.
    await lastInsert(6).execute(db);
    assert.equal(await count(), 5);
  });

  test('a last statement that fails takes its COMMIT with it: the transaction is rolled back', async () => {
    await sql`delete from begin_notes`.execute(db);
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('begin_notes').values({ id: 1 }).execute();
        await lastInsert(2, false).execute(trx);
      })
      .catch((error: unknown) => error);
    assert.ok(failedFor(failed, 'checked'), String(failed));
    assert.ok(!failedFor(failed, 'another reason'));
    assert.equal(await count(), 0, 'neither insert was committed');
    // The connections are fine afterwards.
    await db.transaction().execute((trx) => lastInsert(3).execute(trx));
    assert.equal(await count(), 1);
  });
});
