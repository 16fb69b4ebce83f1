import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, afterEach, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { tempDir, testBackupSettings } from '../../../test/backups.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, type Member, signInMember } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { BackupLocation, BackupSettings, BackupTrigger } from '../../core/backups/backup.js';
import { finishBackupRun, insertBackupRun } from '../../core/backups/backup-runs.repository.js';
import { SESSION_COOKIE } from './session-cookie.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const REFUSED = 'Fatal: unable to open repository at sftp:groupz@backup.test:/srv/groupz: ssh: Connection refused';

let rows = 0;

/** A finished run of one location, `endedAgo` before the clock's now, taking five minutes. */
async function addRun(
  t: TestApp,
  location: BackupLocation,
  endedAgo: number,
  outcome: { sizeBytes: number } | { error: string },
  trigger: BackupTrigger = 'schedule',
): Promise<string> {
  const ended = t.clock.now().getTime() - endedAgo;
  const id = `row-${(rows += 1)}`;
  const startedAt = new Date(ended - 5 * MINUTE).toISOString();
  await insertBackupRun(t.database.db, { id, runId: `run-${rows}`, location, trigger, startedAt });
  const finishedAt = new Date(ended).toISOString();
  await finishBackupRun(
    t.database.db,
    id,
    'error' in outcome
      ? { status: 'failed', finishedAt, error: outcome.error }
      : { status: 'succeeded', finishedAt, snapshotId: `snap-${rows}`, sizeBytes: outcome.sizeBytes, addedBytes: 1000 },
  );
  return finishedAt;
}

/** A location's card as the page shows it. */
function card(body: string, location: BackupLocation) {
  const section = parseHtml(body).querySelector(`[data-testid="backup-location"][data-location="${location}"]`);
  assert.ok(section, `a card for ${location}`);
  const text = (id: string) => section.querySelector(`[data-testid="${id}"]`)?.textContent.trim();
  return {
    stale: section.getAttribute('data-stale'),
    warning: text('backup-stale'),
    lastSuccessAt: section.querySelector('[data-testid="last-success"]')?.getAttribute('data-at'),
    lastSuccess: text('last-success'),
    size: text('snapshot-size'),
    lastRun: section.querySelector('[data-testid="last-run"]')?.getAttribute('data-status'),
    error: text('last-error'),
  };
}

function pageIn(t: TestApp, member: Member, language: string) {
  return t.app.inject({ url: '/admin/backups', headers: { cookie: `${SESSION_COOKIE}=${member.cookie}`, 'accept-language': language } });
}

for (const dialect of testDialects()) {
  describe(`the backups page (${dialect.name})`, () => {
    let t: TestApp;
    let dir: string;
    /** The settings of backups at these locations (the page reads them; nothing runs restic). */
    let both: BackupSettings;
    before(() => {
      dir = tempDir();
      both = testBackupSettings(dir, { local: '/var/backups/groupz', remote: 'sftp:groupz@backup.test:/srv/groupz' });
    });
    afterEach(() => t.close());
    after(() => rmSync(dir, { recursive: true, force: true }));

    async function appWithAdmin(backup: BackupSettings | undefined): Promise<Member> {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { backup });
      return signInMember(t, 'admin');
    }

    test('per location: the last success in Amsterdam time with its age, the snapshot size, the last attempt and its error', async () => {
      const admin = await appWithAdmin(both);
      t.clock.set('2026-06-01T08:30:00Z');
      await addRun(t, 'local', 27 * HOUR, { sizeBytes: 11_000_000 });
      const localSuccess = await addRun(t, 'local', 3 * HOUR, { sizeBytes: 12_400_000 });
      const remoteSuccess = await addRun(t, 'remote', 27 * HOUR, { sizeBytes: 12_300_000 });
      await addRun(t, 'remote', 3 * HOUR - MINUTE, { error: REFUSED });
      await addRun(t, 'local', 2 * HOUR, { error: 'interrupted before it finished' }, 'manual');
      // Still running: the newest run of the second location, without a result yet.
      await insertBackupRun(t.database.db, {
        id: 'running',
        runId: 'run-now',
        location: 'remote',
        trigger: 'manual',
        startedAt: '2026-06-01T08:29:00.000Z',
      });

      const page = await adminGet(t, admin, '/admin/backups');
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.deepEqual(card(page.body, 'local'), {
        stale: 'false',
        warning: undefined,
        lastSuccessAt: localSuccess,
        lastSuccess: 'ma 1 jun 2026, 07:30 (3 uur geleden)',
        size: '12,4 MB',
        lastRun: 'failed',
        error: 'interrupted before it finished',
      });
      assert.deepEqual(card(page.body, 'remote'), {
        stale: 'true',
        warning:
          'Let op: al meer dan 26 uur geen geslaagde back-up hier. Draait de nachtelijke back-up nog, en wat zegt de laatste poging?',
        lastSuccessAt: remoteSuccess,
        lastSuccess: 'zo 31 mei 2026, 07:30 (27 uur geleden)',
        size: '12,3 MB',
        lastRun: 'running',
        error: undefined,
      });
      const document = parseHtml(page.body);
      assert.ok(document.querySelector('nav a[href="/admin/backups"]'), 'in the navigation for admins');
      assert.equal(document.querySelector('[data-testid="backups-not-configured"]'), null);
      assert.equal(document.querySelector('[data-testid^="backups-missing-"]'), null, 'both locations set up');
      assert.match(document.querySelector('[data-testid="backups-intro"]')!.textContent, /om 03:00 .*groupz backup run/);

      const table = document.querySelector('[data-testid="backup-runs"]')!;
      assert.deepEqual(
        table.querySelectorAll('thead th').map((th) => th.getAttribute('scope')),
        ['col', 'col', 'col', 'col', 'col', 'col'],
      );
      assert.deepEqual(
        table.querySelectorAll('tbody tr').map((tr) => tr.querySelectorAll('td').map((td) => td.textContent.trim())),
        [
          ['ma 1 jun 2026, 10:29', 'Tweede locatie', 'handmatig', 'bezig', '', ''],
          ['ma 1 jun 2026, 08:25', 'Lokaal, op deze server', 'handmatig', 'mislukt', '', 'interrupted before it finished'],
          ['ma 1 jun 2026, 07:26', 'Tweede locatie', 'nachtelijk', 'mislukt', '', REFUSED],
          ['ma 1 jun 2026, 07:25', 'Lokaal, op deze server', 'nachtelijk', 'geslaagd', '12,4 MB', ''],
          ['zo 31 mei 2026, 07:25', 'Lokaal, op deze server', 'nachtelijk', 'geslaagd', '11 MB', ''],
          ['zo 31 mei 2026, 07:25', 'Tweede locatie', 'nachtelijk', 'geslaagd', '12,3 MB', ''],
        ],
        'newest first (local first at the same start), in Amsterdam time',
      );

      const english = await pageIn(t, admin, 'en-GB,en;q=0.9');
      assert.equal(card(english.body, 'local').lastSuccess, 'Mon 1 Jun 2026, 07:30 (3 hours ago)');
      assert.equal(card(english.body, 'local').size, '12.4 MB');
      assert.equal(
        card(english.body, 'remote').warning,
        'Attention: no successful backup here for more than 26 hours. Is the nightly backup still running, and what does the last attempt say?',
      );
      assert.match(
        parseHtml(english.body).querySelector('[data-testid="backup-runs"] tbody tr')!.textContent,
        /Second location.*manual.*running/s,
      );
    });

    test('a location turns stale 26 hours after its last success, not before; one that never succeeded is stale at once', async () => {
      const admin = await appWithAdmin(both);
      await addRun(t, 'local', 25 * HOUR + 59 * MINUTE, { sizeBytes: 5_000 });
      await addRun(t, 'remote', 10 * MINUTE, { error: REFUSED });
      const before = await adminGet(t, admin, '/admin/backups');
      assert.equal(card(before.body, 'local').stale, 'false', '25 h 59 min');
      assert.equal(card(before.body, 'local').warning, undefined);
      assert.equal(card(before.body, 'local').size, '5 kB');
      assert.deepEqual(card(before.body, 'remote'), {
        stale: 'true',
        warning: 'Let op: hier is nog geen back-up gelukt.',
        lastSuccessAt: undefined,
        lastSuccess: 'nooit',
        size: undefined,
        lastRun: 'failed',
        error: REFUSED,
      });

      t.clock.advance(2 * MINUTE);
      const after = await adminGet(t, admin, '/admin/backups');
      assert.equal(card(after.body, 'local').stale, 'true', '26 h 1 min');
      assert.match(card(after.body, 'local').warning!, /meer dan 26 uur/);
      assert.match(card(after.body, 'local').lastSuccess!, /\(26 uur geleden\)$/);
    });

    test('only admins: managers, staff and viewers get 403 and no link; signed out, the login', async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { backup: both });
      const venues = await makeTwoVenues(t);
      const { manager, staff, viewer } = await signInMembers(t, venues, ['manager', 'staff', 'viewer']);
      for (const member of [manager, staff, viewer]) {
        const refused = await adminGet(t, member, '/admin/backups');
        assert.equal(refused.statusCode, 403);
        assert.ok(!refused.body.includes('backup-location'));
        const own = await adminGet(t, member, '/admin/bookings');
        assert.equal(own.statusCode, 200);
        assert.equal(parseHtml(own.body).querySelector('nav a[href="/admin/backups"]'), null, 'not in their navigation');
      }
      const anonymous = await t.app.inject({ url: '/admin/backups' });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/staff/login');
      assert.equal(anonymous.headers['set-cookie'], undefined);
    });

    test('without backup settings the page says so, names the settings and the command; no cookie beyond the session', async () => {
      const admin = await appWithAdmin(undefined);
      const page = await adminGet(t, admin, '/admin/backups');
      assert.equal(page.statusCode, 200);
      const document = parseHtml(page.body);
      const notice = document.querySelector('[data-testid="backups-not-configured"]')!.textContent;
      for (const name of ['GROUPZ_BACKUP_LOCAL_REPO', 'GROUPZ_BACKUP_REMOTE_REPO', 'GROUPZ_BACKUP_PASSWORD_FILE', 'groupz backup run']) {
        assert.ok(notice.includes(name), name);
      }
      assert.equal(document.querySelectorAll('[data-testid="backup-location"]').length, 0);
      assert.ok(document.querySelector('[data-testid="backup-runs-none"]'));
      assert.ok(
        page.cookies.every((cookie) => cookie.name === SESSION_COOKIE),
        JSON.stringify(page.cookies),
      );
    });

    test('with one location set up, the page warns that the other is missing', async () => {
      const admin = await appWithAdmin(testBackupSettings(dir, { local: '/var/backups/groupz', remote: undefined }));
      const document = parseHtml((await adminGet(t, admin, '/admin/backups')).body);
      assert.match(document.querySelector('[data-testid="backups-missing-remote"]')!.textContent, /GROUPZ_BACKUP_REMOTE_REPO/);
      assert.equal(document.querySelector('[data-testid="backups-missing-local"]'), null);
      assert.deepEqual(
        document.querySelectorAll('[data-testid="backup-location"]').map((section) => section.getAttribute('data-location')),
        ['local'],
      );
      assert.equal(card(document.toString(), 'local').lastSuccess, 'nooit', 'set up but not run yet');
    });
  });
}
