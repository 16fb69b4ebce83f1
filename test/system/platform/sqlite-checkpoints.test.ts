import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import SQLite from 'better-sqlite3';
import { startServer } from '../../server-process.js';

/** The migrations recorded in the database file alone, without its WAL. */
function migrationsInFileAlone(dir: string): number {
  const alone = join(dir, 'alone.sqlite');
  copyFileSync(join(dir, 'groupz.sqlite'), alone);
  const copy = new SQLite(alone, { readonly: true });
  try {
    if (!copy.prepare(`select 1 from sqlite_master where name = 'kysely_migration'`).get()) return 0;
    return (copy.prepare('select count(*) as n from kysely_migration').get() as { n: number }).n;
  } finally {
    copy.close();
  }
}

// The worker thread is a file of the build of its own (build.js): this holds the platform as built
// and started to copying the WAL in the background. Without the worker the migrations' pages would
// stay in the WAL, which the writer copies only at WAL_LIMIT_PAGES.
test('the platform copies its SQLite WAL into the database file in the background', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-checkpoints-serve-'));
  const server = await startServer({ GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '', GROUPZ_DEMO: 'off' });
  try {
    const deadline = Date.now() + 10_000;
    while (migrationsInFileAlone(dir) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(migrationsInFileAlone(dir) > 0, `the database file holds no migration 10 s after the start: ${server.stderr()}`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
