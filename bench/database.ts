import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../src/db/connect.js';
import { setBackgroundCheckpoints } from '../src/db/sqlite-checkpoints.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { onCleanup } from './cleanup.js';

/** The run's own data dir and database, fresh and not yet migrated (the first start migrates). */
export interface BenchDatabase {
  dialect: 'sqlite' | 'postgres';
  /** Environment for a platform process on this data dir and database. */
  env: Record<string, string>;
  /** Connects in-process (migrating first); closed by the cleanup. */
  connect(): Promise<DatabaseHandle>;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-bench-'));
  onCleanup(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A fresh data dir, with a fresh database on the PostgreSQL server `pgUrl` names when given. */
export async function createBenchDatabase(pgUrl: string | undefined): Promise<BenchDatabase> {
  const dataDir = tempDir();
  let url = '';
  if (pgUrl) {
    const name = `groupz_bench_${randomBytes(6).toString('hex')}`;
    await adminQuery(pgUrl, `create database ${name}`);
    onCleanup(`drop database ${name}`, () => adminQuery(pgUrl, `drop database if exists ${name} with (force)`));
    const dbUrl = new URL(pgUrl);
    dbUrl.pathname = `/${name}`;
    url = dbUrl.toString();
  }
  return {
    dialect: url ? 'postgres' : 'sqlite',
    env: { GROUPZ_DATA_DIR: dataDir, GROUPZ_DATABASE_URL: url },
    async connect() {
      // The in-process bookings run on SQLite as the server does: its checkpoints in a worker thread.
      setBackgroundCheckpoints(true);
      const handle = connectDatabase({ url, sqliteFile: join(dataDir, 'groupz.sqlite') });
      onCleanup('close the in-process database connection', () => handle.close());
      await migrateToLatest(handle.db);
      return handle;
    },
  };
}
