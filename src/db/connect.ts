import { chmodSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import { createRequire } from 'node:module';
import { GroupWriter, groupCommits } from './group-commit.js';
import { boundsWithStatements } from './pg-transaction-bounds.js';
import { nameRegisteredStatements } from './pg-named-statements.js';
import { cutOnQueryTimeout, QUERY_TIMEOUT_MS } from './pg-query-timeout.js';
import type { Database, Db } from './schema.js';
import { type CheckpointPass, SQLITE_CHECKPOINT_PAGES, SqliteCheckpointer, WAL_LIMIT_PAGES } from './sqlite-checkpoints.js';
import { SqliteConnectionsDialect } from './sqlite-driver.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  /**
   * How many queries wait for a connection of the pool right now (PostgreSQL): more work than the
   * database takes at once. Always 0 on SQLite, whose writer's queue the event loop's load shows.
   */
  waiting(): number;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** `postgres://...` selects PostgreSQL; absent selects SQLite at `sqliteFile`. */
  url?: string | undefined;
  sqliteFile: string;
  poolSize?: number;
  /** SQLite: told how many jobs each group commit held (see group-commit.ts). */
  onGroupCommit?: (jobs: number) => void;
  /** SQLite: told of each background checkpoint that copied pages (see sqlite-checkpoints.ts). */
  onCheckpoint?: (pass: CheckpointPass) => void;
}

export function connectDatabase(options: ConnectOptions): DatabaseHandle {
  if (options.url) {
    const { db, pool } = connectPostgres(options.url, options.poolSize ?? 10);
    return { db, dialect: 'postgres', waiting: () => pool.waitingCount, close: () => db.destroy() };
  }
  const db = connectSqlite(options);
  return { db, dialect: 'sqlite', waiting: () => 0, close: () => db.destroy() };
}

function connectSqlite({ sqliteFile: file, onGroupCommit, onCheckpoint }: ConnectOptions): Db {
  // Personal data, password hashes and sealed secrets: for the platform's own user only (SQLite
  // gives its -wal and -shm files the database file's mode).
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SQLite(file);
  chmodSync(file, 0o600);
  // WAL for concurrent readers, and FULL so a committed booking survives power loss. A second
  // process holding the write lock is waited for (sqlite-driver.ts).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // The WAL is copied into the database file in the background, off the event loop; the writer only
  // when the background falls behind (sqlite-checkpoints.ts), or as SQLite does when it has failed.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_LIMIT_PAGES}`);
  const onFailure = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_CHECKPOINT_PAGES}`);
  };
  const startCheckpoints = () => new SqliteCheckpointer(file, onCheckpoint, onFailure);
  const dialect = new SqliteConnectionsDialect(sqlite, new SQLite(file), undefined, startCheckpoints);
  const db = new Kysely<Database>({ dialect }) as Db;
  groupCommits(db, new GroupWriter(db, onGroupCommit));
  return db;
}

/** The pg driver, loaded only for PostgreSQL: on SQLite a start need not wait for it. */
function loadPg(): typeof import('pg') {
  return createRequire(import.meta.url)('pg') as typeof import('pg');
}

/**
 * How long a query waits for a connection (a new one, or one of the pool's when all are busy)
 * before it fails as unavailable (503): a server that does not answer at all (unreachable, not
 * refusing) would otherwise hold every request until its client gives up.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/** What each new connection of the pool gets, its queries passed through each in turn (see connectPostgres). */
export function preparePgClient(client: import('pg').PoolClient): void {
  cutOnQueryTimeout(client);
  boundsWithStatements(client);
  nameRegisteredStatements(client);
}

function connectPostgres(url: string, max: number): { db: Db; pool: import('pg').Pool } {
  const pool = new (loadPg().Pool)({
    connectionString: url,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
  });
  // A connection can be cut by the server (restart, failover, an administrator). Without a
  // listener that error would crash the process: the pool's for an idle connection, and one of
  // each connection's own for a connection held between two queries (a transaction's). The pool
  // drops a cut connection when it is released and opens a new one for the next query; errors
  // during a query still reach that query, and the queries after the cut on a held connection fail
  // (503, src/db/unavailable.ts). A statement the server does not answer fails after
  // QUERY_TIMEOUT_MS, and its connection is cut (pg-query-timeout.ts). The SQL of the queries
  // compiled once runs as named prepared statements, each prepared once per connection
  // (pg-named-statements.ts). A transaction's BEGIN goes out with its first statement, and its
  // COMMIT with a last statement marked so, not each as a round trip of its own (pg-transaction-bounds.ts).
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
    preparePgClient(client);
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) as Db, pool };
}
