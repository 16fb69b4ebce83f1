import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { sameOriginPath } from './redirects.js';

const [sqlite] = testDialects();
const PUBLIC_URL = 'https://bookings.test';

/** Targets that must never leave the site: other origins, and what browsers strip or rewrite into one. */
const LEAVING = [
  'https://evil.example/',
  'http://bookings.test/',
  'https://bookings.test:8443/',
  '//evil.example',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  ' //evil.example',
  '/.//evil.example',
  '/./\\/evil.example',
  'javascript:alert(1)',
  'data:text/html,x',
];
/** Targets on the site that cannot go in a header as they are: control characters, non-ASCII, spaces. */
const UNPRINTABLE = ['/€', '/caf\u00e9', '/a\u0000b', '/a b', '/a\u007fb', '/a\r\nSet-Cookie: x=1', '/\u2028'];

describe('redirect targets taken from a request', () => {
  test('same-origin paths of printable ASCII go back as they are, query and fragment kept', () => {
    for (const path of ['/', '/activities/klimmen?date=2026-06-01&groupSize=4', '/b/abc_DEF-123#participants', '/caf%C3%A9']) {
      assert.equal(sameOriginPath(path, PUBLIC_URL), path);
    }
    assert.equal(sameOriginPath('https://bookings.test/activities', PUBLIC_URL), '/activities');
  });

  test('anything leaving the origin, or holding a control, space or non-ASCII character, goes to /', () => {
    for (const target of [...LEAVING, ...UNPRINTABLE, '']) assert.equal(sameOriginPath(target, PUBLIC_URL), '/', JSON.stringify(target));
  });

  describe('POST /language', () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(sqlite!);
    });
    after(() => t.close());

    test('back= with a tab, a CR/LF, a euro sign or another origin: 303 to /, with the security headers, never a 500', async () => {
      for (const back of [...LEAVING, ...UNPRINTABLE]) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/language',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ lang: 'en', back }).toString(),
        });
        assert.equal(res.statusCode, 303, JSON.stringify(back));
        assert.equal(res.headers.location, '/', JSON.stringify(back));
        assertSecurityHeaders(res.headers, JSON.stringify(back));
      }
    });
  });

  test('every redirect in the web layer goes through reply.seeOther or reply.movedTo', () => {
    const root = join(import.meta.dirname, '..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'));
    const direct = files.filter((f) => f !== join('plugins', 'redirects.ts') && /\.redirect\(/.test(readFileSync(join(root, f), 'utf8')));
    assert.deepEqual(direct, []);
  });
});
