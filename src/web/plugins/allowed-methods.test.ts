import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { signInMember } from '../../../test/staff.js';
import { SESSION_COOKIE } from '../admin/session-cookie.js';

for (const dialect of testDialects()) {
  describe(`a method a path has no route for (${dialect.name})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
    });
    after(() => t?.close());

    test('gets 405 with the methods the path has in Allow, as a translated page with the security headers', async () => {
      // The back office's guard comes first: a signed-in admin's wrong method.
      const admin = await signInMember(t, 'admin');
      for (const [method, url, allow] of [
        ['DELETE', '/', 'GET, HEAD'],
        ['PUT', '/activities/any-slug', 'GET, HEAD'],
        ['GET', '/language', 'POST'],
        ['POST', '/b/any-token', 'GET, HEAD'],
        ['DELETE', '/p/any-token', 'GET, HEAD, POST'],
        ['PATCH', '/staff/login', 'GET, HEAD, POST'],
        ['GET', '/admin/bookings/any-id/notes', 'POST'],
      ] as const) {
        const cookie = url.startsWith('/admin') ? { cookie: `${SESSION_COOKIE}=${admin.cookie}` } : {};
        const response = await t.app.inject({ method, url, headers: { 'accept-language': 'en', origin: t.publicUrl, ...cookie } });
        assert.equal(response.statusCode, 405, `${method} ${url}`);
        assert.equal(response.headers.allow, allow, `${method} ${url}`);
        assert.match(String(response.headers['content-type']), /^text\/html/);
        assert.match(parseHtml(response.body).querySelector('main')?.textContent ?? '', /Allow header/, `${method} ${url}`);
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
        assert.equal(response.headers['cache-control'], 'no-store');
      }
    });

    test('the API answers 405 in its error shape', async () => {
      const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/activities', headers: { 'accept-language': 'nl' } });
      assert.equal(response.statusCode, 405);
      assert.equal(response.headers.allow, 'GET, HEAD');
      assert.deepEqual(response.json(), {
        code: 'method_not_allowed',
        message: 'Dit adres neemt dit soort verzoek niet aan; de Allow-header zegt welke wel.',
      });
    });

    test('a path with no route in any method stays a plain 404, under /b/ too', async () => {
      for (const [method, url] of [
        ['GET', '/nowhere'],
        ['DELETE', '/nowhere'],
        ['GET', '/b/token/nothing-here'],
        ['PUT', `/b/${'A'.repeat(150)}`],
      ] as const) {
        const response = await t.app.inject({ method, url });
        assert.equal(response.statusCode, 404, `${method} ${url}`);
        assert.equal(response.headers.allow, undefined, `${method} ${url}`);
      }
    });
  });
}
