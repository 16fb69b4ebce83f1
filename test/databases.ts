import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle, type DialectName } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { missingRequirement } from './tools.js';

/** A fresh, migrated, empty database of one dialect, and how to reach it from another process. */
export interface TestDatabase extends DatabaseHandle {
  /** Environment for a server process that should use this same database. */
  env: Record<string, string>;
}

export interface TestDialect {
  name: DialectName;
  create(): Promise<TestDatabase>;
}

async function createSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-test-'));
  const handle = connectDatabase({ sqliteFile: join(dir, 'groupz.sqlite') });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    env: { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '' },
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgres(adminUrl: string): Promise<TestDatabase> {
  const name = `groupz_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = connectDatabase({ url: url.toString(), sqliteFile: '' });
  await migrateToLatest(handle.db);
  const dir = mkdtempSync(join(tmpdir(), 'groupz-test-'));
  return {
    ...handle,
    env: { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: url.toString() },
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * The dialects a suite runs on: SQLite always, PostgreSQL when GROUPZ_TEST_PG_URL names a server
 * (each suite gets its own database there). Strict mode requires PostgreSQL.
 */
export function testDialects(): TestDialect[] {
  const dialects: TestDialect[] = [{ name: 'sqlite', create: createSqlite }];
  const pgUrl = process.env.GROUPZ_TEST_PG_URL;
  if (pgUrl) dialects.push({ name: 'postgres', create: () => createPostgres(pgUrl) });
  else missingRequirement('PostgreSQL', 'set GROUPZ_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test');
  return dialects;
}
