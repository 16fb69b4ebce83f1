import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { buildTestApp, injectOnPublicHost, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { ICON_PATH, STYLESHEET_PATH } from '../public-assets.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const [sqlite] = testDialects();

describe('cookies and headers of the public surface', () => {
  let t: TestApp;
  let slotId: string;
  let slug: string;
  before(async () => {
    t = await buildTestApp(sqlite!, '2026-06-01T08:00:00Z');
    const activity = await makeActivity(t.database.db, t.clock);
    slug = activity.slug;
    slotId = (await makeSlot(t.database.db, t.clock, activity, { capacity: 100 })).id;
  });
  after(() => t.close());

  test('no response sets a cookie: pages, API, assets, errors, form posts and bookings', async () => {
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(slotId) });
    const manageUrl = new URL(api.json().manageUrl).pathname;
    const valid = { groupSize: '4', name: 'Jan', email: 'jan@example.nl', phone: '0612345678', acceptTerms: 'yes' };
    const requests = [
      { url: '/' },
      { url: '/?date=2026-06-15&groupSize=4' },
      { url: '/?date=bad' },
      { url: `/activities/${slug}` },
      { url: `/book/${slotId}` },
      { url: manageUrl },
      { url: `${manageUrl}?created=1` },
      { url: '/nowhere' },
      { url: STYLESHEET_PATH },
      { url: ICON_PATH },
      { url: '/healthz' },
      { url: '/api/v1/activities' },
      { url: '/api/v1/openapi.json' },
      { url: '/api/v1/activities/nope/slots' },
      { method: 'POST' as const, url: `/book/${slotId}`, headers: FORM, payload: urlencoded({ ...valid, action: 'review' }) },
      { method: 'POST' as const, url: `/book/${slotId}`, headers: FORM, payload: urlencoded({ ...valid, email: 'x', action: 'review' }) },
      { method: 'POST' as const, url: `/book/${slotId}`, headers: FORM, payload: urlencoded({ ...valid, action: 'confirm' }) },
      { method: 'POST' as const, url: '/api/v1/bookings', payload: bookingRequest(slotId) },
      { method: 'POST' as const, url: '/api/v1/bookings', payload: {} },
      { method: 'POST' as const, url: '/language', headers: FORM, payload: urlencoded({ lang: 'fr' }) },
    ];
    assert.equal(api.headers['set-cookie'], undefined);
    for (const request of requests) {
      const res = await t.app.inject(request);
      assert.ok(res.statusCode < 500, `${request.url}: ${res.statusCode}`);
      assert.equal(res.headers['set-cookie'], undefined, `${request.method ?? 'GET'} ${request.url} set a cookie`);
    }
  });

  test('choosing a language sets only `lang`: host-only, Lax, HttpOnly, one year; never with a Domain', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/language',
      headers: FORM,
      payload: urlencoded({ lang: 'en', back: '/activities' }),
    });
    assert.equal(res.statusCode, 303);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    assert.equal(cookies.length, 1);
    const [pair, ...attributes] = cookies[0]!.split(';').map((s) => s.trim());
    assert.equal(pair, 'lang=en');
    assert.deepEqual(attributes.map((a) => a.toLowerCase()).sort(), ['httponly', 'max-age=31536000', 'path=/', 'samesite=lax']);
    for (const back of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      const redirect = await t.app.inject({ method: 'POST', url: '/language', headers: FORM, payload: urlencoded({ lang: 'en', back }) });
      assert.equal(redirect.headers.location, '/', back);
    }
  });

  test('behind HTTPS the language cookie is Secure', async () => {
    const publicUrl = 'https://bookings.groupz.now';
    const app = injectOnPublicHost(await buildApp({ db: t.database.db, clock: t.clock, publicUrl, auth: t.auth }), publicUrl);
    const res = await app.inject({ method: 'POST', url: '/language', headers: FORM, payload: urlencoded({ lang: 'nl' }) });
    await app.close();
    assert.match(String(res.headers['set-cookie']), /; Secure/);
  });

  test('the switcher is a form on every page with a note that it stores a cookie, in the page language', async () => {
    for (const [lang, note] of [
      ['nl', 'Uw keuze wordt in een cookie bewaard.'],
      ['en', 'Your choice is kept in a cookie.'],
    ]) {
      const page = parseHtml((await t.app.inject({ url: `/activities/${slug}`, headers: { cookie: `lang=${lang}` } })).body);
      assert.equal(page.querySelector('html')?.getAttribute('lang'), lang);
      const form = page.querySelector('form.language');
      assert.equal(form?.getAttribute('method'), 'post');
      assert.equal(form?.querySelector('#language-note')?.textContent, note);
      assert.equal(form?.querySelector('input[name="back"]')?.getAttribute('value'), `/activities/${slug}`);
    }
  });

  test('a cross-site form post is refused before it does anything', async () => {
    const before = await t.database.db.selectFrom('bookings').select('id').execute();
    const refused = [
      { 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of refused) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slotId}`,
        headers: { ...FORM, ...headers },
        payload: urlencoded({
          groupSize: '4',
          name: 'X',
          email: 'x@example.nl',
          phone: '0612345678',
          acceptTerms: 'yes',
          action: 'confirm',
        }),
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.headers['set-cookie'], undefined);
    }
    assert.equal((await t.database.db.selectFrom('bookings').select('id').execute()).length, before.length);
    const sameOrigin = await t.app.inject({
      method: 'POST',
      url: '/language',
      headers: { ...FORM, origin: 'http://bookings.test:80', host: 'bookings.test:80', 'sec-fetch-site': 'same-origin' },
      payload: 'lang=en',
    });
    assert.equal(sameOrigin.statusCode, 303);
    // A browser's own form post under `Referrer-Policy: no-referrer`: Origin null, Sec-Fetch-Site same-origin.
    const noReferrer = await t.app.inject({
      method: 'POST',
      url: '/language',
      headers: { ...FORM, origin: 'null', 'sec-fetch-site': 'same-origin' },
      payload: 'lang=en',
    });
    assert.equal(noReferrer.statusCode, 303);
    const viaProxy = await t.app.inject({
      method: 'POST',
      url: '/language',
      headers: { ...FORM, origin: TEST_PUBLIC_URL },
      payload: 'lang=en',
    });
    assert.equal(viaProxy.statusCode, 303, 'the configured public origin is this site');
  });

  test('security headers on every response; pages reference only their own origin', async () => {
    for (const url of ['/', `/activities/${slug}`, '/api/v1/activities', '/nowhere', STYLESHEET_PATH]) {
      const res = await t.app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      assert.match(csp, /default-src 'self'/, url);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/, url);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains');
    }
    const page = parseHtml((await t.app.inject(`/book/${slotId}`)).body);
    const refs = page
      .querySelectorAll('[src],[href],[action]')
      .flatMap((el) => ['src', 'href', 'action'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== undefined));
    assert.ok(refs.length > 3);
    for (const ref of refs) assert.match(ref, /^(\/|#)/, `reference ${ref} is not on this origin`);
    assert.equal(page.querySelectorAll('style,script,[style]').length, 0, 'no inline styles or scripts');
  });

  test('every page names its icon, served from this origin for a year (so no browser asks for /favicon.ico)', async () => {
    for (const url of ['/', `/activities/${slug}`, '/nowhere', '/staff/login']) {
      const icon = parseHtml((await t.app.inject(url)).body).querySelector('link[rel="icon"]');
      assert.equal(icon?.getAttribute('href'), ICON_PATH, url);
    }
    const res = await t.app.inject(ICON_PATH);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'image/svg+xml');
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(res.body, /^<svg /);
  });
});
