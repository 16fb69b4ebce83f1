import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connectDatabase, type DatabaseHandle } from './connect.js';
import {
  CHECKPOINT_INTERVAL_MS,
  type CheckpointPass,
  setBackgroundCheckpoints,
  SQLITE_CHECKPOINT_PAGES,
  SqliteCheckpointer,
  WAL_LIMIT_PAGES,
} from './sqlite-checkpoints.js';
import { rowsInFileAlone } from '../../test/sqlite-file.js';

/** Rows of about one page each. */
const ROWS = 60;

describe('SQLite checkpoints', () => {
  let dir: string;
  let file: string;
  let handle: DatabaseHandle;
  let passes: CheckpointPass[];
  let onPass: (() => void) | undefined;

  beforeEach(async () => {
    setBackgroundCheckpoints(true);
    dir = mkdtempSync(join(tmpdir(), 'groupz-checkpoints-'));
    file = join(dir, 'groupz.sqlite');
    passes = [];
    handle = connectDatabase({
      sqliteFile: file,
      onCheckpoint: (pass) => {
        passes.push(pass);
        onPass?.();
      },
    });
    await sql`create table t (x blob)`.execute(handle.db);
  });
  afterEach(async () => {
    await handle.close();
    setBackgroundCheckpoints(false);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once `done` holds, looked at now and after each background checkpoint. */
  const afterPasses = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      // The worker does not keep a process up by itself: this waits for it.
      const waiting = setInterval(() => {}, 1000);
      const look = () => {
        if (!done()) return;
        clearInterval(waiting);
        resolve();
      };
      onPass = look;
      look();
    });

  const rowsInT = () => rowsInFileAlone(file, 't');

  test('a commit leaves the copying of the WAL to the background until the WAL holds WAL_LIMIT_PAGES', async () => {
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
    assert.deepEqual(rows, [{ wal_autocheckpoint: WAL_LIMIT_PAGES }]);
  });

  test('the background copies what was committed into the database file itself', { timeout: 10_000 }, async () => {
    for (let i = 0; i < ROWS; i++) await sql`insert into t values (randomblob(3000))`.execute(handle.db);
    await afterPasses(() => rowsInT() === ROWS);
    assert.ok(passes.length > 0);
  });

  test('closing stops the background first, so that the writer, closing last, removes the WAL', async () => {
    await sql`insert into t values (randomblob(3000))`.execute(handle.db);
    assert.ok(existsSync(`${file}-wal`));
    await handle.close();
    assert.equal(existsSync(`${file}-wal`), false);
    handle = connectDatabase({ sqliteFile: file });
  });
});

test('the worker starts when the server says, and copies the WAL from then on', { timeout: 10_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-checkpoints-'));
  const file = join(dir, 'groupz.sqlite');
  let start = () => {};
  setBackgroundCheckpoints(true, new Promise<void>((resolve) => (start = resolve)));
  let passes = 0;
  const handle = connectDatabase({ sqliteFile: file, onCheckpoint: () => passes++ });
  // The worker does not keep a process up by itself: this waits for it.
  const waiting = setInterval(() => {}, 1000);
  try {
    await sql`create table t (x blob)`.execute(handle.db);
    for (let i = 0; i < ROWS; i++) await sql`insert into t values (randomblob(3000))`.execute(handle.db);
    // Several of a started worker's passes.
    await new Promise((resolve) => setTimeout(resolve, 5 * CHECKPOINT_INTERVAL_MS));
    assert.equal(passes, 0, 'no pass before the start');
    assert.equal(rowsInFileAlone(file, 't'), 0, 'the rows are in the WAL alone');
    start();
    while (rowsInFileAlone(file, 't') < ROWS) await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_INTERVAL_MS));
    assert.ok(passes > 0);
  } finally {
    clearInterval(waiting);
    await handle.close();
    setBackgroundCheckpoints(false);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a process that did not switch them on (a command, a test) leaves the checkpoints to the writer, as SQLite does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-checkpoints-'));
  let passes = 0;
  const handle = connectDatabase({ sqliteFile: join(dir, 'groupz.sqlite'), onCheckpoint: () => passes++ });
  try {
    await sql`create table t (x blob)`.execute(handle.db);
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
    assert.deepEqual(rows, [{ wal_autocheckpoint: SQLITE_CHECKPOINT_PAGES }]);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(passes, 0);
});

test('a checkpoint worker that cannot open its database says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-checkpoints-'));
  setBackgroundCheckpoints(true);
  try {
    let failed!: () => void;
    const failure = new Promise<void>((resolve) => (failed = resolve));
    const checkpointer = new SqliteCheckpointer(join(dir, 'missing.sqlite'), undefined, failed);
    // The worker does not keep a process up by itself: this waits for it.
    const waiting = setInterval(() => {}, 1000);
    await failure.finally(() => clearInterval(waiting));
    await checkpointer.stop();
  } finally {
    setBackgroundCheckpoints(false);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a checkpointer stopped before the server says start (a stop in the first second) never starts its worker', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-checkpoints-'));
  let start = () => {};
  setBackgroundCheckpoints(true, new Promise<void>((resolve) => (start = resolve)));
  try {
    // A worker started on a missing file would say so, as in the test above.
    let failed = false;
    const checkpointer = new SqliteCheckpointer(join(dir, 'missing.sqlite'), undefined, () => (failed = true));
    await checkpointer.stop();
    start();
    const waiting = setInterval(() => {}, 1000);
    await new Promise((resolve) => setTimeout(resolve, 20 * CHECKPOINT_INTERVAL_MS)).finally(() => clearInterval(waiting));
    assert.equal(failed, false, 'no worker started');
  } finally {
    setBackgroundCheckpoints(false);
    rmSync(dir, { recursive: true, force: true });
  }
});
