import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import type { DialectName } from '../../db/connect.js';
import type { Db } from '../../db/schema.js';
import { vacuumInto } from './database-copy.repository.js';

const run = promisify(execFile);

/** The live database a backup copies: the connection, and what pg_dump needs to reach it. */
export interface DatabaseSource {
  db: Db;
  dialect: DialectName;
  /** PostgreSQL's connection URL; unused for SQLite. */
  url: string | undefined;
}

/** A consistent copy of the database in a file, with what it held at that moment. */
export interface DatabaseDump {
  file: string;
  tables: Record<string, number>;
  migration: string | null;
}

export const DUMP_FILES = { sqlite: 'database.sqlite', postgres: 'database.pgdump' } as const;

const MIGRATION_TABLE = 'kysely_migration';

/** Counting rows per table through whatever runs SQL: a SQLite handle or a PostgreSQL client. */
type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** Rows per table and the latest migration, as one reader sees them. */
async function contents(query: Query, tableList: string): Promise<Pick<DatabaseDump, 'tables' | 'migration'>> {
  const names = (await query(tableList)).map((row) => String(row.name)).sort();
  const tables: Record<string, number> = {};
  for (const name of names) {
    const [row] = await query(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`);
    tables[name] = Number(row!.n);
  }
  const migration = names.includes(MIGRATION_TABLE)
    ? ((await query(`SELECT max(name) AS name FROM ${MIGRATION_TABLE}`))[0]?.name as string | null)
    : null;
  return { tables, migration: migration ?? null };
}

export const SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
export const POSTGRES_TABLES = 'SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()';

/** Rows per table and the latest migration of a SQLite database file (opened read-only). */
export async function sqliteFileContents(file: string): Promise<Pick<DatabaseDump, 'tables' | 'migration'>> {
  const database = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    return await contents(async (text) => database.prepare(text).all() as Record<string, unknown>[], SQLITE_TABLES);
  } finally {
    database.close();
  }
}

/**
 * SQLite: `VACUUM INTO` copies the database in one read transaction, so the copy is one moment's
 * state while writers go on (WAL). The counts are read from the copy itself.
 */
async function dumpSqlite(db: Db, dir: string): Promise<DatabaseDump> {
  const file = join(dir, DUMP_FILES.sqlite);
  await vacuumInto(db, file);
  return { file, ...(await sqliteFileContents(file)) };
}

/**
 * PostgreSQL: a repeatable-read transaction exports its snapshot; pg_dump (custom format) dumps
 * exactly that snapshot while the rows are counted in it, so the counts describe the dump.
 */
async function dumpPostgres(url: string, dir: string): Promise<DatabaseDump> {
  const file = join(dir, DUMP_FILES.postgres);
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const dumped = run(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-acl', `--snapshot=${rows[0]!.snapshot}`, `--file=${file}`, `--dbname=${url}`],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const counted = contents(async (text) => (await client.query(text)).rows as Record<string, unknown>[], POSTGRES_TABLES);
    const [, found] = await Promise.all([dumped, counted]);
    await client.query('COMMIT');
    return { file, ...found };
  } finally {
    await client.end();
  }
}

/** A consistent copy of the live database into `dir`, taken while the platform keeps serving. */
export async function dumpDatabase(source: DatabaseSource, dir: string): Promise<DatabaseDump> {
  if (source.dialect === 'sqlite') return dumpSqlite(source.db, dir);
  if (!source.url) throw new Error('a PostgreSQL backup needs the database URL');
  return dumpPostgres(source.url, dir);
}
