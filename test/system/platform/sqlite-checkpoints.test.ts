import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServer } from '../../server-process.js';
import { rowsInFileAlone } from '../../sqlite-file.js';

// The worker thread is a file of the build of its own (build.js): this holds the platform as built
// and started to copying the WAL in the background. Without the worker the migrations' pages would
// stay in the WAL, which the writer copies only at WAL_LIMIT_PAGES.
test('the platform copies its SQLite WAL into the database file in the background', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-checkpoints-serve-'));
  const server = await startServer({ GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '', GROUPZ_DEMO: 'off' });
  try {
    const migrations = () => rowsInFileAlone(join(dir, 'groupz.sqlite'), 'kysely_migration');
    const deadline = Date.now() + 10_000;
    while (migrations() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(migrations() > 0, `the database file holds no migration 10 s after the start: ${server.stderr()}`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
