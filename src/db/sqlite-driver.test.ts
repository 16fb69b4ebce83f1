import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { SqliteConnectionsDialect } from './sqlite-driver.js';
import { isDatabaseUnavailable } from './unavailable.js';

interface Tables {
  t: { x: number };
}

const BUSY_WAIT_MS = 300;

/** Milliseconds `work` took to settle, and how it settled. */
async function timed(work: Promise<unknown>): Promise<{ ms: number; error?: unknown }> {
  const started = performance.now();
  try {
    await work;
    return { ms: performance.now() - started };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

/** A database of its own, in a new folder, with an empty table t; `remove` deletes the folder. */
async function newDatabase(busyWaitMs?: number) {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-sqlite-driver-'));
  const file = join(dir, 'db.sqlite');
  const writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  const db = new Kysely<Tables>({ dialect: new SqliteConnectionsDialect(writer, new SQLite(file), busyWaitMs) });
  await sql`create table t (x integer)`.execute(db);
  return { db, file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const count = async (db: Kysely<Tables>) =>
  (
    await db
      .selectFrom('t')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('SQLite with another process holding the write lock', () => {
  let file: string;
  let db: Kysely<Tables>;
  let remove: () => void;
  let other: SQLite.Database;

  beforeEach(async () => {
    ({ db, file, remove } = await newDatabase(BUSY_WAIT_MS));
    await db.insertInto('t').values({ x: 1 }).execute();
    // Another process, as far as locks go: a connection of its own that takes the write lock.
    other = new SQLite(file);
    other.exec('begin immediate; insert into t values (99)');
  });

  afterEach(async () => {
    if (other.inTransaction) other.exec('rollback');
    other.close();
    await db.destroy();
    remove();
  });

  test('reads, and everything else the process does, go on while a write waits for the lock', async () => {
    const write = db.insertInto('t').values({ x: 2 }).execute();
    // The event loop is free: a timer fires on time, and a read answers (without the uncommitted row).
    const tick = await timed(new Promise((resolve) => setTimeout(resolve, 20)));
    assert.ok(tick.ms < 150, `a 20 ms timer took ${Math.round(tick.ms)} ms`);
    const read = await timed(count(db).then((n) => assert.equal(n, 1)));
    assert.equal(read.error, undefined);
    assert.ok(read.ms < 100, `a read took ${Math.round(read.ms)} ms`);
    other.exec('commit');
    await write;
    assert.equal(await count(db), 3);
  });

  test('a transaction waits for the lock and then runs whole', async () => {
    setTimeout(() => other.exec('commit'), 100);
    const done = await timed(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ x: 3 }).execute();
        assert.equal(await count(trx), 3, 'the transaction sees its own write and the other process its');
      }),
    );
    assert.equal(done.error, undefined);
    assert.ok(done.ms >= 90, `the transaction did not wait: ${Math.round(done.ms)} ms`);
  });

  test('a write queued behind others that wait for the lock still gives up within the busy wait', async () => {
    const writes = [1, 2, 3, 4].map((x) => timed(db.insertInto('t').values({ x }).execute()));
    const settled = await Promise.all(writes);
    for (const [i, { ms, error }] of settled.entries()) {
      assert.ok(isDatabaseUnavailable(error), `write ${i + 1}: expected busy, got ${String(error)}`);
      assert.ok(ms < BUSY_WAIT_MS + 500, `write ${i + 1} waited ${Math.round(ms)} ms for a busy wait of ${BUSY_WAIT_MS} ms`);
    }
  });

  test('a write that waits longer than the busy wait fails as unavailable, and the next one works', async () => {
    const failed = await timed(db.transaction().execute((trx) => trx.insertInto('t').values({ x: 4 }).execute()));
    assert.ok(isDatabaseUnavailable(failed.error), `expected busy, got ${String(failed.error)}`);
    assert.ok(failed.ms >= BUSY_WAIT_MS && failed.ms < BUSY_WAIT_MS + 500, `failed after ${Math.round(failed.ms)} ms`);
    other.exec('rollback');
    await db.insertInto('t').values({ x: 5 }).execute();
    assert.deepEqual(
      (await db.selectFrom('t').select('x').orderBy('x').execute()).map((r) => r.x),
      [1, 5],
    );
  });
});

describe('SQLite reads and writes on their two connections', () => {
  test('a read outside a transaction sees what is committed; one that writes goes to the writer', async () => {
    const { db, remove } = await newDatabase();
    try {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const transaction = db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ x: 1 }).execute();
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Not queued behind the open transaction, and not seeing its write.
      assert.equal(await count(db), 0);
      release();
      await transaction;
      assert.equal(await count(db), 1);
      // Starts like a read, but writes: the reader (query_only) would refuse it.
      await sql`with v(x) as (select 2) insert into t select x from v`.execute(db);
      assert.equal(await count(db), 2);
    } finally {
      await db.destroy();
      remove();
    }
  });

  test('closing lets a transaction under way finish first', async () => {
    const { db, file, remove } = await newDatabase();
    try {
      const transaction = db.transaction().execute(async (trx) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await trx.insertInto('t').values({ x: 1 }).execute();
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
      await db.destroy();
      await transaction;
      const reopened = new SQLite(file);
      assert.deepEqual(reopened.prepare('select count(*) as n from t').get(), { n: 1 });
      reopened.close();
    } finally {
      remove();
    }
  });

  test("a transaction SQLite rolled back itself (a full disk) fails with SQLite's error, not the rollback's", async () => {
    const { db, remove } = await newDatabase();
    try {
      const pages = await sql<{ page_count: number }>`pragma page_count`.execute(db);
      await sql.raw(`pragma max_page_count = ${pages.rows[0]!.page_count + 2}`).execute(db);
      const big = 'x'.repeat(4000);
      const failed = await timed(
        db.transaction().execute(async (trx) => {
          for (let i = 0; i < 50; i++) await sql`insert into t values (${big})`.execute(trx);
        }),
      );
      assert.equal((failed.error as { code?: string }).code, 'SQLITE_FULL', String(failed.error));
      assert.ok(isDatabaseUnavailable(failed.error));
    } finally {
      await db.destroy();
      remove();
    }
  });
});

describe("SQLite's scratch space", () => {
  test('both connections keep temporary tables and savepoint journals in memory, not in files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-sqlite-driver-'));
    const file = join(dir, 'db.sqlite');
    const writer = new SQLite(file);
    writer.pragma('journal_mode = WAL');
    const reader = new SQLite(file);
    const db = new Kysely<Tables>({ dialect: new SqliteConnectionsDialect(writer, reader) });
    try {
      await sql`create table t (x integer)`.execute(db);
      // 2: MEMORY (0 is the build's default, which here means files).
      assert.equal(writer.pragma('temp_store', { simple: true }), 2);
      assert.equal(reader.pragma('temp_store', { simple: true }), 2);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
