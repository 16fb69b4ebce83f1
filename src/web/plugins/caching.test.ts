import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { adminGet, type Member, signInMember } from '../../../test/staff.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { currentParticipantToken } from '../../core/participants/participant.service.js';
import { addStaff } from '../../core/staff/staff.service.js';
import { SESSION_COOKIE } from '../admin/session-cookie.js';

/** The only routes whose answers may be kept: the public catalogue, its data, robots.txt and the fingerprinted assets. */
const CACHED_ROUTES = [
  'GET / page',
  'GET /activities/:slug page',
  'GET /api/v1/activities data',
  'GET /api/v1/activities/:id/slots data',
  'GET /api/v1/openapi.json data',
  'GET /assets/app.<hash>.css asset',
  'GET /assets/copy-link.<hash>.js asset',
  'GET /assets/logo.<hash>.svg asset',
  'GET /photos/:name asset',
  'GET /robots.txt data',
];

const EXPECTED = {
  page: 'public, max-age=60',
  data: 'public, max-age=60',
  asset: 'public, max-age=31536000, immutable',
} as const;

function assertNotKept(response: LightMyRequestResponse, what: string) {
  assert.equal(response.headers['cache-control'], 'no-store', what);
  assert.equal(response.headers['x-robots-tag'], 'noindex', what);
}

for (const dialect of testDialects()) {
  describe(`caching and indexing (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;
    let slot: Slot;
    let values: Record<string, string>;
    let admin: Member;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      activity = await makeActivity(t.database.db, t.clock);
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20' });
      const { booking, manageToken } = await book(t.database.db, t.clock, slot, {}, t.linkKey);
      const { member, setupToken } = await addStaff(t.database.db, t.clock, { email: 'new@venue.test', name: 'New', role: 'admin' }, null);
      admin = await signInMember(t, 'admin');
      values = {
        slug: activity.slug,
        slotId: slot.id,
        id: activity.id,
        scheduleId: 'none',
        date: '2026-06-20',
        manage: manageToken,
        participants: (await currentParticipantToken(t.database.db, t.linkKey, booking.id)) ?? assert.fail('no participant link'),
        setup: setupToken,
        staff: member.id,
        booking: booking.id,
      };
    });
    after(() => t?.close());

    /** A route's URL with real values for its parameters, so that most answers are the route's own success. */
    function urlOf(url: string): string {
      const token = url.startsWith('/p/') ? values.participants : url.startsWith('/staff/setup') ? values.setup : values.manage;
      const id = url.startsWith('/admin/staff') ? values.staff : url.startsWith('/admin/bookings') ? values.booking : values.id;
      return url
        .replace(':token', token!)
        .replace(':id', id!)
        .replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x')
        .replace('*', 'x');
    }

    test('only the catalogue, robots.txt and the fingerprinted assets opt in to caching', () => {
      const cached = t.app.routeInventory
        .filter((r) => r.cache && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url.replace(/\.[0-9a-f]{12}\./, '.<hash>.')} ${r.cache}`);
      assert.deepEqual(cached.sort(), CACHED_ROUTES);
    });

    test('the booking form: its review step and a refused form echo the organiser, and are not kept', async () => {
      const form = { groupSize: '4', name: 'Jan Jansen', email: 'jan@example.nl', phone: '+31 6 12345678', acceptTerms: 'yes' };
      const post = (fields: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: `/book/${slot.id}`,
          headers: { origin: t.publicUrl, 'content-type': 'application/x-www-form-urlencoded' },
          payload: urlencoded(fields),
        });
      const review = await post(form);
      assert.equal(review.statusCode, 200);
      assert.match(review.body, /jan@example\.nl/);
      assertNotKept(review, 'review');
      const refused = await post({ ...form, phone: 'nope' });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /jan@example\.nl/);
      assertNotKept(refused, 'refused');
      const api = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(slot.id) });
      assert.equal(api.statusCode, 201);
      assertNotKept(api, 'API booking');
    });

    test('catalogue pages are kept a minute, per language and cookie; their refusals are not', async () => {
      for (const url of ['/', `/activities/${activity.slug}`]) {
        const page = await t.app.inject({ url, headers: { 'accept-language': 'en' } });
        assert.equal(page.statusCode, 200);
        assert.equal(page.headers['cache-control'], 'public, max-age=60');
        // (Compression may add Accept-Encoding.)
        const vary = String(page.headers.vary).split(/,\s*/);
        assert.ok(vary.includes('Accept-Language') && vary.includes('Cookie'), String(page.headers.vary));
        assert.equal(page.headers['x-robots-tag'], undefined);
        assert.equal(parseHtml(page.body).querySelector('meta[name="robots"]'), null);
      }
      assertNotKept(await t.app.inject('/?date=never'), 'a refused filter');
      assertNotKept(await t.app.inject('/activities/nope'), 'an unknown activity');
      const data = await t.app.inject('/api/v1/activities');
      assert.equal(data.headers['cache-control'], 'public, max-age=60');
    });

    test('private and back-office pages say noindex in the page too; public pages have a translated description', async () => {
      for (const [url, session] of [
        [`/b/${values.manage}`, undefined],
        [`/p/${values.participants}`, undefined],
        [`/staff/setup/${values.setup}`, undefined],
        ['/staff/login', undefined],
        [`/book/${slot.id}`, undefined],
        ['/admin/bookings', admin],
      ] as const) {
        const page = session ? await adminGet(t, session, url) : await t.app.inject(url);
        assert.equal(page.statusCode, 200, url);
        assertNotKept(page, url);
        assert.equal(parseHtml(page.body).querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex', url);
      }
      const descriptions = [];
      for (const lang of ['nl', 'en']) {
        for (const url of ['/', `/activities/${activity.slug}`]) {
          const page = await t.app.inject({ url, headers: { 'accept-language': lang } });
          const content = parseHtml(page.body).querySelector('meta[name="description"]')?.getAttribute('content') ?? '';
          assert.ok(content.length > 20 && content.length <= 160, `${lang} ${url}: ${content}`);
          descriptions.push(content);
        }
      }
      assert.equal(new Set(descriptions).size, 4, 'each page and language has its own description');
      const long = await makeActivity(t.database.db, t.clock, {
        description: { nl: `${'Varen '.repeat(60)}en meer.`, en: 'W'.repeat(400) },
      });
      for (const lang of ['nl', 'en']) {
        const page = await t.app.inject({ url: `/activities/${long.slug}`, headers: { 'accept-language': lang } });
        const content = parseHtml(page.body).querySelector('meta[name="description"]')?.getAttribute('content') ?? '';
        assert.ok(content.length <= 160 && content.endsWith('…') && content.length > 100, `${lang}: ${content}`);
      }
    });

    test('robots.txt lets crawlers into the catalogue and keeps them out of forms, private links, back office and API', async () => {
      const robots = await t.app.inject('/robots.txt');
      assert.equal(robots.statusCode, 200);
      assert.match(String(robots.headers['content-type']), /^text\/plain/);
      const lines = robots.body.split('\n');
      assert.ok(lines.includes('User-agent: *') && lines.includes('Allow: /'));
      for (const path of ['/book/', '/b/', '/p/', '/staff/', '/admin/', '/api/']) assert.ok(lines.includes(`Disallow: ${path}`), path);
    });

    // Last: some of these posts change the booking (a new participant link), which the tests above read.
    test('every route of the inventory answers no-store and noindex, unless it opted in and succeeded', async () => {
      const seen: string[] = [];
      for (const route of t.app.routeInventory) {
        const url = urlOf(route.url);
        // Back-office pages are read with the admin's session; its changes are sent without (refused), so that none is made.
        const isAdmin = url.startsWith('/admin') && route.method === 'GET';
        const response = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: {
            origin: t.publicUrl,
            ...(isAdmin && { cookie: `${SESSION_COOKIE}=${admin.cookie}` }),
            ...(route.method === 'POST' && { 'content-type': 'application/x-www-form-urlencoded' }),
          },
          ...(route.method === 'POST' && { payload: '' }),
        });
        const what = `${route.method} ${url}: ${response.statusCode}`;
        seen.push(`${route.method} ${response.statusCode}`);
        if (route.cache && response.statusCode === 200) {
          assert.equal(response.headers['cache-control'], EXPECTED[route.cache], what);
          assert.equal(response.headers['x-robots-tag'], route.cache === 'page' ? undefined : 'noindex', what);
        } else {
          assertNotKept(response, what);
        }
      }
      // The walk reached the routes' own answers, not only refusals.
      assert.ok(seen.filter((s) => s === 'GET 200').length >= 20, seen.join(', '));
    });
  });
}
