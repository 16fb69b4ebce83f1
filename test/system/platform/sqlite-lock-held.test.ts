import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { startBookingLoad } from '../../booking-load.js';
import { makeActivity, makeSlot } from '../../factories.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { BUSY_WAIT_MS } from '../../../src/db/sqlite-driver.js';

/** How long the other process holds the write lock: longer than a write waits for it. */
const HELD_MS = BUSY_WAIT_MS + 2000;
/** The slowest answer a read (or /healthz) may give while the lock is held (it gave ~5 s when the wait blocked). */
const READ_LIMIT_MS = 1000;

describe('groupz serve on SQLite while another process holds the write lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-lock-held-'));
  let server: ServerProcess | undefined;
  after(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test(
    'keeps answering reads and /healthz, answers waiting writes 503 in contract, and books again once the lock is let go',
    { timeout: 120_000 },
    async (t) => {
      const sqliteFile = join(dir, 'groupz.sqlite');
      const setup = connectDatabase({ sqliteFile });
      await migrateToLatest(setup.db);
      const activity = await makeActivity(setup.db, systemClock, { maxGroupSize: 10 });
      const slot = await makeSlot(setup.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 5000 });
      await setup.close();
      server = await startServer({ GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '', ...BOOKING_LIMITS_OFF });
      const url = server.url;

      const load = startBookingLoad(url, slot.id, { workers: 2 });
      const readMs: Record<string, number[]> = { '/healthz': [], [`/book/${slot.id}`]: [] };
      const other = new SQLite(sqliteFile);
      let refusedWhileHeld = 0;
      try {
        await load.until('a first booking', (tally) => tally.created.length > 0, 30);
        // The other process: a backup, a second instance, an administrator's sqlite3.
        other.exec('begin immediate');
        const heldUntil = Date.now() + HELD_MS;
        while (Date.now() < heldUntil) {
          for (const [path, times] of Object.entries(readMs)) {
            const started = performance.now();
            const res = await fetch(`${url}${path}`, { headers: { 'accept-language': 'en' } });
            await res.arrayBuffer();
            times.push(performance.now() - started);
            // /healthz tells of the refused writes (503 for 30 s after one); the page only reads.
            const expected = path === '/healthz' && res.status === 503 ? 503 : 200;
            assert.equal(res.status, expected, `${path} while the lock was held`);
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        refusedWhileHeld = load.tally.unavailable;
        other.exec('rollback');
        const before = load.tally.created.length;
        await load.until('bookings once the lock is let go', (tally) => tally.created.length >= before + 10, 30);
      } finally {
        if (other.inTransaction) other.exec('rollback');
        other.close();
        await load.stop();
      }
      for (const [path, times] of Object.entries(readMs)) {
        const slowest = Math.max(...times);
        t.diagnostic(`${path}: ${times.length} reads while held, slowest ${Math.round(slowest)} ms`);
        assert.ok(slowest < READ_LIMIT_MS, `${path} took ${Math.round(slowest)} ms while the lock was held`);
      }
      assert.ok(refusedWhileHeld >= 1, `a booking that waited longer than the busy wait was answered 503 (${refusedWhileHeld} 503s)`);
      assert.deepEqual(load.tally.unexpected, [], 'every booking answer is a 201 or a 503 in contract');
      assert.equal(server.process.exitCode, null, 'the same process served throughout');
      await server.stop();
      const reading = connectDatabase({ sqliteFile });
      try {
        const stored = new Set((await reading.db.selectFrom('bookings').select('reference').execute()).map((b) => b.reference));
        assert.deepEqual(
          load.tally.created.filter((reference) => !stored.has(reference)),
          [],
          'every booking answered 201 is stored',
        );
      } finally {
        await reading.close();
      }
    },
  );
});
