import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import type { BackupSettings } from '../../core/backups/backup.js';
import type { Activity } from '../../core/catalog/activity.js';
import { createVenue } from '../../core/catalog/catalog.service.js';
import { saveVenueRetentionChoice } from '../../core/privacy/retention.repository.js';
import type { RetentionLimits } from '../../core/privacy/retention.js';

/** Periods unlike every default (30 days, 24 months, 30 days, 30 days, 12 months), so a default shown would be a lie. */
const LIMITS: RetentionLimits = { participantsDays: 17, organiserMonths: 9, cancelledDays: 11, mailDays: 13, activityLogMonths: 5 };

/** The longest a snapshot lives under this policy: 3 months (beyond 6 weeks, 20 days, 14 days). */
const BACKUP: BackupSettings = {
  repositories: { local: '/var/backups/groupz', remote: 'sftp:groupz@backup.example.nl:/srv/groupz' },
  passwordFile: '/etc/groupz/backup-password',
  sshKeyFile: undefined,
  sshKnownHostsFile: undefined,
  time: '03:00',
  retention: { keepDays: 14, daily: 20, weekly: 6, monthly: 3 },
  checkSubsets: 7,
  workDir: '/tmp/groupz-backup',
};

const textOf = (body: string, selector: string) => {
  const element = parseHtml(body).querySelector(selector);
  assert.ok(element, `${selector} is on the page`);
  return element.textContent.replace(/\s+/g, ' ');
};

/** Whether a number stands alone in a text (17 is not in 170, nor 1 in 17). */
const hasNumber = (text: string, n: number) => new RegExp(`(^|\\D)${n}(\\D|$)`).test(text);

for (const dialect of testDialects()) {
  describe(`the privacy statement is written from the live settings (${dialect.name})`, () => {
    let t: TestApp;
    let plain: TestApp;
    let activity: Activity;
    const get = (app: TestApp, url: string, lang: string) => app.app.inject({ url, headers: { 'accept-language': lang } });

    before(async () => {
      t = await buildTestApp(
        dialect,
        '2026-06-01T08:00:00Z',
        { idleTimeoutSeconds: 2700, absoluteTimeoutSeconds: 8 * 3600 },
        {
          retention: LIMITS,
          backup: BACKUP,
        },
      );
      plain = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      activity = await makeActivity(db, t.clock);
      const shorter = await createVenue(db, t.clock, { slug: 'klimhal-hoog', name: 'Klimhal Hoog', city: 'Zeist' });
      await createVenue(db, t.clock, { slug: 'boerderij-gelijk', name: 'Boerderij Gelijk', city: 'Ede' });
      await db
        .transaction()
        .execute((trx) =>
          saveVenueRetentionChoice(
            trx,
            shorter.id,
            { participantsDays: 4, organiserMonths: null, cancelledDays: 3 },
            t.clock.now().toISOString(),
          ),
        );
      // A venue choosing longer than the platform allows gets the platform's period: it does not differ.
      await db
        .transaction()
        .execute((trx) =>
          saveVenueRetentionChoice(
            trx,
            activity.venue.id,
            { participantsDays: 90, organiserMonths: null, cancelledDays: null },
            t.clock.now().toISOString(),
          ),
        );
    });
    after(async () => {
      await t.close();
      await plain.close();
    });

    test('each row says the configured periods in Dutch, and no default period', async () => {
      const res = await get(t, '/privacy', 'nl');
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-language'] ?? 'nl', /nl/);
      const row = (id: string) => textOf(res.body, `[data-testid="privacy-period-${id}"]`);
      assert.match(row('participants'), /17 dagen na het bezoek/);
      assert.match(row('participants'), /11 dagen na annulering/);
      assert.match(row('organiser'), /9 maanden na het bezoek/);
      assert.match(row('organiser'), /11 dagen na annulering/);
      assert.match(row('billing'), /9 maanden na het bezoek/);
      assert.match(row('billing'), /7 jaar na het jaar van de factuur/);
      assert.match(row('vouchers'), /9 maanden na het einde van de geldigheid/);
      assert.match(row('vouchers'), /11 dagen na een nooit betaalde aankoop/);
      assert.match(row('mails'), /13 dagen na verzending/);
      assert.match(row('activity_log'), /5 maanden na de gebeurtenis/);
      assert.match(row('sessions'), /45 minuten zonder activiteit/);
      assert.match(row('sessions'), /8 uur na het inloggen/);
      assert.match(row('throttles'), /24 uur na de laatste poging/);
      for (const id of ['participants', 'organiser', 'billing', 'vouchers', 'mails']) {
        assert.ok(!hasNumber(row(id), 30), `${id}: no default 30 days`);
        assert.ok(!hasNumber(row(id), 24), `${id}: no default 24 months`);
      }
      assert.ok(!hasNumber(row('activity_log'), 12), 'activity log: no default 12 months');
      assert.match(textOf(res.body, '[data-testid="privacy-cookie-__Host-groupz_session"]'), /45 minuten zonder activiteit/);
      assert.match(textOf(res.body, '[data-testid="privacy-backups"]'), /ten hoogste 3 maanden/);
    });

    test('the same periods in English', async () => {
      const res = await get(t, '/privacy', 'en');
      const row = (id: string) => textOf(res.body, `[data-testid="privacy-period-${id}"]`);
      assert.match(row('participants'), /17 days after the visit/);
      assert.match(row('organiser'), /9 months after the visit/);
      assert.match(row('organiser'), /11 days after the booking was cancelled/);
      assert.match(row('mails'), /13 days after sending/);
      assert.match(row('activity_log'), /5 months after the event/);
      assert.match(row('sessions'), /45 minutes without activity/);
      for (const id of ['participants', 'organiser', 'billing', 'vouchers', 'mails']) {
        assert.ok(!hasNumber(row(id), 30) && !hasNumber(row(id), 24), `${id}: no default period`);
      }
      assert.match(textOf(res.body, '[data-testid="privacy-backups"]'), /at most 3 months/);
      assert.match(textOf(res.body, 'h1'), /Privacy statement/);
    });

    test('the venues table lists the venue with its own shorter periods, and only it', async () => {
      for (const [lang, days, months] of [
        ['nl', 'dagen', 'maanden'],
        ['en', 'days', 'months'],
      ] as const) {
        const res = await get(t, '/privacy', lang);
        const venue = textOf(res.body, '[data-testid="privacy-venue-klimhal-hoog"]');
        assert.match(venue, /Klimhal Hoog/);
        assert.match(venue, new RegExp(`4 ${days}`));
        assert.match(venue, new RegExp(`9 ${months}`));
        assert.match(venue, new RegExp(`3 ${days}`));
        assert.ok(!hasNumber(venue, 17) && !hasNumber(venue, 11), `${lang}: the venue's own periods, not the platform's`);
        assert.match(textOf(res.body, '[data-testid="privacy-venue-platform"]'), new RegExp(`17 ${days}.*9 ${months}.*11 ${days}`));
        const table = parseHtml(res.body).querySelector('[data-testid="privacy-venues"]')!;
        assert.equal(table.querySelectorAll('tbody tr').length, 1, 'one venue differs');
        assert.ok(!table.textContent.includes('Boerderij Gelijk'));
        assert.ok(!table.textContent.includes(activity.venue.name) || activity.venue.name === 'Klimhal Hoog');
      }
    });

    test('with the defaults and no backups, the statement says the defaults and that there are no backups', async () => {
      const res = await get(plain, '/privacy', 'en');
      const row = (id: string) => textOf(res.body, `[data-testid="privacy-period-${id}"]`);
      assert.match(row('participants'), /30 days after the visit/);
      assert.match(row('organiser'), /24 months after the visit/);
      assert.match(row('activity_log'), /12 months after the event/);
      assert.match(row('sessions'), /1 hour without activity/);
      assert.match(textOf(res.body, '[data-testid="privacy-backups"]'), /No backups are configured/);
      assert.ok(parseHtml(res.body).querySelector('[data-testid="privacy-venues-none"]'));
      assert.equal(parseHtml(res.body).querySelector('[data-testid="privacy-mollie"]'), null, 'no Mollie without payments');
    });

    test('the statement sets no cookie, carries the security headers, needs no script', async () => {
      for (const headers of [{}, { cookie: 'lang=en' }, { 'accept-language': 'en' }]) {
        const res = await t.app.inject({ url: '/privacy', headers });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['set-cookie'], undefined);
        assertSecurityHeaders(res.headers, '/privacy');
        assert.equal(parseHtml(res.body).querySelectorAll('script').length, 0);
      }
    });

    test('every public page links the statement from its footer; the booking form next to its terms', async () => {
      const slot = await makeSlot(t.database.db, t.clock, activity, { capacity: 50 });
      const api = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(slot.id) });
      assert.equal(api.statusCode, 201);
      const manageUrl = new URL(api.json<{ manageUrl: string }>().manageUrl).pathname;
      for (const url of ['/', `/activities/${activity.slug}`, `/book/${slot.id}`, manageUrl, '/privacy', '/no-such-page']) {
        for (const lang of ['nl', 'en']) {
          const res = await get(t, url, lang);
          const link = parseHtml(res.body).querySelector('footer a[href="/privacy"]');
          assert.ok(link, `${url} (${lang}): footer link`);
          assert.equal(link.textContent.trim(), lang === 'nl' ? 'Privacyverklaring' : 'Privacy statement');
        }
      }
      const form = parseHtml((await get(t, `/book/${slot.id}`, 'nl')).body);
      assert.ok(form.querySelector('form [data-testid="booking-privacy"] a[href="/privacy"]'), 'the booking form links it');
    });
  });
}
