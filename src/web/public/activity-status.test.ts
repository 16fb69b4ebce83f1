import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, bookingRequest, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { adminGet, adminPost, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_PUBLIC_URL };

for (const dialect of testDialects()) {
  describe(`unpublishing and archiving an activity (${dialect.name})`, () => {
    let t: TestApp;
    let home: Activity;
    let away: Activity;
    let slot: Slot;
    let manager: SignedIn;
    let otherManager: SignedIn;
    let manage: string;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      ({ home, away } = await makeTwoVenues(t));
      slot = await makeSlot(t.database.db, t.clock, home, { date: '2026-06-15', capacity: 30 });
      const { manageToken } = await book(t.database.db, t.clock, slot, { groupSize: 4 }, t.linkKey);
      manage = `/b/${manageToken}`;
      ({ manager, otherManager } = await signInMembers(t, { home, away }, ['manager', 'otherManager']));
    });
    after(() => t.close());

    /** The edit form as the browser would send it back, with this status. */
    const setStatus = async (who: SignedIn, status: string) => {
      const form = parseHtml((await adminGet(t, manager, `/admin/activities/${home.id}`)).body).querySelector('form.narrow-form')!;
      const fields = formFields(form);
      for (const select of form.querySelectorAll('select')) {
        fields[select.getAttribute('name')!] = (select.querySelector('option[selected]') ?? select.querySelector('option'))!.getAttribute(
          'value',
        )!;
      }
      const { _csrf: _manager, ...typed } = fields;
      return adminPost(t, who, `/admin/activities/${home.id}`, { ...typed, status });
    };
    const publicIds = async () => {
      const res = await t.app.inject('/api/v1/activities');
      assert.equal(res.statusCode, 200);
      return (res.json() as { activities: { id: string }[] }).activities.map((a) => a.id);
    };
    const listedOnHome = async () => (await t.app.inject('/')).body.includes(`/activities/${home.slug}`);

    test('archived: gone from the public list, page, slots and API; new bookings refused; the booking and its links keep working', async () => {
      assert.equal((await t.app.inject(manage)).statusCode, 200);
      assert.ok(await listedOnHome());

      const refused = await setStatus(otherManager, 'archived');
      assert.equal(refused.statusCode, 404, "another venue's manager cannot archive it");
      assert.equal(
        (await t.database.db.selectFrom('activities').select('status').where('id', '=', home.id).executeTakeFirst())?.status,
        'published',
      );

      const archived = await setStatus(manager, 'archived');
      assert.equal(archived.statusCode, 303, archived.body.slice(0, 300));
      const entry = await t.database.db
        .selectFrom('activity_log')
        .selectAll()
        .where('action', '=', 'activity.updated')
        .where('target', '=', home.slug)
        .executeTakeFirst();
      assert.equal(JSON.parse(entry!.detail).changed, 'status');

      // Publicly gone: the list, the page, the API's list and slots (404 like any unknown activity).
      assert.equal(await listedOnHome(), false);
      const page = await t.app.inject(`/activities/${home.slug}`);
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /bestaat niet/);
      assert.deepEqual(await publicIds(), [away.id]);
      const slots = await t.app.inject(`/api/v1/activities/${home.id}/slots`);
      assert.equal(slots.statusCode, 404);
      assert.equal(slots.json().code, 'not_found');

      // New bookings refused with a code and a translated message, through the API and the form.
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(slot.id),
        headers: { 'accept-language': 'en' },
      });
      assert.equal(api.statusCode, 409);
      assert.deepEqual(api.json(), {
        code: 'activity_unavailable',
        message: 'This activity is no longer offered and cannot be booked.',
      });
      const formPage = await t.app.inject(`/book/${slot.id}`);
      assert.match(parseHtml(formPage.body).querySelector('[data-testid="booking-refusal"]')?.textContent ?? '', /niet meer aangeboden/);
      const typed = {
        ...formFields(parseHtml(formPage.body).querySelector('form[action^="/book/"]')!),
        name: 'Anna de Vries',
        email: 'anna@example.nl',
        phone: '030 1234567',
        acceptTerms: 'yes',
      };
      const posted = await t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(typed) });
      assert.equal(posted.statusCode, 409);
      const root = parseHtml(posted.body);
      assert.match(root.querySelector('[data-testid="booking-refusal"]')?.textContent ?? '', /niet meer aangeboden/);
      assert.equal(formFields(root.querySelector('form[action^="/book/"]')!).name, 'Anna de Vries', 'the input is kept');
      const bookings = await t.database.db.selectFrom('bookings').select('id').where('slot_id', '=', slot.id).execute();
      assert.equal(bookings.length, 1, 'only the booking made before');

      // The booking made before: its manage link and participant link still work.
      const managed = await t.app.inject(manage);
      assert.equal(managed.statusCode, 200);
      const link = parseHtml(managed.body).querySelector('[data-testid="participant-link"]')?.textContent;
      assert.ok(link);
      assert.equal((await t.app.inject(new URL(link).pathname)).statusCode, 200);

      // The back office: hidden from the list by default, shown on asking, still editable.
      const list = parseHtml((await adminGet(t, manager, '/admin/activities')).body);
      assert.equal(list.querySelector(`[data-testid="activity-${home.slug}"]`), null);
      assert.equal(list.querySelector('[data-testid="archived-toggle"]')?.getAttribute('href'), '/admin/activities?archived=1');
      const all = parseHtml((await adminGet(t, manager, '/admin/activities?archived=1')).body);
      assert.equal(
        all.querySelector(`[data-testid="activity-${home.slug}"] [data-testid="activity-status"]`)?.textContent,
        '(gearchiveerd)',
      );
      assert.equal((await adminGet(t, manager, `/admin/activities/${home.id}`)).statusCode, 200);
    });

    test('unpublished: listed in the back office with its status, hidden publicly; published again, it is back', async () => {
      assert.equal((await setStatus(manager, 'unpublished')).statusCode, 303);
      const list = parseHtml((await adminGet(t, manager, '/admin/activities')).body);
      assert.equal(
        list.querySelector(`[data-testid="activity-${home.slug}"] [data-testid="activity-status"]`)?.textContent,
        '(niet gepubliceerd)',
      );
      assert.equal((await t.app.inject(`/activities/${home.slug}`)).statusCode, 404);
      assert.equal(await listedOnHome(), false);

      const bogus = await setStatus(manager, 'verborgen');
      assert.equal(bogus.statusCode, 422);
      assert.equal(parseHtml(bogus.body).querySelector('[data-testid="error-status"]')?.textContent, 'Deze waarde is ongeldig.');

      assert.equal((await setStatus(manager, 'published')).statusCode, 303);
      assert.equal((await t.app.inject(`/activities/${home.slug}`)).statusCode, 200);
      assert.ok(await listedOnHome());
      assert.deepEqual((await publicIds()).sort(), [home.id, away.id].sort());
    });
  });
}
