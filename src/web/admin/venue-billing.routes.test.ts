import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';
import { SESSION_COOKIE } from './session-cookie.js';

/** The details as a manager types them: spaces, lower case, as on a letterhead. */
const TYPED = {
  legalName: 'Kanoverhuur De Vecht B.V.',
  street: 'Vechtoever 12',
  postcode: '3555 xa',
  city: 'Utrecht',
  kvkNumber: '3012 3457',
  vatId: 'nl8590.72.150.b01',
  iban: 'nl20 ingb 0001 2345 67',
  bic: '',
  invoicePrefix: 'kv-utr',
  termDays: '30',
};

/** The same details refused at five fields. */
const BROKEN = {
  ...TYPED,
  postcode: '355 XA',
  kvkNumber: '3012345',
  vatId: 'NL859072151B01',
  iban: 'NL20INGB0001234568',
  invoicePrefix: 'KV-',
};

for (const dialect of testDialects()) {
  describe(`a venue's billing details in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let staff: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      t = await buildTestApp(dialect, '2026-12-08T09:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, staff, viewer, otherManager, admin } = await signInMembers(t, { home, away }));
    });
    after(() => t.close());

    const billingUrl = (venueId = home.venue.id) => `/admin/venues/${venueId}/billing`;
    const venueRow = (id: string) => t.database.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const logEntries = () => t.database.db.selectFrom('activity_log').selectAll().where('action', '=', 'venue.billing_changed').execute();
    const text = (body: string, testId: string) => parseHtml(body).querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';
    const postInEnglish = (who: SignedIn, fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: billingUrl(),
        headers: {
          origin: t.publicUrl,
          'content-type': 'application/x-www-form-urlencoded',
          'accept-language': 'en',
          cookie: `${SESSION_COOKIE}=${who.cookie}`,
        },
        payload: urlencoded({ _csrf: who.csrf, ...fields }),
      });

    test('without details, the venue page and the start page say what is missing, with a link to the form', async () => {
      const venuePage = await adminGet(t, manager, `/admin/venues/${home.venue.id}`);
      assert.equal(venuePage.statusCode, 200);
      const missing = parseHtml(venuePage.body).querySelector('[data-testid="billing-missing"]');
      assert.equal(
        missing?.textContent.replace(/\s+/g, ' ').trim(),
        'Deze locatie kan nog geen facturen uitgeven. Nog niet ingevuld: Juridische naam, Straat en huisnummer, Postcode, Plaats, ' +
          'KvK-nummer, Btw-identificatienummer, IBAN, Voorvoegsel van de factuurnummers. Factuurgegevens invullen',
      );
      assert.ok(missing?.querySelector(`a[href="${billingUrl()}"]`));

      const start = parseHtml((await adminGet(t, manager, '/admin')).body);
      const notices = start.querySelectorAll('[data-testid="billing-missing"]');
      assert.equal(notices.length, 1, 'a manager hears of their own venue only');
      assert.match(
        notices[0]!.textContent,
        new RegExp(`^${home.venue.name} kan nog geen facturen uitgeven\\. Nog niet ingevuld: Juridische naam,`),
      );
      assert.ok(notices[0]!.querySelector(`a[href="${billingUrl()}"]`));
      // Staff of the venue see it too, with a link to look.
      const staffStart = parseHtml((await adminGet(t, staff, '/admin')).body).querySelector('[data-testid="billing-missing"]');
      assert.match(staffStart?.querySelector(`a[href="${billingUrl()}"]`)?.textContent ?? '', /bekijken/);
      // An admin hears of every venue.
      const adminStart = parseHtml((await adminGet(t, admin, '/admin')).body);
      assert.deepEqual(
        adminStart
          .querySelectorAll('[data-testid="billing-missing"]')
          .map((n) => n.getAttribute('data-venue'))
          .sort(),
        [home.venue.id, away.venue.id].sort(),
      );
    });

    test('the form: every field, the prefix rule explained, the form token; security headers and no-store', async () => {
      const response = await adminGet(t, manager, billingUrl());
      assert.equal(response.statusCode, 200);
      assertSecurityHeaders(response.headers, 'billing page');
      assert.match(String(response.headers['cache-control']), /no-store/);
      const root = parseHtml(response.body);
      const form = root.querySelector(`form[action="${billingUrl()}"]`);
      assert.ok(form);
      assert.deepEqual(Object.keys(formFields(form)), [
        '_csrf',
        'legalName',
        'street',
        'postcode',
        'city',
        'kvkNumber',
        'vatId',
        'iban',
        'bic',
        'termDays',
        'invoicePrefix',
      ]);
      assert.equal(formFields(form).termDays, '14');
      assert.match(
        root.querySelector('#invoicePrefix-hint')?.textContent ?? '',
        /GZ-AMS-2026-000123.*al uitgegeven facturen houden hun nummer/,
      );
    });

    test('a refused form comes back as typed with every error at its field, in Dutch and in English; nothing is saved', async () => {
      const refused = await adminPost(t, manager, billingUrl(), BROKEN);
      assert.equal(refused.statusCode, 422);
      assertSecurityHeaders(refused.headers, 'refused billing form');
      const root = parseHtml(refused.body);
      assert.deepEqual(formFields(root.querySelector(`form[action="${billingUrl()}"]`)!), { _csrf: manager.csrf, ...BROKEN });
      assert.equal(text(refused.body, 'error-postcode'), 'Vul een postcode in, zoals 1012 AB.');
      assert.match(text(refused.body, 'error-kvkNumber'), /^Vul het KvK-nummer in: 8 cijfers/);
      assert.match(text(refused.body, 'error-vatId'), /^Dit btw-identificatienummer klopt niet/);
      assert.match(text(refused.body, 'error-iban'), /^Dit IBAN klopt niet/);
      assert.match(text(refused.body, 'error-invoicePrefix'), /^Gebruik 2 tot 12 hoofdletters/);
      assert.equal(text(refused.body, 'error-legalName'), '');
      assert.deepEqual(
        root.querySelectorAll('[data-testid="form-errors"] a').map((a) => a.getAttribute('href')),
        ['#postcode', '#kvkNumber', '#vatId', '#iban', '#invoicePrefix'],
      );

      const english = await postInEnglish(manager, { ...BROKEN, vatId: 'DE123456789', termDays: '120' });
      assert.equal(english.statusCode, 422);
      assert.match(text(english.body, 'error-vatId'), /^Enter a Dutch VAT identification number: NL, 9 digits, B and 2 digits/);
      assert.match(text(english.body, 'error-kvkNumber'), /^Enter the KvK \(Chamber of Commerce\) number: 8 digits/);
      assert.match(text(english.body, 'error-iban'), /^This IBAN is not valid/);
      assert.equal(text(english.body, 'error-termDays'), 'At most 90.');
      assert.equal(parseHtml(english.body).querySelector('#vatId')?.getAttribute('value'), 'DE123456789');
      const dutch = await adminPost(t, manager, billingUrl(), { ...TYPED, termDays: '120' });
      assert.equal(dutch.statusCode, 422);
      assert.equal(text(dutch.body, 'error-termDays'), 'Hoogstens 90.');
      assert.equal(parseHtml(dutch.body).querySelector('#termDays')?.getAttribute('value'), '120');

      assert.equal((await venueRow(home.venue.id)).iban, null);
      assert.equal((await logEntries()).length, 0);
    });

    test("another venue's invoice prefix is refused at its field with the form as typed, in Dutch and in English", async () => {
      await t.database.db.updateTable('venues').set({ invoice_prefix: 'KV-UTR' }).where('id', '=', away.venue.id).execute();
      try {
        const refused = await adminPost(t, manager, billingUrl(), TYPED);
        assert.equal(refused.statusCode, 422);
        assert.deepEqual(formFields(parseHtml(refused.body).querySelector(`form[action="${billingUrl()}"]`)!), {
          _csrf: manager.csrf,
          ...TYPED,
        });
        assert.match(text(refused.body, 'error-invoicePrefix'), /^Dit voorvoegsel gebruikt of gebruikte een andere locatie al/);
        const english = await postInEnglish(manager, TYPED);
        assert.equal(english.statusCode, 422);
        assert.match(text(english.body, 'error-invoicePrefix'), /^Another venue uses or has used this prefix/);
        assert.equal((await venueRow(home.venue.id)).iban, null);
        assert.equal((await logEntries()).length, 0);
      } finally {
        await t.database.db.updateTable('venues').set({ invoice_prefix: null }).where('id', '=', away.venue.id).execute();
      }
    });

    test("another venue's manager finds nothing (404); staff and viewers see the details but cannot save (403)", async () => {
      const notFound = await adminGet(t, otherManager, billingUrl());
      assert.equal(notFound.statusCode, 404);
      // The back office's 404: its footer names the session cookie, its way home is the back office.
      assert.match(notFound.body, /href="\/admin"/);
      assert.match(notFound.body, /één cookie voor uw sessie/);
      assert.doesNotMatch(notFound.body, /Het enige cookie is uw taalkeuze/);
      assert.equal((await adminPost(t, otherManager, billingUrl(), TYPED)).statusCode, 404);
      assert.equal((await adminGet(t, manager, billingUrl(away.venue.id))).statusCode, 404);
      assert.equal((await adminPost(t, manager, billingUrl(away.venue.id), TYPED)).statusCode, 404);
      assert.equal((await adminGet(t, manager, '/admin/venues/no-such-venue!/billing')).statusCode, 404);
      for (const who of [staff, viewer]) {
        const page = await adminGet(t, who, billingUrl());
        assert.equal(page.statusCode, 200);
        const root = parseHtml(page.body);
        assert.equal(root.querySelector('[data-testid="billing-form"]'), null, 'no form for those who cannot save');
        assert.ok(root.querySelector('[data-testid="billing-summary"]'));
        assert.equal((await adminPost(t, who, billingUrl(), TYPED)).statusCode, 403);
      }
      assert.equal((await venueRow(home.venue.id)).iban, null);
      assert.equal((await venueRow(away.venue.id)).iban, null);
      assert.equal((await logEntries()).length, 0);
    });

    test('saved: normalised, logged, "saved" shown; the venue can then issue invoices and the notices go', async () => {
      const saved = await adminPost(t, manager, billingUrl(), TYPED);
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
      assert.equal(saved.headers.location, `${billingUrl()}?saved=1`);
      const page = await adminGet(t, manager, saved.headers.location!);
      assert.equal(text(page.body, 'billing-saved'), 'De factuurgegevens zijn opgeslagen.');
      assert.equal(parseHtml(page.body).querySelector('[data-testid="billing-missing"]'), null);
      const { _csrf, ...shown } = formFields(parseHtml(page.body).querySelector('[data-testid="billing-form"]')!);
      assert.equal(_csrf, manager.csrf);
      assert.deepEqual(shown, {
        legalName: 'Kanoverhuur De Vecht B.V.',
        street: 'Vechtoever 12',
        postcode: '3555 XA',
        city: 'Utrecht',
        kvkNumber: '30123457',
        vatId: 'NL859072150B01',
        iban: 'NL20INGB0001234567',
        bic: '',
        termDays: '30',
        invoicePrefix: 'KV-UTR',
      });
      const [entry] = await logEntries();
      assert.equal(entry?.venue_id, home.venue.id);

      const venuePage = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}`)).body);
      assert.equal(venuePage.querySelector('[data-testid="billing-missing"]'), null);
      assert.match(venuePage.querySelector('[data-testid="billing-complete"]')?.textContent ?? '', /kan facturen uitgeven/);
      assert.ok(venuePage.querySelector(`[data-testid="billing-complete"] a[href="${billingUrl()}"]`));
      assert.equal(parseHtml((await adminGet(t, manager, '/admin')).body).querySelector('[data-testid="billing-missing"]'), null);
      // A viewer sees the stored details.
      const summary = parseHtml((await adminGet(t, viewer, billingUrl())).body).querySelector('[data-testid="billing-summary"]');
      assert.match(summary?.textContent ?? '', /NL859072150B01/);
    });
  });
}
