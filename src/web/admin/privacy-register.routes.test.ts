import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { adminGet, type Member } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers, type TwoVenues } from '../../../test/venues.js';
import type { BackupSettings } from '../../core/backups/backup.js';
import { createVenue } from '../../core/catalog/catalog.service.js';
import { saveVenueRetentionChoice } from '../../core/privacy/retention.repository.js';
import type { RetentionLimits } from '../../core/privacy/retention.js';
import { SESSION_COOKIE } from './session-cookie.js';

const LIMITS: RetentionLimits = { participantsDays: 17, organiserMonths: 9, cancelledDays: 11, mailDays: 13, activityLogMonths: 5 };

/** One location; snapshots kept 14 days, 30 daily, 8 weekly, 0 monthly: the longest is 8 weeks. */
const BACKUP: BackupSettings = {
  repositories: { local: '/var/backups/groupz', remote: undefined },
  passwordFile: '/etc/groupz/backup-password',
  sshKeyFile: undefined,
  sshKnownHostsFile: undefined,
  time: '03:00',
  retention: { keepDays: 14, daily: 30, weekly: 8, monthly: 0 },
  checkSubsets: 7,
  workDir: '/tmp/groupz-backup',
};

const PAGE = '/admin/privacy/register';
const DOWNLOAD = '/admin/privacy/register.md';

const text = (body: string, testId: string) => {
  const element = parseHtml(body).querySelector(`[data-testid="${testId}"]`);
  assert.ok(element, `${testId} is on the page`);
  return element.textContent.replace(/\s+/g, ' ');
};

for (const dialect of testDialects()) {
  describe(`the register of processing activities (${dialect.name})`, () => {
    let t: TestApp;
    let venues: TwoVenues;
    let members: Record<'manager' | 'staff' | 'viewer' | 'admin', Member>;

    before(async () => {
      t = await buildTestApp(
        dialect,
        '2026-06-01T08:00:00Z',
        {},
        { retention: LIMITS, backup: BACKUP, mailRelay: 'smtp.relay.example.nl' },
      );
      venues = await makeTwoVenues(t);
      const { db } = t.database;
      await createVenue(db, t.clock, { slug: 'bar-bistro', name: 'Bar | Bistro', city: 'Ede' });
      await db
        .transaction()
        .execute((trx) =>
          saveVenueRetentionChoice(
            trx,
            venues.home.venue.id,
            { participantsDays: 4, organiserMonths: null, cancelledDays: 3 },
            t.clock.now().toISOString(),
          ),
        );
      members = await signInMembers(t, venues, ['manager', 'staff', 'viewer', 'admin']);
    });
    after(() => t.close());

    test('only admins get it: venue staff are refused, visitors sent to sign in', async () => {
      for (const name of ['manager', 'staff', 'viewer'] as const) {
        for (const url of [PAGE, DOWNLOAD]) {
          const res = await adminGet(t, members[name], url);
          assert.equal(res.statusCode, 403, `${name} ${url}`);
          assert.ok(!res.body.includes('17 dagen'), `${name} ${url}: nothing of the register`);
        }
        const nav = parseHtml((await adminGet(t, members[name], '/admin/bookings')).body);
        assert.equal(nav.querySelector(`nav a[href="${PAGE}"]`), null, `${name}: no link in the navigation`);
      }
      for (const url of [PAGE, DOWNLOAD]) {
        const res = await t.app.inject({ url });
        assert.equal(res.statusCode, 303);
        assert.match(String(res.headers.location), /^\/staff\/login/);
      }
    });

    test('the page names the controllers and says the live periods', async () => {
      const res = await adminGet(t, members.admin, PAGE);
      assert.equal(res.statusCode, 200);
      assertSecurityHeaders(res.headers, PAGE);
      assert.equal(res.headers['cache-control'], 'no-store');
      const page = parseHtml(res.body);
      assert.ok(page.querySelector(`nav a[href="${PAGE}"]`), 'the navigation links it');
      for (const venue of [venues.home.venue, venues.away.venue]) {
        assert.match(text(res.body, `register-controller-${venue.slug}`), new RegExp(venue.name));
      }
      assert.match(text(res.body, 'register-activity-participants'), /17 dagen na het bezoek/);
      assert.match(text(res.body, 'register-activity-participants'), /Bijzondere gegevens/);
      assert.match(text(res.body, 'register-activity-organiser'), /9 maanden na het bezoek/);
      assert.match(text(res.body, 'register-activity-mails'), /13 dagen na verzending/);
      assert.match(text(res.body, 'register-activity-mails'), /smtp\.relay\.example\.nl/);
      assert.match(text(res.body, 'register-activity-activity_log'), /5 maanden/);
      assert.match(text(res.body, `register-retention-${venues.home.venue.slug}`), /4 dagen.*9 maanden.*3 dagen/);
      assert.match(text(res.body, `register-retention-${venues.away.venue.slug}`), /17 dagen.*9 maanden.*11 dagen/);
      assert.match(res.body, /ten hoogste 8 weken/);
      for (const id of ['participants', 'organiser', 'billing', 'mails', 'vouchers']) {
        const row = text(res.body, `register-activity-${id}`);
        assert.ok(!/(^|\D)(30|24)(\D|$)/.test(row), `${id}: no default period`);
      }
      assert.ok(page.querySelector(`a[href="${DOWNLOAD}"][download]`), 'the download is offered');
    });

    test('the download is a Markdown attachment with the same periods', async () => {
      const res = await t.app.inject({
        url: DOWNLOAD,
        headers: { cookie: `${SESSION_COOKIE}=${members.admin.cookie}`, 'accept-language': 'en' },
      });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/markdown; charset=utf-8/);
      assert.match(String(res.headers['content-disposition']), /^attachment; filename="groupz-register-of-processing-2026-06-01\.md"$/);
      assert.equal(res.headers['cache-control'], 'no-store');
      const body = res.body;
      assert.match(body, /^# Register of processing activities/);
      assert.match(body, /17 days after the visit/);
      assert.match(body, /9 months after the visit/);
      assert.match(body, /11 days after the booking was cancelled or expired/);
      assert.match(body, /13 days after sending/);
      assert.match(body, /5 months after the event/);
      assert.match(body, new RegExp(`\\| ${venues.home.venue.name} \\| 4 days \\| 9 months \\| 3 days \\|`));
      assert.match(body, /\| The platform \| 17 days \| 9 months \| 11 days \|/);
      assert.match(body, /\| Bar \\\| Bistro \| Ede \|/, 'a pipe in a name does not break the table');
      assert.match(body, /at most 8 weeks/);
      assert.ok(!/(^|\D)30 days after the visit/.test(body) && !/24 months after the visit/.test(body), 'no default period');
      // Every table row has as many cells as its header.
      for (const table of body.split('\n\n').filter((block) => block.startsWith('| '))) {
        const rows = table.split('\n');
        const cells = (row: string) => row.replace(/\\\|/g, '').split('|').length;
        for (const row of rows) assert.equal(cells(row), cells(rows[0]!), row);
      }
    });
  });
}
