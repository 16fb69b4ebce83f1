import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type TestDatabase, testDialects } from '../../test/databases.js';

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
});
