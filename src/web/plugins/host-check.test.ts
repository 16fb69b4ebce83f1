import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { buildTestApp, injectOnPublicHost, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { urlencoded } from '../../../test/html.js';
import { adminPost, codeAt, postForm, sessionCookieOf, setUpAccount, signIn } from '../../../test/staff.js';
import { STYLESHEET_PATH } from '../public/assets.routes.js';
import { acceptedHosts } from './host-check.js';

const [sqlite] = testDialects();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('host separation', () => {
  let t: TestApp;
  let slotId: string;
  before(async () => {
    t = await buildTestApp(sqlite!, '2026-06-01T08:00:00Z');
    const activity = await makeActivity(t.database.db, t.clock);
    slotId = (await makeSlot(t.database.db, t.clock, activity, { capacity: 100 })).id;
  });
  after(() => t.close());

  test('the public host, with or without its default port and in any case, is served; tests inject under it', async () => {
    for (const host of [undefined, 'bookings.test', 'bookings.test:80', 'BOOKINGS.test']) {
      const res = await t.app.inject({ url: '/healthz', headers: host ? { host } : {} });
      assert.equal(res.statusCode, 200, `host ${host}`);
    }
    assert.deepEqual([...acceptedHosts('https://bookings.groupz.now')], ['bookings.groupz.now', 'bookings.groupz.now:443']);
    assert.deepEqual([...acceptedHosts('http://127.0.0.1:3000')], ['127.0.0.1:3000']);
  });

  test('any other host gets 421 with no content on every surface: pages, API, assets, 404s, errors, health, back office', async () => {
    const hosts = [
      'groupz.now',
      'www.groupz.now',
      '127.0.0.1',
      '127.0.0.1:80',
      '[::1]',
      'localhost',
      'bookings.test:8080',
      'bookings.test.evil.example',
    ];
    const requests = [
      { url: '/' },
      { url: '/healthz' },
      { url: STYLESHEET_PATH },
      { url: '/nowhere' },
      { url: '/%E0%A4%A' },
      { url: '/api/v1/activities' },
      { url: '/api/v1/openapi.json' },
      { url: '/admin' },
      { url: '/staff/login' },
      { method: 'POST' as const, url: '/api/v1/bookings', payload: bookingRequest(slotId) },
      { method: 'POST' as const, url: '/language', headers: FORM, payload: urlencoded({ lang: 'en' }) },
    ];
    for (const host of hosts) {
      for (const request of requests) {
        const res = await t.app.inject({ ...request, headers: { ...request.headers, host } });
        const what = `${request.method ?? 'GET'} ${request.url} for ${host}`;
        assert.equal(res.statusCode, 421, what);
        assert.equal(res.body, '', what);
        assert.equal(res.headers['content-length'], '0', what);
        assert.equal(res.headers['set-cookie'], undefined, what);
        assert.equal(res.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains', what);
      }
    }
    const bookings = await t.database.db.selectFrom('bookings').select('id').execute();
    assert.equal(bookings.length, 0, 'no handler ran for a foreign host');
  });

  test("the router's own refusals (a malformed URL) carry the security headers too", async () => {
    const res = await t.app.inject('/%E0%A4%A');
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['strict-transport-security'], 'max-age=63072000; includeSubDomains');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
  });

  test('an https public URL is served only under its own host', async () => {
    const publicUrl = 'https://bookings.groupz.now';
    const app = injectOnPublicHost(await buildApp({ db: t.database.db, clock: t.clock, publicUrl, auth: t.auth }), publicUrl);
    const status = async (host?: string) => (await app.inject({ url: '/healthz', headers: host ? { host } : {} })).statusCode;
    const statuses = [
      await status(),
      await status('bookings.groupz.now:443'),
      await status('bookings.groupz.now:80'),
      await status('groupz.now'),
    ];
    await app.close();
    assert.deepEqual(statuses, [200, 200, 421, 421]);
  });

  test('no cookie is ever set with a Domain: language choice, sign-in (both steps), sign-out', async () => {
    const cookies: string[] = [];
    const keep = (res: { headers: Record<string, unknown> }) =>
      cookies.push(...([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []));
    keep(await t.app.inject({ method: 'POST', url: '/language', headers: FORM, payload: urlencoded({ lang: 'en' }) }));
    const account = await setUpAccount(t, { role: 'admin' });
    const first = await postForm(t, '/staff/login', { email: account.email, password: account.password });
    keep(first);
    t.clock.advance(30_000);
    keep(await postForm(t, '/staff/login/code', { code: codeAt(t, account.secret) }, sessionCookieOf(first)));
    keep(await adminPost(t, await signIn(t, account), '/staff/logout'));
    const names = cookies.map((c) => c.split('=')[0]);
    assert.ok(names.includes('lang') && names.includes('__Host-groupz_session'), `cookies seen: ${names.join(', ')}`);
    assert.equal(cookies.length, 4, 'lang, the password step, the second step, the sign-out that clears it');
    for (const cookie of cookies) assert.doesNotMatch(cookie, /;\s*domain=/i, cookie);
  });
});
