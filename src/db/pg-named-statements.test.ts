import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { postgresBinaries, startOwnPostgres } from '../../test/own-postgres.js';
import { strictMode } from '../../test/tools.js';
import { TestClock } from '../../test/clock.js';
import { type TestDatabase, testDialects } from '../../test/databases.js';
import { makeActivity, makeSlot } from '../../test/factories.js';
import { connectDatabase, type DatabaseHandle } from './connect.js';
import { prepared } from './prepared-query.js';
import type { Db, Executor } from './schema.js';
import { isDatabaseUnavailable } from './unavailable.js';
import { nameRegisteredStatements, registerNamedStatement } from './pg-named-statements.js';

const clock = new TestClock('2026-06-01T08:00:00Z');
const postgres = testDialects().find((d) => d.name === 'postgres');

const slotCapacity = prepared((db, p: { id: string }) => db.selectFrom('slots').select(['id', 'capacity']).where('id', '=', p.id));

/** A table of the test's own, read with `*`: a column added changes the statement's result type. */
type Loose = Kysely<Record<string, Record<string, unknown>>>;
const allNotes = prepared((db, p: { from: number }) =>
  (db as unknown as Loose).selectFrom('named_notes').selectAll().where('id', '>=', p.from).orderBy('id'),
);
const allShared = prepared((db, p: { from: number }) =>
  (db as unknown as Loose).selectFrom('named_shared').selectAll().where('id', '>=', p.from).orderBy('id'),
);
const allTranslated = prepared((db, p: { from: number }) =>
  (db as unknown as Loose).selectFrom('named_translated').selectAll().where('id', '>=', p.from).orderBy('id'),
);
const allClosed = prepared((db, p: { from: number }) =>
  (db as unknown as Loose).selectFrom('named_closed').selectAll().where('id', '>=', p.from).orderBy('id'),
);

/** The German locale the translated-message test has its own server speak (`.ci/run` makes it). */
const GERMAN = 'de_DE.UTF-8';
const hasGermanLocale = () => /^de_DE\.utf-?8$/im.test(spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '');

interface Statement {
  name: string;
  statement: string;
}
const statements = async (db: Db) =>
  (await sql<Statement>`select name, statement from pg_prepared_statements`.execute(db)).rows.filter((s) => s.name.startsWith('gz_'));
const backend = async (db: Executor) => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;

describe('named prepared statements on PostgreSQL', { skip: postgres ? false : 'needs GROUPZ_TEST_PG_URL' }, () => {
  let database: TestDatabase;
  /** One connection, so that each statement runs where the one before it did. */
  let one: DatabaseHandle;
  before(async () => {
    database = await postgres!.create();
    one = connectDatabase({ url: database.env.GROUPZ_DATABASE_URL, sqliteFile: '', poolSize: 1 });
  });
  after(async () => {
    await one.close();
    await database.close();
  });

  test('a prepared query runs as a statement of its connection, prepared again on a new connection', async () => {
    const { db } = one;
    const activity = await makeActivity(db, clock);
    const slot = await makeSlot(db, clock, activity, { capacity: 4 });
    const pid = await backend(db);
    assert.deepEqual(await slotCapacity.rows(db, { id: slot.id }), [{ id: slot.id, capacity: 4 }]);
    const sqlText = db.selectFrom('slots').select(['id', 'capacity']).where('id', '=', slot.id).compile().sql;
    assert.deepEqual(
      (await statements(db)).filter((s) => s.statement === sqlText).length,
      1,
      'the prepared query is a named statement of the connection',
    );
    // A query built per call is not kept by the connection.
    await db.selectFrom('slots').select('capacity').where('capacity', '>', 3).execute();
    assert.ok((await statements(db)).every((s) => !s.statement.includes('"capacity" >')));

    // The connection is cut (the server restarted, an administrator): the pool opens a new one,
    // which has no statements until it prepares them again.
    await assert.rejects(sql`select pg_terminate_backend(pg_backend_pid())`.execute(db), isDatabaseUnavailable);
    // The statement after the cut may still meet the closing connection (a 503), as after any cut.
    const newPid = await backend(db).catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
      return backend(db);
    });
    assert.notEqual(newPid, pid);
    assert.deepEqual(await statements(db), []);
    await db.updateTable('slots').set({ capacity: 9 }).where('id', '=', slot.id).execute();
    assert.deepEqual(await slotCapacity.rows(db, { id: slot.id }), [{ id: slot.id, capacity: 9 }]);
    assert.deepEqual(
      (await statements(db)).map((s) => s.statement),
      [sqlText],
    );
  });

  test('a statement that failed to prepare (its table not made yet) is prepared on its next run', async () => {
    const { db } = one;
    const later = prepared((db, p: { from: number }) =>
      (db as unknown as Loose).selectFrom('named_later').select('id').where('id', '>=', p.from),
    );
    await assert.rejects(later.rows(db, { from: 1 }), { code: '42P01' }); // undefined table
    await sql`create table named_later (id integer primary key)`.execute(db);
    await sql`insert into named_later values (1), (2)`.execute(db);
    assert.deepEqual(await later.rows(db, { from: 2 }), [{ id: 2 }]);
    assert.ok((await statements(db)).some((s) => s.statement.includes('"named_later"')));
  });

  test('a statement whose result type a migration changed is prepared again: run again alone, 503 in a transaction', async () => {
    const { db } = one;
    const other = new pg.Client({ connectionString: database.env.GROUPZ_DATABASE_URL });
    await other.connect();
    try {
      await other.query('create table named_notes (id integer primary key, note text)');
      await other.query(`insert into named_notes values (1, 'a'), (2, 'b')`);
      assert.deepEqual(await allNotes.rows(db, { from: 2 }), [{ id: 2, note: 'b' }]);

      // Another process migrates while this one's connection keeps the statement.
      await other.query('alter table named_notes add column extra text');
      assert.deepEqual(await allNotes.rows(db, { from: 2 }), [{ id: 2, note: 'b', extra: null }]);

      await other.query(`alter table named_notes add column more text default 'x'`);
      const failed = await db
        .transaction()
        .execute(async (trx) => allNotes.rows(trx, { from: 1 }))
        .catch((error: unknown) => error);
      assert.ok(isDatabaseUnavailable(failed), `unavailable, to be tried again: ${String(failed)}`);
      assert.deepEqual(await db.transaction().execute(async (trx) => allNotes.rows(trx, { from: 1 })), [
        { id: 1, note: 'a', extra: null, more: 'x' },
        { id: 2, note: 'b', extra: null, more: 'x' },
      ]);
    } finally {
      await other.end();
    }
  });

  test('a result type changed is met once by the process: its other connections prepare the statement afresh', async () => {
    const two = connectDatabase({ url: database.env.GROUPZ_DATABASE_URL, sqliteFile: '', poolSize: 2 });
    const other = new pg.Client({ connectionString: database.env.GROUPZ_DATABASE_URL });
    await other.connect();
    /** Two transactions at once, so each of the pool's two connections runs the statement: their backends and rows. */
    const onBoth = async () => {
      let arrived = 0;
      let bothIn: () => void = () => {};
      const together = new Promise<void>((resolve) => (bothIn = resolve));
      return Promise.all(
        [0, 1].map(() =>
          two.db.transaction().execute(async (trx) => {
            if (++arrived === 2) bothIn();
            await together;
            return { pid: await backend(trx), rows: await allShared.rows(trx, { from: 1 }) };
          }),
        ),
      );
    };
    try {
      await other.query('create table named_shared (id integer primary key, note text)');
      await other.query(`insert into named_shared values (1, 'a')`);
      const first = await onBoth();
      assert.equal(new Set(first.map((r) => r.pid)).size, 2, 'both connections prepared it');

      await other.query('alter table named_shared add column extra text');
      const failed = await two.db
        .transaction()
        .execute(async (trx) => allShared.rows(trx, { from: 1 }))
        .catch((error: unknown) => error);
      assert.ok(isDatabaseUnavailable(failed), `the first to meet it fails, to be tried again: ${String(failed)}`);
      const after = await onBoth();
      assert.deepEqual(
        after.map((r) => r.rows),
        [[{ id: 1, note: 'a', extra: null }], [{ id: 1, note: 'a', extra: null }]],
        'neither connection fails again',
      );
    } finally {
      await other.end();
      await two.close();
    }
  });

  test('the statement replaced is closed on its connection: one statement is left per text', async () => {
    const { db } = one;
    const other = new pg.Client({ connectionString: database.env.GROUPZ_DATABASE_URL });
    await other.connect();
    /** The connection's statements of the text (pg_prepared_statements is the session's own). */
    const kept = async () => (await statements(db)).filter((s) => s.statement.includes('"named_closed"')).map((s) => s.name);
    try {
      await other.query('create table named_closed (id integer primary key, note text)');
      await other.query(`insert into named_closed values (1, 'a')`);
      assert.deepEqual(await allClosed.rows(db, { from: 1 }), [{ id: 1, note: 'a' }]);
      const [first] = await kept();
      assert.equal((await kept()).length, 1);

      await other.query('alter table named_closed add column extra text');
      assert.deepEqual(await allClosed.rows(db, { from: 1 }), [{ id: 1, note: 'a', extra: null }], 'run again alone');
      const second = await kept();
      assert.equal(second.length, 1, `the statement replaced is closed: ${second.join(', ')}`);
      assert.notEqual(second[0], first);

      await other.query(`alter table named_closed add column more text default 'x'`);
      const failed = await db
        .transaction()
        .execute(async (trx) => allClosed.rows(trx, { from: 1 }))
        .catch((error: unknown) => error);
      assert.ok(isDatabaseUnavailable(failed), `unavailable, to be tried again: ${String(failed)}`);
      assert.deepEqual(await db.transaction().execute(async (trx) => allClosed.rows(trx, { from: 1 })), [
        { id: 1, note: 'a', extra: null, more: 'x' },
      ]);
      const third = await kept();
      assert.equal(third.length, 1, `closed in a transaction too: ${third.join(', ')}`);
      assert.ok(!second.includes(third[0]!));
      assert.deepEqual(await allClosed.rows(db, { from: 1 }), [{ id: 1, note: 'a', extra: null, more: 'x' }], 'and runs on');
    } finally {
      await other.end();
    }
  });

  test('a statement replaced is closed after the queries queued before it on its connection have run it', async () => {
    // pg queues the queries given a connection at once (Kysely gives it one at a time): straight to pg here.
    const text = 'select * from named_queued where id >= $1 order by id';
    registerNamedStatement(text);
    const connect = async () => {
      const client = new pg.Client({ connectionString: database.env.GROUPZ_DATABASE_URL });
      await client.connect();
      nameRegisteredStatements(client as pg.PoolClient);
      return client;
    };
    const [here, elsewhere] = [await connect(), await connect()];
    const rows = async (client: pg.Client) => (await client.query(text, [1])).rows;
    try {
      await here.query('create table named_queued (id integer primary key, note text)');
      await here.query(`insert into named_queued values (1, 'a')`);
      // The other connection prepares the statement before a migration, this one after it: only the other's fails.
      assert.deepEqual(await rows(elsewhere), [{ id: 1, note: 'a' }]);
      await here.query('alter table named_queued add column extra text');
      assert.deepEqual(await rows(here), [{ id: 1, note: 'a', extra: null }]);

      const busy = here.query('select pg_sleep(0.3)');
      // Queued behind the sleep under the statement's name of now, which this connection has prepared.
      const queued = rows(here);
      // Meanwhile the other connection meets the change and moves the statement to its next name.
      assert.deepEqual(await rows(elsewhere), [{ id: 1, note: 'a', extra: null }]);
      const next = rows(here);
      await busy;
      assert.deepEqual(await Promise.all([queued, next]), [[{ id: 1, note: 'a', extra: null }], [{ id: 1, note: 'a', extra: null }]]);
      const kept = await here.query('select name from pg_prepared_statements where statement = $1', [text]);
      assert.equal(kept.rows.length, 1, 'the statement replaced is closed');
    } finally {
      await here.end();
      await elsewhere.end();
    }
  });

  test('a statement whose result type changed is told by its code, not by its message the server translates', async (t) => {
    const bin = postgresBinaries();
    if (!bin || !hasGermanLocale()) {
      const why = `needs a PostgreSQL server installed and the ${GERMAN} locale (localedef -i de_DE -f UTF-8 ${GERMAN})`;
      if (strictMode()) assert.fail(`${why}; GROUPZ_TEST_STRICT=1 makes this a failure`);
      return t.skip(why);
    }
    // A server of its own that speaks German: the machine's server took its locales when it started.
    const german = await startOwnPostgres(bin, 'groupz', { lc_messages: GERMAN });
    const handle = connectDatabase({ url: german.url, sqliteFile: '', poolSize: 1 });
    const other = new pg.Client({ connectionString: german.url });
    await other.connect();
    try {
      const untranslated = await other.query('select * from named_nowhere').catch((error: Error) => error);
      assert.ok(untranslated instanceof Error && !untranslated.message.includes('does not exist'), `in German: ${String(untranslated)}`);
      await other.query('create table named_translated (id integer primary key, note text)');
      await other.query(`insert into named_translated values (1, 'a')`);
      assert.deepEqual(await allTranslated.rows(handle.db, { from: 1 }), [{ id: 1, note: 'a' }]);
      await other.query('alter table named_translated add column extra text');
      assert.deepEqual(await allTranslated.rows(handle.db, { from: 1 }), [{ id: 1, note: 'a', extra: null }], 'run again alone');
      await other.query(`alter table named_translated add column more text default 'x'`);
      const failed = await handle.db
        .transaction()
        .execute(async (trx) => allTranslated.rows(trx, { from: 1 }))
        .catch((error: unknown) => error);
      assert.ok(isDatabaseUnavailable(failed), `unavailable, to be tried again: ${String(failed)}`);
      assert.deepEqual(await allTranslated.rows(handle.db, { from: 1 }), [{ id: 1, note: 'a', extra: null, more: 'x' }]);
    } finally {
      await other.end();
      await handle.close();
      await german.remove();
    }
  });
});
