import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { adminGet, adminPost, postForm, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { RetentionLimits } from '../../core/privacy/retention.js';
import { applyRetention } from '../../core/privacy/retention.service.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** The platform's periods in these tests: not the defaults, so the page is seen to show the configured ones. */
const LIMITS: RetentionLimits = { participantsDays: 21, organiserMonths: 18, cancelledDays: 10, mailDays: 20, activityLogMonths: 6 };

for (const dialect of testDialects()) {
  describe(`a venue's retention periods in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let staff: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      t = await buildTestApp(dialect, '2026-12-08T09:00:00Z', {}, { retention: LIMITS });
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, staff, viewer, otherManager, admin } = await signInMembers(t, { home, away }));
    });
    after(() => t.close());

    const privacyUrl = (venueId = home.venue.id) => `/admin/venues/${venueId}/privacy`;
    const stored = (venueId: string) =>
      t.database.db.selectFrom('venue_retention').selectAll().where('venue_id', '=', venueId).executeTakeFirst();
    const logEntries = () => t.database.db.selectFrom('activity_log').selectAll().where('action', '=', 'venue.retention_changed').execute();
    const text = (body: string, selector: string) =>
      (parseHtml(body).querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const postInEnglish = (who: SignedIn, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: privacyUrl(),
        headers: {
          origin: t.publicUrl,
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'en',
          cookie: `${SESSION_COOKIE}=${who.cookie}`,
        },
        payload: urlencoded({ _csrf: who.csrf, ...fields }),
      });

    test("the venue's page links to it; the form shows each period with the platform's default and maximum and what applies now", async () => {
      const venuePage = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}`)).body);
      assert.ok(venuePage.querySelector(`[data-testid="venue-retention-link"][href="${privacyUrl()}"]`));

      const response = await adminGet(t, manager, privacyUrl());
      assert.equal(response.statusCode, 200);
      assertSecurityHeaders(response.headers, 'retention page');
      assert.match(String(response.headers['cache-control']), /no-store/);
      const root = parseHtml(response.body);
      const form = root.querySelector(`form[action="${privacyUrl()}"]`);
      assert.ok(form);
      assert.deepEqual(formFields(form), { _csrf: manager.csrf, participantsDays: '', organiserMonths: '', cancelledDays: '' });
      assert.match(
        text(response.body, '#participantsDays-hint'),
        /Standaard en maximum van het platform: 21 dagen\. Nu van kracht: 21 dagen \(standaard van het platform\)\.$/,
      );
      assert.match(text(response.body, '#organiserMonths-hint'), /maximum van het platform: 18 maanden\./);
      assert.match(text(response.body, '#cancelledDays-hint'), /maximum van het platform: 10 dagen\./);
      // The platform's own periods, read-only.
      assert.equal(text(response.body, '[data-testid="retention-mailDays"]'), '20 dagen');
      assert.equal(text(response.body, '[data-testid="retention-activityLogMonths"]'), '6 maanden');
      assert.equal(root.querySelector('input[name="mailDays"]'), null);
      assert.equal(root.querySelector('[data-testid="retention-runs-none"]'), null, "the platform's runs are for admins");
      const forAdmin = await adminGet(t, admin, privacyUrl());
      assert.equal(text(forAdmin.body, '[data-testid="retention-runs-none"]'), 'De bewaartaak heeft nog niet gedraaid.');
    });

    test('a refused form comes back as typed with every error at its field, in Dutch and in English; nothing is saved', async () => {
      const typed = { participantsDays: '22', organiserMonths: 'twee', cancelledDays: '0' };
      const refused = await adminPost(t, manager, privacyUrl(), typed);
      assert.equal(refused.statusCode, 422);
      assertSecurityHeaders(refused.headers, 'refused retention form');
      const root = parseHtml(refused.body);
      assert.deepEqual(formFields(root.querySelector(`form[action="${privacyUrl()}"]`)!), { _csrf: manager.csrf, ...typed });
      assert.equal(
        text(refused.body, '[data-testid="error-participantsDays"]'),
        'Langer dan 21 staat het platform niet toe. Vul 21 of minder in, of laat het veld leeg voor de standaard.',
      );
      assert.equal(text(refused.body, '[data-testid="error-organiserMonths"]'), 'Vul een heel getal in.');
      assert.equal(text(refused.body, '[data-testid="error-cancelledDays"]'), 'Minstens 1.');
      assert.deepEqual(
        root.querySelectorAll('[data-testid="form-errors"] a').map((a) => a.getAttribute('href')),
        ['#participantsDays', '#organiserMonths', '#cancelledDays'],
      );

      const english = await postInEnglish(manager, { participantsDays: '', organiserMonths: '19', cancelledDays: '' });
      assert.equal(english.statusCode, 422);
      assert.equal(
        text(english.body, '[data-testid="error-organiserMonths"]'),
        'The platform allows no more than 18. Enter 18 or less, or leave the field empty for the default.',
      );
      assert.equal(parseHtml(english.body).querySelector('#organiserMonths')?.getAttribute('value'), '19');

      // A whole number below zero, or of very many digits, is too small or too large, not "no whole number".
      const outside = { participantsDays: '-1', organiserMonths: '99999999999999999999', cancelledDays: '' };
      const dutch = await adminPost(t, manager, privacyUrl(), outside);
      assert.equal(dutch.statusCode, 422);
      assert.equal(text(dutch.body, '[data-testid="error-participantsDays"]'), 'Minstens 1.');
      assert.match(text(dutch.body, '[data-testid="error-organiserMonths"]'), /^Langer dan 18 staat het platform niet toe\./);
      const inEnglish = await postInEnglish(manager, outside);
      assert.equal(inEnglish.statusCode, 422);
      assert.equal(text(inEnglish.body, '[data-testid="error-participantsDays"]'), 'At least 1.');
      assert.match(text(inEnglish.body, '[data-testid="error-organiserMonths"]'), /^The platform allows no more than 18\./);
      assert.deepEqual(formFields(parseHtml(inEnglish.body).querySelector(`form[action="${privacyUrl()}"]`)!), {
        _csrf: manager.csrf,
        ...outside,
      });
      assert.equal(await stored(home.venue.id), undefined);
      assert.equal((await logEntries()).length, 0);
    });

    test("another venue's manager finds nothing (404); staff and viewers see the periods but cannot save (403); posts need the form token", async () => {
      const fields = { participantsDays: '3', organiserMonths: '', cancelledDays: '' };
      assert.equal((await adminGet(t, otherManager, privacyUrl())).statusCode, 404);
      assert.equal((await adminPost(t, otherManager, privacyUrl(), fields)).statusCode, 404);
      assert.equal((await adminGet(t, manager, privacyUrl(away.venue.id))).statusCode, 404);
      assert.equal((await adminPost(t, manager, privacyUrl(away.venue.id), fields)).statusCode, 404);
      assert.equal((await adminGet(t, manager, '/admin/venues/no-such-venue!/privacy')).statusCode, 404);
      for (const who of [staff, viewer]) {
        const page = await adminGet(t, who, privacyUrl());
        assert.equal(page.statusCode, 200);
        const root = parseHtml(page.body);
        assert.equal(root.querySelector('[data-testid="retention-form"]'), null, 'no form for those who cannot save');
        assert.match(text(page.body, '[data-testid="retention-participantsDays"]'), /Nu van kracht: 21 dagen/);
        assert.equal((await adminPost(t, who, privacyUrl(), fields)).statusCode, 403);
      }
      assert.equal((await postForm(t, privacyUrl(), fields, manager.cookie)).statusCode, 403, 'no form token');
      assert.equal(
        (await postForm(t, privacyUrl(), { _csrf: otherManager.csrf, ...fields }, manager.cookie)).statusCode,
        403,
        "another session's token",
      );
      const anonymous = await t.app.inject({ method: 'GET', url: privacyUrl() });
      assert.equal(anonymous.statusCode, 303);
      assert.equal(await stored(home.venue.id), undefined);
      assert.equal(await stored(away.venue.id), undefined);
      assert.equal((await logEntries()).length, 0);
    });

    test('saved: logged, "saved" shown with what applies now; a viewer sees it; an admin sees the runs with their counts', async () => {
      const saved = await adminPost(t, manager, privacyUrl(), { participantsDays: ' 7', organiserMonths: '', cancelledDays: '10' });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      assert.equal(saved.headers.location, `${privacyUrl()}?saved=1`);
      const page = await adminGet(t, manager, saved.headers.location!);
      assert.equal(text(page.body, '[data-testid="retention-saved"]'), 'De bewaartermijnen zijn opgeslagen.');
      const { _csrf, ...shown } = formFields(parseHtml(page.body).querySelector('[data-testid="retention-form"]')!);
      assert.equal(_csrf, manager.csrf);
      assert.deepEqual(shown, { participantsDays: '7', organiserMonths: '', cancelledDays: '10' });
      assert.match(text(page.body, '#participantsDays-hint'), /Nu van kracht: 7 dagen \(eigen keuze\)\.$/);
      assert.match(text(page.body, '#organiserMonths-hint'), /Nu van kracht: 18 maanden \(standaard van het platform\)\.$/);
      const [entry, ...more] = await logEntries();
      assert.equal(more.length, 0);
      assert.equal(entry?.venue_id, home.venue.id);
      assert.deepEqual(JSON.parse(String(entry?.detail)), {
        changed: 'participantsDays,cancelledDays',
        participantsDays: 7,
        cancelledDays: 10,
      });

      // An admin saves too (any venue); the viewer sees the choice.
      assert.equal(
        (await adminPost(t, admin, privacyUrl(away.venue.id), { participantsDays: '', organiserMonths: '12', cancelledDays: '' }))
          .statusCode,
        303,
      );
      assert.equal((await stored(away.venue.id))?.organiser_months, 12);
      assert.match(
        text((await adminGet(t, viewer, privacyUrl())).body, '[data-testid="retention-participantsDays"]'),
        /7 dagen \(eigen keuze\)/,
      );

      // The job's runs, newest first: when, and counts per kind.
      await applyRetention(t.database.db, t.clock, { limits: LIMITS });
      const counts = { participants: 3, organisers: 2, cancelled: 1, erasures: 0, vouchers: 4, mails: 12, mailFiles: 11, activityLog: 7 };
      await t.database.db
        .insertInto('retention_runs')
        .values({
          id: 'older-run',
          started_at: '2026-12-01T10:00:00.000Z',
          finished_at: '2026-12-01T10:00:02.000Z',
          counts: JSON.stringify(counts),
        })
        .execute();
      const english = await t.app.inject({
        url: privacyUrl(),
        headers: { cookie: `${SESSION_COOKIE}=${admin.cookie}`, 'accept-language': 'en' },
      });
      const rows = parseHtml(english.body).querySelectorAll('[data-testid="retention-runs"] tbody tr');
      assert.equal(rows.length, 2);
      const cells = (row: number) =>
        rows[row]!.querySelectorAll('td').map((cell) => `${cell.getAttribute('data-kind')}=${cell.textContent.trim()}`);
      assert.deepEqual(cells(0), [
        'participants=0',
        'organisers=0',
        'cancelled=0',
        'erasures=0',
        'vouchers=0',
        'mails=0',
        'mailFiles=0',
        'activityLog=0',
        'postponed=0',
        'failed=0',
      ]);
      assert.deepEqual(cells(1), [
        'participants=3',
        'organisers=2',
        'cancelled=1',
        'erasures=0',
        'vouchers=4',
        'mails=12',
        'mailFiles=11',
        'activityLog=7',
        'postponed=0',
        'failed=0',
      ]);
      assert.match(rows[1]!.querySelector('th')?.textContent ?? '', /^Tue 1 Dec 2026, 11:00$/);
      assert.match(text(english.body, '#participantsDays-hint'), /Applies now: 7 days \(this venue's choice\)\.$/);
    });
  });
}
