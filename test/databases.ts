import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
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
  /** A migrated database: a copy of the run's template when test/run.ts made one, else migrated here. */
  create(): Promise<TestDatabase>;
  /** A database without any table, for the migrator's own tests. */
  createEmpty(): Promise<TestDatabase>;
}

/**
 * Migrating costs a tenth of a second on SQLite and a fifth on PostgreSQL, and the suites make
 * hundreds of databases: test/run.ts migrates one template of each dialect for the whole run and
 * names them in these variables, and every suite copies its database from them.
 */
const SQLITE_TEMPLATE = 'GROUPZ_TEST_SQLITE_TEMPLATE';
const PG_TEMPLATE = 'GROUPZ_TEST_PG_TEMPLATE';

/**
 * `DROP DATABASE` waits for a checkpoint of the whole server (a second or more while the suites
 * write), and a suite waiting for it holds one of the run's two places. Under test/run.ts a suite's
 * PostgreSQL database is named for the run (this variable) and only marked finished (FINISHED, its
 * comment) as it closes; the run drops the finished ones together, a few at a time, which share
 * their checkpoints (DatabaseTemplates.dropFinished).
 */
const PG_RUN = 'GROUPZ_TEST_PG_RUN';
const FINISHED = 'groupz test: finished';

async function createSqlite(migrated: boolean): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-test-'));
  const file = join(dir, 'groupz.sqlite');
  const template = process.env[SQLITE_TEMPLATE];
  if (migrated && template) copyFileSync(template, file);
  const handle = connectDatabase({ sqliteFile: file });
  if (migrated && !template) await migrateToLatest(handle.db);
  return {
    ...handle,
    env: { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '' },
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(adminUrl: string, query: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(query);
  } finally {
    await admin.end();
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function runDatabasePrefix(run: string): string {
  return `groupz_test_${run}_`;
}

async function createPostgres(adminUrl: string, migrated: boolean): Promise<TestDatabase> {
  const run = process.env[PG_RUN];
  const name = `${run ? runDatabasePrefix(run) : 'groupz_test_'}${randomBytes(6).toString('hex')}`;
  const template = process.env[PG_TEMPLATE];
  await adminQuery(adminUrl, `create database ${name}${migrated && template ? ` template ${template}` : ''}`);
  const url = databaseUrl(adminUrl, name);
  const handle = connectDatabase({ url, sqliteFile: '' });
  if (migrated && !template) await migrateToLatest(handle.db);
  const dir = mkdtempSync(join(tmpdir(), 'groupz-test-'));
  return {
    ...handle,
    env: { GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: url },
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
      await adminQuery(adminUrl, run ? `comment on database ${name} is '${FINISHED}'` : `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * The dialects a suite runs on: SQLite always, PostgreSQL when GROUPZ_TEST_PG_URL names a server
 * (each suite gets its own database there). Strict mode requires PostgreSQL.
 */
export function testDialects(): TestDialect[] {
  const dialects: TestDialect[] = [{ name: 'sqlite', create: () => createSqlite(true), createEmpty: () => createSqlite(false) }];
  const pgUrl = process.env.GROUPZ_TEST_PG_URL;
  if (pgUrl) {
    dialects.push({ name: 'postgres', create: () => createPostgres(pgUrl, true), createEmpty: () => createPostgres(pgUrl, false) });
  } else missingRequirement('PostgreSQL', 'set GROUPZ_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test');
  return dialects;
}

/** The run's migrated templates (see SQLITE_TEMPLATE): the variables that name them, and their removal. */
export interface DatabaseTemplates {
  env: Record<string, string>;
  /** Drops the run's PostgreSQL databases its suites have finished with (see PG_RUN). */
  dropFinished(): Promise<void>;
  /** Drops the templates and every database of the run left. */
  drop(): Promise<void>;
}

/** Databases dropped at once: each waits for a checkpoint, and those waiting together share one. */
const DROPS_AT_ONCE = 8;

async function dropDatabases(adminUrl: string, prefix: string, onlyFinished: boolean): Promise<void> {
  const pool = new pg.Pool({ connectionString: adminUrl, max: DROPS_AT_ONCE });
  try {
    const { rows } = await pool.query<{ datname: string }>(
      `select datname from pg_database where starts_with(datname, $1) and ($2 or shobj_description(oid, 'pg_database') = $3)`,
      [prefix, !onlyFinished, FINISHED],
    );
    await Promise.all(rows.map(({ datname }) => pool.query(`drop database if exists ${datname} with (force)`)));
  } finally {
    await pool.end();
  }
}

/**
 * Migrates a template of each dialect for a run of the suite. The SQLite one is a file, its WAL
 * folded in so that a copy of the file alone is complete; the PostgreSQL one a database named for
 * this run (runs may overlap on one server) that nobody may connect to, as PostgreSQL copies only
 * a database without sessions.
 */
export async function createTemplates(pgUrl: string | undefined): Promise<DatabaseTemplates> {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-template-'));
  const file = join(dir, 'groupz.sqlite');
  const sqlite = connectDatabase({ sqliteFile: file });
  await migrateToLatest(sqlite.db);
  await sql`pragma wal_checkpoint(truncate)`.execute(sqlite.db);
  await sqlite.close();
  const env: Record<string, string> = { [SQLITE_TEMPLATE]: file };
  const run = randomBytes(6).toString('hex');
  const name = `groupz_template_${run}`;
  if (pgUrl) {
    await adminQuery(pgUrl, `create database ${name}`);
    const postgres = connectDatabase({ url: databaseUrl(pgUrl, name), sqliteFile: '' });
    await migrateToLatest(postgres.db);
    await postgres.close();
    await adminQuery(pgUrl, `alter database ${name} allow_connections false`);
    env[PG_TEMPLATE] = name;
    env[PG_RUN] = run;
  }
  return {
    env,
    dropFinished: async () => {
      if (pgUrl) await dropDatabases(pgUrl, runDatabasePrefix(run), true);
    },
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (!pgUrl) return;
      await dropDatabases(pgUrl, runDatabasePrefix(run), false);
      await adminQuery(pgUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
