import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, statfsSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { headersOf, startBookingLoad } from '../../booking-load.js';
import { makeActivity, makeSlot } from '../../factories.js';
import { formFields, parseHtml, urlencoded } from '../../html.js';
import { health, healthBecomes } from '../../health.js';
import { integrityProblems } from '../../integrity.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { assertSecurityHeaders } from '../../security-headers.js';
import { runTool, strictMode } from '../../tools.js';
import type { Slot } from '../../../src/core/availability/slot.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { UNAVAILABLE_RETRY_SECONDS } from '../../../src/web/plugins/errors.js';
import { HEALTH_REFUSAL_SECONDS } from '../../../src/web/plugins/outage-memory.js';

/** The file system's size: the database and a filler, then a MiB for the bookings. */
const SIZE = '3m';
/** Space left free once the filler is written: filled by a few dozen bookings. */
const LEFT_FREE = 1024 * 1024;
/** 503s the load must get on the full disk, and 201s after the space is freed. */
const REFUSED = 20;
const BOOKED = 10;
const FORM = { 'accept-language': 'en', 'content-type': 'application/x-www-form-urlencoded' };

describe('groupz serve on SQLite, its file system full during a booking load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-full-disk-'));
  let mounted = false;
  let server: ServerProcess | undefined;
  after(async () => {
    await server?.stop();
    if (mounted) await runTool('umount', [dir], 30);
    rmSync(dir, { recursive: true, force: true });
  });

  test(
    'answers 503 with Retry-After (/healthz too), loses no 201, stays intact, and books again once space is freed, without a restart',
    { timeout: 180_000 },
    async (t) => {
      // A small file system of its own: mounting needs root (as in CI).
      const mount = await runTool('mount', ['-t', 'tmpfs', '-o', `size=${SIZE}`, 'tmpfs', dir], 30);
      if (mount.code !== 0) {
        const why = `mount -t tmpfs was refused (${mount.output.trim() || `exit ${mount.code}`}): run the test as root`;
        if (strictMode()) assert.fail(why);
        t.skip(why);
        return;
      }
      mounted = true;
      // Migrating takes more room than the migrated file (its write-ahead log): done outside, then copied in.
      const outside = mkdtempSync(join(tmpdir(), 'groupz-full-disk-setup-'));
      const setup = connectDatabase({ sqliteFile: join(outside, 'groupz.sqlite') });
      let slot: Slot;
      try {
        await migrateToLatest(setup.db);
        const activity = await makeActivity(setup.db, systemClock, { maxGroupSize: 10 });
        slot = await makeSlot(setup.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 5000 });
        await sql`pragma wal_checkpoint(truncate)`.execute(setup.db);
      } finally {
        await setup.close();
      }
      const sqliteFile = join(dir, 'groupz.sqlite');
      copyFileSync(join(outside, 'groupz.sqlite'), sqliteFile);
      rmSync(outside, { recursive: true, force: true });
      server = await startServer({ GROUPZ_DATA_DIR: dir, GROUPZ_DATABASE_URL: '', ...BOOKING_LIMITS_OFF });
      const url = server.url;

      // A form filled in and reviewed while there is room, to confirm once the disk is full.
      const formPage = parseHtml(await (await fetch(`${url}/book/${slot.id}`, { headers: FORM })).text());
      const fields = {
        ...formFields(formPage.querySelector('form[action^="/book/"]')!),
        name: 'Anna de Vries',
        email: 'anna@example.nl',
        phone: '030 1234567',
        acceptTerms: 'yes',
      };
      const review = await fetch(`${url}/book/${slot.id}`, { method: 'POST', headers: FORM, body: urlencoded(fields) });
      assert.equal(review.status, 200);
      const confirmFields = { ...formFields(parseHtml(await review.text()).querySelector('form.actions')!), action: 'confirm' };

      const { bavail, bsize } = statfsSync(dir);
      const filler = join(dir, 'filler');
      writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - LEFT_FREE)));
      const load = startBookingLoad(url, slot.id);
      let beforeFreed = 0;
      try {
        await load.until('503s on the full disk', (tally) => tally.unavailable >= REFUSED, 60);
        const confirm = await fetch(`${url}/book/${slot.id}`, { method: 'POST', headers: FORM, body: urlencoded(confirmFields) });
        const html = await confirm.text();
        assert.equal(confirm.status, 503, html.slice(0, 300));
        assert.equal(confirm.headers.get('retry-after'), String(UNAVAILABLE_RETRY_SECONDS));
        assertSecurityHeaders(headersOf(confirm), 'the form answered 503');
        assert.match(html, /Your booking could not be confirmed just now\. What you filled in is kept below/);
        assert.equal(formFields(parseHtml(html).querySelector('form[action^="/book/"]')!).name, 'Anna de Vries', 'what was typed is kept');
        // The database still answers reads: /healthz reports the refused writes, for a load balancer.
        const refusing = await fetch(`${url}/healthz`);
        assert.equal(refusing.status, 503);
        assert.equal(refusing.headers.get('retry-after'), String(UNAVAILABLE_RETRY_SECONDS));
        assert.deepEqual(await refusing.json(), { status: 'unavailable', checks: { database: 'unavailable' } });

        unlinkSync(filler);
        beforeFreed = load.tally.created.length;
        await load.until('bookings once space is freed, without a restart', (tally) => tally.created.length >= beforeFreed + BOOKED, 60);
      } finally {
        await load.stop();
      }
      // Once no request has been refused for HEALTH_REFUSAL_SECONDS (the load stopped: left on, it
      // fills the freed space again).
      await healthBecomes(url, 200, HEALTH_REFUSAL_SECONDS + 30);
      assert.deepEqual((await health(url)).body, { status: 'ok' });
      const { tally } = load;
      t.diagnostic(`${beforeFreed} 201s before the space was freed, ${tally.created.length} in all; ${tally.unavailable} 503s in contract`);
      assert.deepEqual(tally.unexpected, [], 'every answer is a 201 or a 503 in contract');
      assert.ok(beforeFreed > 0, 'bookings were stored until the disk was full');
      assert.equal(server.process.exitCode, null, 'the same process served throughout');

      await server.stop();
      const reading = connectDatabase({ sqliteFile });
      try {
        assert.deepEqual(await integrityProblems(reading), []);
        const stored = new Set((await reading.db.selectFrom('bookings').select('reference').execute()).map((b) => b.reference));
        assert.deepEqual(
          tally.created.filter((r) => !stored.has(r)),
          [],
          'every booking answered 201 is stored',
        );
      } finally {
        await reading.close();
      }
    },
  );
});
