import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isDatabaseUnavailable } from './unavailable.js';
import { WalFlush, walFileFlush } from './sqlite-wal-flush.js';

/** A datasync the test ends by hand: `calls` counts them, `finish(i)` ends the i-th (with an error if given). */
function heldDatasync() {
  const ends: ((error?: Error) => void)[] = [];
  return {
    datasync: () =>
      new Promise<void>((resolve, reject) => {
        ends.push((error) => (error ? reject(error) : resolve()));
      }),
    get calls() {
      return ends.length;
    },
    finish: (i: number, error?: Error) => ends[i]!(error),
  };
}

/** Whether `promise` has settled after the callbacks queued now have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('WalFlush', () => {
  test('a flush asked for while one is under way waits for the next, which the callers meanwhile share', async () => {
    const held = heldDatasync();
    const wal = new WalFlush(held.datasync);
    const first = wal.flush();
    const second = wal.flush();
    const third = wal.flush();
    assert.equal(held.calls, 1);
    held.finish(0);
    await first;
    // The first datasync may have begun before the second and third callers' commits wrote.
    assert.equal(await settled(second), false);
    assert.equal(held.calls, 2);
    held.finish(1);
    await Promise.all([second, third]);
    assert.equal(held.calls, 2);
  });

  test("a failed flush fails its callers with SQLite's code for it (unavailable), and the next flush tries again", async () => {
    const held = heldDatasync();
    const wal = new WalFlush(held.datasync);
    const failing = wal.flush();
    held.finish(0, Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await assert.rejects(failing, (error: Error & { code?: string; cause?: { code?: string } }) => {
      assert.equal(error.code, 'SQLITE_IOERR_FSYNC');
      assert.equal(error.cause?.code, 'EIO');
      assert.ok(isDatabaseUnavailable(error));
      return true;
    });
    const next = wal.flush();
    assert.equal(held.calls, 2);
    held.finish(1);
    await next;
  });

  test('closing waits for the flush under way', async () => {
    const held = heldDatasync();
    let closed = false;
    const wal = new WalFlush(held.datasync, async () => {
      closed = true;
    });
    const flushing = wal.flush();
    const closing = wal.close();
    assert.equal(await settled(closing), false);
    assert.equal(closed, false);
    held.finish(0);
    await Promise.all([flushing, closing]);
    assert.equal(closed, true);
  });
});

describe('walFileFlush', () => {
  test('flushes the -wal file beside the database, opened at the first flush and again after a failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupz-wal-flush-'));
    const file = join(dir, 'db.sqlite');
    const wal = walFileFlush(file);
    try {
      // No WAL yet: the open fails, and is not kept failed.
      await assert.rejects(wal.flush(), (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ENOENT');
      writeFileSync(`${file}-wal`, 'frames');
      await wal.flush();
      await wal.flush();
    } finally {
      await wal.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
