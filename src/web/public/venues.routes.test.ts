import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { createVenue } from '../../core/catalog/catalog.service.js';
import { publishTermsIn } from '../../core/venues/venue-terms.service.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const dialect of testDialects()) {
  describe(`a venue's booking terms and contact details on the public pages (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;
    let slot: Slot;
    /** At a venue that published no terms and gave no contact details. */
    let bare: Activity;
    let bareSlot: Slot;

    const publish = (nl: string, en: string) =>
      t.database.db.transaction().execute((trx) => publishTermsIn(trx, t.clock, activity.venue, { nl, en }, null));
    const get = (url: string, lang = 'nl') => t.app.inject({ url, headers: { 'accept-language': lang } });

    /** Books through the form and its review step as an organiser does; returns the review page and the manage page's address. */
    async function bookThroughForm(s: Slot) {
      const formPage = parseHtml((await get(`/book/${s.id}`)).body);
      const form = formPage.querySelector('form[action^="/book/"]')!;
      const fields = { ...formFields(form), name: 'Anna de Vries', email: 'anna@example.nl', phone: '030 1234567', acceptTerms: 'yes' };
      const review = await t.app.inject({ method: 'POST', url: `/book/${s.id}`, headers: FORM, payload: urlencoded(fields) });
      assert.equal(review.statusCode, 200);
      const reviewPage = parseHtml(review.body);
      const confirm = reviewPage.querySelector('form.actions')!;
      const placed = await t.app.inject({
        method: 'POST',
        url: `/book/${s.id}`,
        headers: FORM,
        payload: urlencoded({ ...formFields(confirm), action: 'confirm' }),
      });
      assert.equal(placed.statusCode, 303);
      return { formPage, reviewPage, manageUrl: String(placed.headers.location) };
    }

    /** The terms versions the slot's bookings recorded. */
    const termsVersionsOf = async (s: Slot) =>
      (await t.database.db.selectFrom('bookings').select('terms_version').where('slot_id', '=', s.id).execute()).map(
        (r) => r.terms_version,
      );

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      const venue = await createVenue(db, t.clock, {
        slug: 'kanoverhuur-de-vecht',
        name: 'Kanoverhuur De Vecht',
        city: 'Utrecht',
        contactEmail: 'groepen@kano-vecht.example.nl',
        contactPhone: '030 555 0404',
        address: { street: 'Vechtoever 12', postcode: '3555 XA', city: 'Utrecht' },
        website: 'https://kano-vecht.example.nl',
        description: { nl: 'Kano’s aan de Vecht.', en: 'Canoes on the Vecht.' },
        route: { nl: 'Bus 28 tot de Vechtbrug.', en: 'Bus 28 to the Vecht bridge.' },
      });
      activity = await makeActivity(db, t.clock, { venueId: venue.id, minGroupSize: 4 });
      slot = await makeSlot(db, t.clock, activity, { date: '2026-06-20', capacity: 100 });
      bare = await makeActivity(db, t.clock, { minGroupSize: 4 });
      bareSlot = await makeSlot(db, t.clock, bare, { date: '2026-06-20', capacity: 100 });
      await publish('Versie een: annuleren kan tot 48 uur vooraf.', 'Version one: cancel up to 48 hours ahead.');
      t.clock.advance(3_600_000);
      await publish('Versie twee.\n\nTweede alinea.', 'Version two.\n\nSecond paragraph.');
    });
    after(() => t.close());

    test('the terms page shows the current version and each version at its own address, in nl and en, without cookies', async () => {
      const current = await get('/venues/kanoverhuur-de-vecht/terms');
      assert.equal(current.statusCode, 200);
      assert.equal(current.headers['set-cookie'], undefined);
      const page = parseHtml(current.body);
      assert.equal(page.querySelector('h1')?.textContent, 'Boekingsvoorwaarden van Kanoverhuur De Vecht');
      assert.match(page.querySelector('[data-testid="terms-version"]')?.textContent ?? '', /^Versie 2, gepubliceerd op /);
      assert.deepEqual(
        page.querySelectorAll('[data-testid="terms-text"] p').map((p) => p.textContent),
        ['Versie twee.', 'Tweede alinea.'],
      );

      const first = parseHtml((await get('/venues/kanoverhuur-de-vecht/terms/1', 'en')).body);
      assert.equal(first.querySelector('[data-testid="terms-text"]')?.textContent, 'Version one: cancel up to 48 hours ahead.');
      assert.ok(first.querySelector('a[href="/venues/kanoverhuur-de-vecht/terms"]'), 'an earlier version links to the current one');
      const second = parseHtml((await get('/venues/kanoverhuur-de-vecht/terms/2')).body);
      assert.equal(second.querySelector('a[href="/venues/kanoverhuur-de-vecht/terms"]'), null);

      for (const url of [
        '/venues/kanoverhuur-de-vecht/terms/3',
        '/venues/kanoverhuur-de-vecht/terms/0',
        '/venues/kanoverhuur-de-vecht/terms/1x',
        '/venues/nergens/terms',
      ]) {
        assert.equal((await get(url)).statusCode, 404, url);
      }
      const none = await get(`/venues/${bare.venue.slug}/terms`, 'en');
      assert.equal(none.statusCode, 200);
      assert.equal(
        parseHtml(none.body).querySelector('[data-testid="no-terms"]')?.textContent,
        'Testlocatie has published no separate booking terms.',
      );
    });

    test('the activity page shows the address with a plain route planner link, the contact details and the venue’s texts', async () => {
      const page = parseHtml((await get(`/activities/${activity.slug}`)).body);
      const contact = page.querySelector('[data-testid="venue-contact"]')!;
      assert.match(contact.querySelector('[data-testid="venue-address"]')?.textContent ?? '', /^Vechtoever 12, 3555 XA Utrecht/);
      const hrefs = contact.querySelectorAll('a').map((a) => a.getAttribute('href'));
      assert.deepEqual(hrefs, [
        'https://www.openstreetmap.org/directions?to=Vechtoever%2012%2C%203555%20XA%20Utrecht',
        'tel:0305550404',
        'mailto:groepen@kano-vecht.example.nl',
        'https://kano-vecht.example.nl',
      ]);
      const about = page.querySelector('[data-testid="venue-about"]')?.textContent ?? '';
      assert.match(about, /Kano’s aan de Vecht\./);
      assert.match(about, /Bus 28 tot de Vechtbrug\./);
      assert.equal(parseHtml((await get(`/activities/${bare.slug}`)).body).querySelector('[data-testid="venue-contact"]'), null);
    });

    test('the form and the review step show the current terms inline with a link; the booking records that version', async () => {
      const { formPage, reviewPage, manageUrl } = await bookThroughForm(slot);
      for (const page of [formPage, reviewPage]) {
        const terms = page.querySelector('[data-testid="booking-terms"]')!;
        assert.equal(terms.getAttribute('data-version'), '2');
        assert.match(terms.querySelector('details summary')?.textContent ?? '', /versie 2/);
        assert.match(terms.querySelector('details')?.textContent ?? '', /Tweede alinea\./);
        assert.equal(terms.querySelector('a')?.getAttribute('href'), '/venues/kanoverhuur-de-vecht/terms/2');
      }
      const form = formPage.querySelector('form[action^="/book/"]')!;
      assert.ok(form.querySelector('[data-testid="booking-terms"] + .field #acceptTerms'), 'the terms come right above the checkbox');
      assert.equal(form.querySelector('label[for="acceptTerms"]')?.textContent, 'Ik ga akkoord met de boekingsvoorwaarden van de locatie.');
      assert.deepEqual(await termsVersionsOf(slot), [2]);

      const manage = parseHtml((await get(manageUrl)).body);
      const accepted = manage.querySelector('[data-testid="accepted-terms"]')!;
      assert.match(accepted.textContent, /versie 2 van de boekingsvoorwaarden van Kanoverhuur De Vecht/);
      assert.equal(accepted.querySelector('a')?.getAttribute('href'), '/venues/kanoverhuur-de-vecht/terms/2');
      assert.ok(manage.querySelector('[data-testid="venue-contact"] a[href="mailto:groepen@kano-vecht.example.nl"]'));

      // A new version applies to new bookings only.
      t.clock.advance(60_000);
      await publish('Versie drie.', 'Version three.');
      assert.match(parseHtml((await get(manageUrl)).body).querySelector('[data-testid="accepted-terms"]')?.textContent ?? '', /versie 2/);
    });

    test('the API answers which version a booking accepted; the activity names the terms page', async () => {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(slot.id) });
      assert.equal(created.statusCode, 201, created.body);
      assert.deepEqual((await termsVersionsOf(slot)).sort(), [2, 3], 'the form booking accepted 2, this one the current 3');
      assert.deepEqual(created.json().terms, { version: 3, url: `${TEST_PUBLIC_URL}/venues/kanoverhuur-de-vecht/terms/3` });

      const listed = (await t.app.inject({ url: '/api/v1/activities' })).json().activities as { id: string; venue: { termsUrl: string } }[];
      assert.equal(listed.find((a) => a.id === activity.id)?.venue.termsUrl, `${TEST_PUBLIC_URL}/venues/kanoverhuur-de-vecht/terms`);

      const without = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(bareSlot.id) });
      assert.equal(without.statusCode, 201, without.body);
      assert.equal(without.json().terms, null);
    });

    test('a venue without terms: the form says so, booking works, the booking and its manage page record none', async () => {
      const { formPage, reviewPage, manageUrl } = await bookThroughForm(bareSlot);
      for (const page of [formPage, reviewPage]) {
        assert.equal(page.querySelector('[data-testid="booking-terms"]'), null);
        assert.match(
          page.querySelector('[data-testid="no-terms"]')?.textContent ?? '',
          /^Testlocatie heeft geen aparte boekingsvoorwaarden/,
        );
      }
      assert.equal(formPage.querySelector('label[for="acceptTerms"]')?.textContent, 'Ik ga akkoord met de voorwaarden van deze boeking.');
      assert.deepEqual(await termsVersionsOf(bareSlot), [null, null], 'the API booking and this one');
      const manage = parseHtml((await get(manageUrl)).body);
      assert.match(manage.querySelector('[data-testid="accepted-terms"]')?.textContent ?? '', /had geen aparte boekingsvoorwaarden/);
    });

    test('terms published while the organiser books: confirming shows the new version again and books only once it is confirmed', async () => {
      const bareForm = parseHtml((await get(`/book/${bareSlot.id}`)).body);
      assert.equal(bareForm.querySelector('input[name="termsVersion"]')?.getAttribute('value'), '', 'a venue without terms: none shown');

      const formPage = parseHtml((await get(`/book/${slot.id}`)).body);
      const fields: Record<string, string> = {
        ...formFields(formPage.querySelector('form[action^="/book/"]')!),
        name: 'Bram Bos',
        email: 'bram@example.nl',
        phone: '030 7654321',
        acceptTerms: 'yes',
      };
      assert.equal(fields.termsVersion, '3');
      const reviewPage = parseHtml(
        (await t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(fields) })).body,
      );
      const confirmFields: Record<string, string> = { ...formFields(reviewPage.querySelector('form.actions')!), action: 'confirm' };
      assert.equal(confirmFields.termsVersion, '3');
      const before = (await termsVersionsOf(slot)).length;

      t.clock.advance(60_000);
      await publish('Versie vier.', 'Version four.');
      const post = (payload: Record<string, string>) =>
        t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(payload) });
      const refused = await post(confirmFields);
      assert.equal(refused.statusCode, 409);
      const again = parseHtml(refused.body);
      assert.equal(
        again.querySelector('[data-testid="booking-refusal"]')?.textContent,
        'De voorwaarden van deze locatie zijn net gewijzigd. Lees ze en bevestig opnieuw.',
      );
      assert.equal(again.querySelector('[data-testid="booking-terms"]')?.getAttribute('data-version'), '4');
      const kept = formFields(again.querySelector('form.actions')!);
      assert.equal(kept.name, 'Bram Bos');
      assert.equal(kept.submissionKey, confirmFields.submissionKey);
      assert.equal(kept.termsVersion, '4');
      assert.equal((await termsVersionsOf(slot)).length, before, 'nothing booked');

      // The form step sent with the old version (or none) gets the review with the new terms as well.
      for (const termsVersion of ['3', '', 'x']) {
        const stale = await post({ ...fields, termsVersion });
        assert.equal(stale.statusCode, 409, termsVersion);
        assert.equal(parseHtml(stale.body).querySelector('input[name="termsVersion"]')?.getAttribute('value'), '4');
      }

      const placed = await post({ ...kept, action: 'confirm' });
      assert.equal(placed.statusCode, 303, placed.body);
      assert.equal((await termsVersionsOf(slot)).filter((v) => v === 4).length, 1);
    });

    test('the API refuses a booking that names a version no longer current with 409 terms_changed; without one it books as before', async () => {
      const post = (payload: Record<string, unknown>) =>
        t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload, headers: { 'accept-language': 'en' } });
      const before = (await termsVersionsOf(slot)).length;
      for (const termsVersion of [3, null, 5]) {
        const res = await post(bookingRequest(slot.id, { termsVersion, email: 'kees@example.nl' }));
        assert.equal(res.statusCode, 409, String(termsVersion));
        assert.deepEqual(res.json(), {
          code: 'terms_changed',
          message: 'This venue has just changed its terms. Please read them and confirm again.',
        });
      }
      assert.equal((await termsVersionsOf(slot)).length, before, 'nothing booked');
      for (const termsVersion of ['4', 0, 1.5]) {
        const res = await post(bookingRequest(slot.id, { termsVersion }));
        assert.equal(res.statusCode, 422, String(termsVersion));
        assert.deepEqual(res.json().errors, [{ field: 'termsVersion', code: 'invalid_value', message: res.json().errors[0].message }]);
      }
      const current = await post(bookingRequest(slot.id, { termsVersion: 4, email: 'kees@example.nl' }));
      assert.equal(current.statusCode, 201, current.body);
      assert.equal(current.json().terms.version, 4);
      const none = await post(bookingRequest(bareSlot.id, { termsVersion: null, email: 'kees@example.nl' }));
      assert.equal(none.statusCode, 201, none.body);
      assert.equal((await post(bookingRequest(bareSlot.id, { termsVersion: 1 }))).json().code, 'terms_changed');
    });
  });
}
