import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type TestDatabase, testDialects } from '../../test/databases.js';
import { connectDatabase } from './connect.js';

const postgres = testDialects().find((d) => d.name === 'postgres');

describe('PostgreSQL connections', { skip: postgres ? false : 'needs GROUPZ_TEST_PG_URL' }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await postgres!.create();
  });
  after(() => database.close());

  test('the platform survives the server cutting its idle connections, and reconnects', async () => {
    const { db } = database;
    await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.01)`.execute(db)));
    const name = (await sql<{ db: string }>`select current_database() as db`.execute(db)).rows[0]!.db;
    // Another session terminates every connection of the pool while they sit idle.
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`.execute(db);
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the terminations arrive
    const rows = await db.selectFrom('vat_rates').select('code').execute();
    assert.ok(rows.length >= 2);
  });

  test('tells how many queries wait for a connection of the pool', async () => {
    // The pool's ten connections held by ten sleeps: the next three queue for one (for a second, however slow the machine).
    const sleeps = Array.from({ length: 13 }, () => sql`select pg_sleep(1)`.execute(database.db));
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.equal(database.waiting(), 3);
    await Promise.all(sleeps);
    assert.equal(database.waiting(), 0);
  });
});

describe('the SQLite database file', () => {
  test('has no pool, so no query waits for a connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-connect-'));
    const database = connectDatabase({ sqliteFile: join(dir, 'groupz.sqlite') });
    try {
      await Promise.all([1, 2, 3].map(() => sql`select 1`.execute(database.db)));
      assert.equal(database.waiting(), 0);
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('is made for the platform only: folder 0700, database and WAL files 0600', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-connect-'));
    try {
      const file = join(dir, 'data', 'groupz.sqlite');
      const handle = connectDatabase({ sqliteFile: file });
      await sql`CREATE TABLE t (x integer)`.execute(handle.db);
      await sql`INSERT INTO t VALUES (1)`.execute(handle.db);
      assert.equal(statSync(join(dir, 'data')).mode & 0o777, 0o700);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.equal(statSync(`${file}-wal`).mode & 0o777, 0o600);
      await handle.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
