import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { testDialects } from '../../test/databases.js';
import type { Db } from './schema.js';
import { migrateToLatest, MigrationError } from './migrate.js';
import { migrations } from './migrations/index.js';

/** Every table with its columns and their types, nullability and defaults: what the migrations made. */
async function schemaOf(db: Db): Promise<unknown> {
  const tables = await db.introspection.getTables();
  return tables
    .map((table) => ({
      name: table.name,
      columns: table.columns.map((c) => [c.name, c.dataType, c.isNullable, c.hasDefaultValue, c.isAutoIncrementing]),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// The suites copy their databases from a template test/run.ts migrated once; this one migrates from
// nothing, as `groupz migrate` does on a new platform, and holds the copies to the same schema.
for (const dialect of testDialects()) {
  describe(`the migrator on ${dialect.name}`, () => {
    test('takes an empty database to the schema every suite gets, each migration once', async () => {
      const empty = await dialect.createEmpty();
      const copy = await dialect.create();
      try {
        assert.deepEqual(await empty.db.introspection.getTables(), []);
        assert.deepEqual(await migrateToLatest(empty.db), Object.keys(migrations));
        assert.deepEqual(await migrateToLatest(empty.db), [], 'a second run has nothing left to do');
        const schema = await schemaOf(empty.db);
        assert.ok((schema as unknown[]).length > 20);
        assert.deepEqual(schema, await schemaOf(copy.db));
        const vatRates = (db: Db) => db.selectFrom('vat_rates').selectAll().orderBy('code').execute();
        assert.deepEqual(await vatRates(empty.db), await vatRates(copy.db), 'the rows the migrations put in too');
      } finally {
        await empty.close();
        await copy.close();
      }
    });

    test('refuses a database that ran a migration this version does not know (a rollback of the release)', async () => {
      const migrated = await dialect.create();
      try {
        await sql`insert into kysely_migration (name, timestamp) values ('2099-01-01T0000-newer', ${new Date().toISOString()})`.execute(
          migrated.db,
        );
        await assert.rejects(
          migrateToLatest(migrated.db),
          (error) => error instanceof MigrationError && /2099-01-01T0000-newer/.test(error.message),
        );
      } finally {
        await migrated.close();
      }
    });

    test('two runs started together in one process migrate once, and neither fails', async () => {
      const empty = await dialect.createEmpty();
      try {
        const [first, second] = await Promise.all([migrateToLatest(empty.db), migrateToLatest(empty.db)]);
        assert.deepEqual([...first, ...second].sort(), Object.keys(migrations).sort(), 'each migration run once');
      } finally {
        await empty.close();
      }
    });
  });
}

describe('the migrator on SQLite with nothing to do', () => {
  test('writes nothing: it returns at once while another process holds the write lock', async () => {
    const database = testDialects()[0]!;
    assert.equal(database.name, 'sqlite');
    const migrated = await database.create();
    const other = new SQLite(join(migrated.env.GROUPZ_DATA_DIR!, 'groupz.sqlite'));
    try {
      other.exec('begin immediate');
      const started = performance.now();
      assert.deepEqual(await migrateToLatest(migrated.db), []);
      assert.ok(performance.now() - started < 1000, `took ${Math.round(performance.now() - started)} ms`);
    } finally {
      if (other.inTransaction) other.exec('rollback');
      other.close();
      await migrated.close();
    }
  });
});
