import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { adminGet, type Member, setUpAccount, type TestAccount } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import { recordActivityEvent } from '../../core/activity-log/activity-log.service.js';
import type { Venue } from '../../core/catalog/activity.js';

interface Row {
  action: string;
  cells: string[];
}

/** The activity log table as a person reads it: each row's action code and its cells' text (a list's items joined by ", "). */
function logRows(body: string): Row[] {
  return parseHtml(body)
    .querySelectorAll('[data-testid="activity-log-entries"] tbody tr')
    .map((tr) => ({
      action: tr.getAttribute('data-action')!,
      cells: tr.querySelectorAll('td').map(
        (td) =>
          td
            .querySelectorAll('li')
            .map((li) => li.textContent)
            .join(', ') || td.textContent,
      ),
    }));
}

for (const dialect of testDialects()) {
  describe(`the activity log viewer (${dialect.name})`, () => {
    let t: TestApp;
    let venueA: Venue;
    let admin: Member;
    let managerA: Member;
    let managerB: Member;
    let staffA: TestAccount;

    before(async () => {
      t = await buildTestApp(dialect);
      const venues = await makeTwoVenues(t);
      venueA = venues.home.venue;
      ({ admin, manager: managerA, otherManager: managerB } = await signInMembers(t, venues, ['admin', 'manager', 'otherManager']));
      staffA = await setUpAccount(t, { role: 'staff', venue: venueA.slug });
    });
    after(() => t.close());

    test("a manager sees their venue's entries and not another venue's; an admin sees all", async () => {
      const forManager = await adminGet(t, managerA, '/admin/activity');
      assert.equal(forManager.statusCode, 200);
      assert.equal(forManager.headers['cache-control'], 'no-store');
      const seen = logRows(forManager.body)
        .map((row) => row.cells.join(' '))
        .join('\n');
      assert.match(seen, new RegExp(managerA.email), "the manager's own sign-in");
      assert.match(seen, new RegExp(staffA.email), 'their member being added and setting up');
      assert.ok(!seen.includes(managerB.email), "nothing of venue B's manager");
      assert.ok(!seen.includes(admin.email), 'nothing of the platform admin');

      const forAdmin = logRows((await adminGet(t, admin, '/admin/activity')).body)
        .map((row) => row.cells.join(' '))
        .join('\n');
      for (const email of [admin.email, managerA.email, managerB.email, staffA.email]) assert.ok(forAdmin.includes(email), email);

      const probing = await adminGet(t, managerA, `/admin/activity?email=${encodeURIComponent(managerB.email)}`);
      assert.equal(probing.statusCode, 200);
      assert.deepEqual(logRows(probing.body), [], "filtering on another venue's member shows nothing");
      assert.ok(!probing.body.includes('data-action="auth.login"'));
    });

    test('a row shows time in Amsterdam, who, the action, target, details and network, and nothing more', async () => {
      const summer = new TestClock('2026-06-30T22:30:05Z');
      await recordActivityEvent(t.database.db, summer, {
        actor: managerA.member,
        venueId: venueA.id,
        action: 'staff.role_changed',
        target: 'piet@venue.test',
        detail: { from: 'staff', to: 'viewer' },
        client: '203.0.113.0/24',
      });
      const winter = new TestClock('2026-12-01T08:00:00Z');
      await recordActivityEvent(t.database.db, winter, {
        actor: null,
        venueId: venueA.id,
        action: 'booking.cancelled',
        target: 'GZ-AB12-CD34',
      });

      const [newest, next] = logRows((await adminGet(t, managerA, '/admin/activity')).body);
      assert.deepEqual(newest, {
        action: 'booking.cancelled',
        cells: ['di 1 dec 2026, 09:00:00', '—', 'boeking geannuleerd', 'GZ-AB12-CD34', '', '—'],
      });
      assert.deepEqual(next, {
        action: 'staff.role_changed',
        cells: [
          'wo 1 jul 2026, 00:30:05',
          managerA.email,
          'rol gewijzigd',
          'piet@venue.test',
          'Van: staff, Naar: viewer',
          '203.0.113.0/24',
        ],
      });
    });

    test('details in human terms: amounts in euros, instants in Amsterdam time, yes or no', async () => {
      const clock = new TestClock('2026-06-02T10:00:00Z');
      await recordActivityEvent(t.database.db, clock, {
        actor: null,
        venueId: venueA.id,
        action: 'test.details',
        target: 'GZ-HU12-MN34',
        detail: { total_cents: 1250, startsAt: '2026-06-15T08:00:00.000Z', exclusive: true, group_size: 12, note: null },
      });
      const cells = async (member: Member) =>
        logRows((await adminGet(t, member, '/admin/activity?action=test.details')).body).find((r) => r.action === 'test.details')!.cells;
      assert.equal(
        (await cells(managerA))[4],
        'Totaal: €\u00a012,50, Begint: ma 15 jun 2026, 10:00, Exclusief: ja, Groepsgrootte: 12, Notitie: —',
      );
    });

    test('filters by action (a select of known actions) and by member email', async () => {
      const page = parseHtml((await adminGet(t, admin, '/admin/activity?action=auth.login')).body);
      const options = page.querySelectorAll('select#action option').map((o) => o.getAttribute('value'));
      for (const action of ['', 'auth.login', 'auth.logout', 'staff.added', 'staff.disabled', 'booking.cancelled'])
        assert.ok(options.includes(action), action);
      assert.equal(page.querySelector('select#action option[selected]')?.getAttribute('value'), 'auth.login');
      const logins = logRows(page.toString());
      assert.equal(logins.length, 3);
      assert.ok(logins.every((row) => row.action === 'auth.login' && row.cells[2] === 'ingelogd'));

      const url = `/admin/activity?email=${encodeURIComponent(staffA.email.toUpperCase())}`;
      const about = logRows((await adminGet(t, admin, url)).body);
      assert.deepEqual(about.map((row) => row.action).sort(), ['staff.added', 'staff.second_factor_enrolled']);
      assert.ok(about.every((row) => row.cells[1] === staffA.email || row.cells[3] === staffA.email));

      // A NUL (which PostgreSQL's text cannot hold) in either filter matches nothing: no 500.
      for (const query of ['action=auth.login%00', 'email=a%00b%40venue.test']) {
        const filtered = await adminGet(t, admin, `/admin/activity?${query}`);
        assert.equal(filtered.statusCode, 200, query);
        assert.deepEqual(logRows(filtered.body), [], query);
      }
    });

    test('pages of 100, newest first, with an "older" link that neither skips nor repeats an entry', async () => {
      const clock = new TestClock('2026-05-01T00:00:00Z');
      // Three entries per instant, so the page boundaries fall inside runs of equal times.
      for (let n = 0; n < 248; n += 1) {
        if (n % 3 === 0) clock.advance(1000);
        await recordActivityEvent(t.database.db, clock, { actor: null, venueId: venueA.id, action: 'test.paging', detail: { n } });
      }
      const seen: number[] = [];
      let url: string | undefined = '/admin/activity?action=test.paging';
      const sizes: number[] = [];
      while (url) {
        const response = await adminGet(t, managerA, url);
        assert.equal(response.statusCode, 200);
        const rows = logRows(response.body);
        assert.ok(rows.length > 0 && rows.length <= 100, `page of ${rows.length}`);
        seen.push(...rows.map((row) => Number(row.cells[4]!.replace('n: ', ''))));
        url = parseHtml(response.body).querySelector('[data-testid="older"]')?.getAttribute('href')?.replaceAll('&amp;', '&');
        if (url) assert.match(url, /^\/admin\/activity\?action=test\.paging&before=2026-05-01T[\d%A.]+Z$/);
        sizes.push(rows.length);
      }
      assert.deepEqual(sizes, [98, 99, 51], 'a page ends before a run of entries with the same time, not inside it');
      const times = seen.map((n) => Math.floor(n / 3));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'newest first',
      );
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        Array.from({ length: 248 }, (_, n) => n),
        'every entry exactly once',
      );

      assert.equal((await adminGet(t, managerA, '/admin/activity?before=yesterday')).statusCode, 200, 'a malformed cursor is ignored');
    });
  });
}
