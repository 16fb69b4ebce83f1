import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { formFields, parseHtml } from '../../../test/html.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Activity } from '../../core/catalog/activity.js';

/** A complete, valid profile as a manager fills it in. */
function validProfile(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    name: 'Kanoverhuur De Vecht',
    city: 'Utrecht',
    descriptionNl: 'Kano’s en sloepen aan de Vecht.\n\nVoor groepen tot 60.',
    descriptionEn: 'Canoes and boats on the Vecht.\n\nFor groups of up to 60.',
    street: 'Vechtoever 12',
    postcode: '3555 xa',
    addressCity: 'Utrecht',
    contactPhone: '030 555 0404',
    contactEmail: 'groepen@kano-vecht.example.nl',
    website: 'https://kano-vecht.example.nl',
    routeNl: 'Bus 28 tot de Vechtbrug; parkeren aan de overkant.',
    routeEn: 'Bus 28 to the Vecht bridge; park across the road.',
    ...overrides,
  };
}

for (const dialect of testDialects()) {
  describe(`the back office's venue profile and booking terms (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let manager: SignedIn;
    let staff: SignedIn;
    let otherManager: SignedIn;
    let admin: SignedIn;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      ({ manager, staff, otherManager, admin } = await signInMembers(t, { home, away }, ['manager', 'staff', 'otherManager', 'admin']));
    });
    after(() => t.close());

    const venueRow = (id: string) => t.database.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const termsRows = (venueId: string) =>
      t.database.db.selectFrom('venue_terms').selectAll().where('venue_id', '=', venueId).orderBy('version').execute();
    const logEntriesOf = (action: string) =>
      t.database.db.selectFrom('activity_log').selectAll().where('action', '=', action).orderBy('at').execute();
    const profileFields = (body: string) =>
      formFields(parseHtml(body).querySelector(`form[action^="/admin/venues/"]:not([action$="/terms"])`)!);

    test('a manager goes straight to the own venue; an admin picks from every venue; staff may not', async () => {
      const own = await adminGet(t, manager, '/admin/venues');
      assert.equal(own.statusCode, 303);
      assert.equal(own.headers.location, `/admin/venues/${home.venue.id}`);
      const page = await adminGet(t, manager, `/admin/venues/${home.venue.id}`);
      assert.equal(page.statusCode, 200);
      assert.ok(parseHtml(page.body).querySelector('nav a[href="/admin/venues"]'), 'in the admin nav');
      assert.equal(profileFields(page.body).name, home.venue.name);

      const list = parseHtml((await adminGet(t, admin, '/admin/venues')).body);
      assert.ok(list.querySelector(`[data-testid="venue-${home.venue.slug}"] a[href="/admin/venues/${home.venue.id}"]`));
      assert.ok(list.querySelector(`[data-testid="venue-${away.venue.slug}"] a[href="/admin/venues/${away.venue.id}"]`));

      assert.equal((await adminGet(t, staff, '/admin/venues')).statusCode, 403);
      assert.equal((await adminGet(t, staff, `/admin/venues/${home.venue.id}`)).statusCode, 403);
      assert.equal(parseHtml((await adminGet(t, staff, '/admin')).body).querySelector('nav a[href="/admin/venues"]'), null);
    });

    test("another venue's profile and terms can be neither seen nor changed by a manager: 404, nothing written", async () => {
      const before = await venueRow(away.venue.id);
      assert.equal((await adminGet(t, manager, `/admin/venues/${away.venue.id}`)).statusCode, 404);
      assert.equal((await adminPost(t, manager, `/admin/venues/${away.venue.id}`, validProfile())).statusCode, 404);
      const terms = await adminPost(t, manager, `/admin/venues/${away.venue.id}/terms`, { textNl: 'Nee.', textEn: 'No.' });
      assert.equal(terms.statusCode, 404);
      assert.deepEqual(await venueRow(away.venue.id), before);
      assert.deepEqual(await termsRows(away.venue.id), []);
      assert.equal((await adminGet(t, manager, '/admin/venues/not-an-id')).statusCode, 404);
    });

    test('a manager saves the profile: stored, shown back, recorded with the parts that changed', async () => {
      const response = await adminPost(t, manager, `/admin/venues/${home.venue.id}`, validProfile());
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      assert.equal(response.headers.location, `/admin/venues/${home.venue.id}?saved=1`);
      const row = await venueRow(home.venue.id);
      assert.equal(row.name, 'Kanoverhuur De Vecht');
      assert.equal(row.postcode, '3555 XA');
      assert.equal(row.website, 'https://kano-vecht.example.nl');
      assert.equal(row.description_nl, 'Kano’s en sloepen aan de Vecht.\n\nVoor groepen tot 60.');
      assert.equal(row.slug, home.venue.slug, 'the slug stays');
      const [entry] = await logEntriesOf('venue.updated');
      assert.equal(entry?.venue_id, home.venue.id);
      assert.equal(entry?.target, home.venue.slug);
      assert.deepEqual(JSON.parse(entry!.detail), { changed: 'name,contactEmail,contactPhone,address,website,description,route' });

      const page = await adminGet(t, manager, String(response.headers.location));
      assert.ok(parseHtml(page.body).querySelector('[data-testid="saved"]'));
      assert.equal(profileFields(page.body).postcode, '3555 XA');

      // Saving it unchanged records nothing; emptying optional parts clears them.
      await adminPost(t, manager, `/admin/venues/${home.venue.id}`, validProfile({ postcode: '3555 XA' }));
      assert.equal((await logEntriesOf('venue.updated')).length, 1);
      const cleared = validProfile({ website: '', routeNl: '', routeEn: '' });
      assert.equal((await adminPost(t, manager, `/admin/venues/${home.venue.id}`, cleared)).statusCode, 303);
      const after = await venueRow(home.venue.id);
      assert.equal(after.website, null);
      assert.equal(after.route_en, null);
    });

    test('every refused field is reported in one round, translated, with all input kept; nothing is stored', async () => {
      const before = await venueRow(home.venue.id);
      const bad = validProfile({
        name: '',
        descriptionEn: '',
        street: '',
        postcode: '!!',
        contactEmail: 'geen-adres',
        contactPhone: '12',
        website: 'http://kano-vecht.example.nl',
        routeNl: '',
      });
      const response = await adminPost(t, manager, `/admin/venues/${home.venue.id}`, bad);
      assert.equal(response.statusCode, 422);
      const root = parseHtml(response.body);
      const error = (field: string) => root.querySelector(`[data-testid="error-${field}"]`)?.textContent ?? '';
      assert.equal(error('name'), 'Vul dit veld in.');
      assert.match(error('descriptionEn'), /Nederlands én in het Engels/);
      assert.match(error('street'), /alle drie/);
      assert.match(error('postcode'), /postcode/);
      assert.match(error('contactEmail'), /e-mailadres/);
      assert.match(error('contactPhone'), /telefoonnummer/);
      assert.match(error('website'), /https:\/\//);
      assert.match(error('routeNl'), /Nederlands én in het Engels/);
      assert.equal(root.querySelectorAll('[data-testid="form-errors"] a').length, 8, 'the summary lists all eight');
      const fields = profileFields(response.body);
      for (const name of Object.keys(bad)) assert.equal(fields[name], bad[name], name);
      assert.deepEqual(await venueRow(home.venue.id), before);
    });

    test('a manager publishes terms as versions 1 and 2; version 1 stays as it was; each is recorded', async () => {
      const empty = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}`)).body);
      assert.match(empty.querySelector('[data-testid="terms-current"]')?.textContent ?? '', /nog geen/);

      const refused = await adminPost(t, manager, `/admin/venues/${home.venue.id}/terms`, { textNl: 'Alleen Nederlands.', textEn: ' ' });
      assert.equal(refused.statusCode, 422);
      assert.equal(parseHtml(refused.body).querySelector('[data-testid="error-textEn"]')?.textContent, 'Vul dit veld in.');
      assert.equal(parseHtml(refused.body).querySelector('textarea[name="textNl"]')?.textContent, 'Alleen Nederlands.');
      assert.deepEqual(await termsRows(home.venue.id), []);

      const first = await adminPost(t, manager, `/admin/venues/${home.venue.id}/terms`, { textNl: 'Versie een.', textEn: 'Version one.' });
      assert.equal(first.statusCode, 303);
      assert.match(String(first.headers.location), /\?published=1/);
      t.clock.advance(60_000);
      const second = await adminPost(t, admin, `/admin/venues/${home.venue.id}/terms`, { textNl: 'Versie twee.', textEn: 'Version two.' });
      assert.match(String(second.headers.location), /\?published=2/);

      const rows = await termsRows(home.venue.id);
      assert.deepEqual(
        rows.map((r) => [r.version, r.text_nl, r.text_en]),
        [
          [1, 'Versie een.', 'Version one.'],
          [2, 'Versie twee.', 'Version two.'],
        ],
      );
      assert.ok(rows[0]!.published_at < rows[1]!.published_at);
      const entries = (await logEntriesOf('venue.terms_published')).filter((e) => e.venue_id === home.venue.id);
      assert.deepEqual(
        entries.map((e) => JSON.parse(e.detail)),
        [{ version: 1 }, { version: 2 }],
      );

      const page = parseHtml((await adminGet(t, manager, `/admin/venues/${home.venue.id}?published=2`)).body);
      assert.ok(page.querySelector('[data-testid="terms-published"]'));
      assert.match(page.querySelector('[data-testid="terms-current"]')?.textContent ?? '', /versie 2/);
      assert.ok(page.querySelector(`a[href="/venues/${home.venue.slug}/terms/1"]`));
      assert.equal(
        page.querySelector('textarea[name="textEn"]')?.textContent,
        'Version two.',
        'the next version starts from the current one',
      );

      const log = parseHtml((await adminGet(t, manager, '/admin/activity')).body).textContent;
      assert.match(log, /boekingsvoorwaarden gepubliceerd/);
      assert.match(log, /locatieprofiel gewijzigd/);
    });

    test('the other manager and an admin edit the away venue', async () => {
      const own = await adminPost(t, otherManager, `/admin/venues/${away.venue.id}`, validProfile({ name: 'Museum Aan De Gracht' }));
      assert.equal(own.statusCode, 303);
      assert.equal((await venueRow(away.venue.id)).name, 'Museum Aan De Gracht');
      const byAdmin = await adminPost(t, admin, `/admin/venues/${away.venue.id}`, validProfile({ name: 'Museum De Gracht' }));
      assert.equal(byAdmin.statusCode, 303);
      assert.equal((await venueRow(away.venue.id)).name, 'Museum De Gracht');
    });
  });
}
