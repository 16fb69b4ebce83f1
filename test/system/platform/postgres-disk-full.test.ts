import assert from 'node:assert/strict';
import { reviewedBookingForm } from '../../booking-form.js';
import { chownSync, closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../app.js';
import { makeActivity, makeSlot } from '../../factories.js';
import { formFields, parseHtml } from '../../html.js';
import { type OwnPostgres, postgresBinaries, startOwnPostgres } from '../../own-postgres.js';
import { multipartBody, phoneJpeg } from '../../photos.js';
import { assertSecurityHeaders } from '../../security-headers.js';
import { signInMember } from '../../staff.js';
import { missingRequirement, runTool, strictMode } from '../../tools.js';
import { connectDatabase } from '../../../src/db/connect.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { UNAVAILABLE_RETRY_SECONDS } from '../../../src/web/plugins/errors.js';
import { SESSION_COOKIE } from '../../../src/web/admin/session-cookie.js';

const bin = postgresBinaries();
if (!bin)
  missingRequirement('PostgreSQL server programs (initdb, pg_ctl)', `install the postgresql package (none under /usr/lib/postgresql)`);

/**
 * Fills the file system at `dir` with one file, written until the file system refuses (ENOSPC);
 * returns the file and that refusal.
 */
function fill(dir: string): { file: string; refusal: NodeJS.ErrnoException } {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    return { file, refusal: error as NodeJS.ErrnoException };
  } finally {
    closeSync(fd);
  }
}

/**
 * PostgreSQL's disk full where its tables are, while the server runs on (its write-ahead log on
 * another disk): the bookings' and photos' tables are put in a tablespace on a small file system
 * of their own, which the test fills. Reads go on; storing a booking or a photo is refused
 * (53100, "could not extend file ... No space left on device").
 */
describe('PostgreSQL with no room left for the bookings and photos it stores', { skip: !bin }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-pg-full-'));
  let mounted = false;
  let postgres: OwnPostgres;
  let t: TestApp;
  before(async () => {
    postgres = await startOwnPostgres(bin!);
  });
  after(async () => {
    await t?.close();
    await postgres?.remove();
    if (mounted) await runTool('umount', [dir], 30);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a booking confirmed answers 503 on its review step, a photo uploaded the translated 503 page; both are stored once space is freed', async (ctx) => {
    // A small file system of its own: mounting needs root (as in CI).
    const mount = await runTool('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', dir], 30);
    if (mount.code !== 0) {
      const why = `mount -t tmpfs was refused (${mount.output.trim() || `exit ${mount.code}`}): run the test as root`;
      if (strictMode()) assert.fail(why);
      ctx.skip(why);
      return;
    }
    mounted = true;
    const { uid, gid } = await postgresUser();
    chownSync(dir, uid, gid);
    const handle = connectDatabase({ url: postgres.url, sqliteFile: '' });
    await migrateToLatest(handle.db);
    await sql.raw(`create tablespace scarce location '${dir}'`).execute(handle.db);
    await sql`alter table bookings set tablespace scarce`.execute(handle.db);
    await sql`alter table photos set tablespace scarce`.execute(handle.db);
    const database = { ...handle, env: { GROUPZ_DATABASE_URL: postgres.url } };
    t = await buildTestApp({ name: 'postgres', create: async () => database, createEmpty: async () => database }, '2026-06-01T08:00:00Z');

    const activity = await makeActivity(t.database.db, t.clock, { maxGroupSize: 20 });
    const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-10', capacity: 20 });
    const admin = await signInMember(t, 'admin');
    const photo = await phoneJpeg();
    const upload = async () => {
      const { payload, contentType } = await multipartBody(
        { _csrf: admin.csrf, altNl: 'Een kano', altEn: 'A canoe' },
        {
          name: 'IMG_0001.jpg',
          type: 'image/jpeg',
          bytes: photo,
        },
      );
      return t.app.inject({
        method: 'POST',
        url: `/admin/activities/${activity.id}/photos`,
        headers: { origin: t.publicUrl, 'content-type': contentType, 'accept-language': 'en', cookie: `${SESSION_COOKIE}=${admin.cookie}` },
        payload,
      });
    };
    const { confirmFields, confirm } = await reviewedBookingForm(t.app, slot.id);

    const { file, refusal } = fill(dir);
    assert.equal(refusal.code, 'ENOSPC', 'the file system is full');

    // The booking: the review step it was confirmed from, with what was typed and its submission key.
    const refused = await confirm();
    assert.equal(refused.statusCode, 503, refused.body.slice(0, 500));
    assert.equal(refused.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
    assertSecurityHeaders(refused.headers, 'the booking answered 503');
    const shown = parseHtml(refused.body);
    assert.match(shown.querySelector('[data-testid="booking-refusal"]')?.textContent ?? '', /could not be confirmed just now/);
    assert.ok(shown.querySelector('[data-testid="review-confirm"]'), 'the review step, to confirm again');
    const kept = formFields(shown.querySelector('form.actions')!);
    assert.deepEqual(
      [kept.name, kept.email, kept.groupSize, kept.submissionKey],
      ['Anna de Vries', 'anna@example.nl', '6', confirmFields.submissionKey],
    );
    // The photo: the translated outage page, not a 500.
    const uploaded = await upload();
    assert.equal(uploaded.statusCode, 503, uploaded.body.slice(0, 500));
    assert.equal(uploaded.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
    assertSecurityHeaders(uploaded.headers, 'the upload answered 503');
    assert.equal(parseHtml(uploaded.body).querySelector('h1')?.textContent, 'Temporarily unavailable');
    assert.deepEqual(await t.database.db.selectFrom('photos').select('id').execute(), [], 'no photo stored');

    unlinkSync(file);
    assert.equal((await confirm()).statusCode, 303, 'the same form books once space is freed');
    assert.equal((await upload()).statusCode, 303, 'the photo is stored once space is freed');
    assert.equal((await t.database.db.selectFrom('bookings').select('id').execute()).length, 1);
    assert.equal((await t.database.db.selectFrom('photos').select('id').execute()).length, 1);
  });
});

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [u, g] = await Promise.all([runTool('id', ['-u', 'postgres'], 10), runTool('id', ['-g', 'postgres'], 10)]);
  return { uid: Number(u.output.trim()), gid: Number(g.output.trim()) };
}
