import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { DialectName } from '../../db/connect.js';
import type { Db } from '../../db/schema.js';
import { vacuumInto } from './database-copy.repository.js';
import type { PostgresTools, Query } from './postgres-tools.js';

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

/** Rows per table and the latest migration, as one reader sees them (a SQLite handle or a PostgreSQL client). */
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

/** A consistent copy of the live database into `dir`, taken while the platform keeps serving. */
export async function dumpDatabase(source: DatabaseSource, dir: string, postgres: PostgresTools): Promise<DatabaseDump> {
  if (source.dialect === 'sqlite') return dumpSqlite(source.db, dir);
  if (!source.url) throw new Error('a PostgreSQL backup needs the database URL');
  // pg_dump copies one snapshot of the database; the rows are counted in that same snapshot.
  const file = join(dir, DUMP_FILES.postgres);
  return { file, ...(await postgres.dump(source.url, file, (query) => contents(query, POSTGRES_TABLES))) };
}
