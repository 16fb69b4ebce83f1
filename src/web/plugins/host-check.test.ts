import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { buildTestApp, injectOnPublicHost, testAuthSettings, type TestApp } from '../../../test/app.js';
import { INSTALL_OPENSSL } from '../../../test/certificates.js';
import { TestClock } from '../../../test/clock.js';
import { http2Request, type HttpsApp, listenOverHttps, parseRawAnswer } from '../../../test/https-app.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { hasTool, missingRequirement } from '../../../test/tools.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { urlencoded } from '../../../test/html.js';
import { adminPost, codeAt, postForm, sessionCookieOf, setUpAccount, signIn } from '../../../test/staff.js';
import { STYLESHEET_PATH } from '../public-assets.js';
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

  test("any other host gets 421 on every surface, with no content but the API's error shape: pages, API, assets, 404s, errors, health, back office", async () => {
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
        if (request.url.startsWith('/api/')) {
          // The API answers in its one shape, translated, and names nothing of the platform.
          assert.deepEqual(Object.keys(res.json()), ['code', 'message'], what);
          assert.equal(res.json().code, 'misdirected_request', what);
        } else {
          assert.equal(res.body, '', what);
          assert.equal(res.headers['content-length'], '0', what);
        }
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

/** Raw bytes over a new plain TCP connection: all the answer. */
function rawHttp(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
    setTimeout(() => socket.end(), 1000);
  });
}

describe('host separation over real sockets: every name a request carries must be the public host', () => {
  const H = 'Host: bookings.test\r\nConnection: close\r\n';

  describe('plain HTTP/1.1', () => {
    let app: FastifyInstance;
    let port: number;
    let close: () => Promise<void>;
    before(async () => {
      const database = await sqlite!.create();
      app = await buildApp({ db: database.db, clock: new TestClock(), auth: testAuthSettings(), publicUrl: 'http://bookings.test' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      port = (app.server.address() as { port: number }).port;
      close = async () => {
        await app.close();
        await database.close();
      };
    });
    after(() => close());

    test('an absolute-form target for another origin gets 421, one with userinfo 400; for the public origin it is served', async () => {
      const cases: [string, number][] = [
        [`GET http://evil.example/healthz HTTP/1.1\r\n${H}\r\n`, 421],
        [`GET https://evil.example/healthz HTTP/1.1\r\n${H}\r\n`, 421],
        [`GET http://bookings.test.evil.example/healthz HTTP/1.1\r\n${H}\r\n`, 421],
        [`GET http://bookings.test/healthz HTTP/1.1\r\n${H}\r\n`, 200],
        [`GET http://bookings.test:80/healthz HTTP/1.1\r\n${H}\r\n`, 200],
        // The target's origin must be the public URL's exactly: not another scheme or port.
        [`GET https://bookings.test/healthz HTTP/1.1\r\n${H}\r\n`, 421],
        [`GET http://bookings.test:8080/healthz HTTP/1.1\r\n${H}\r\n`, 421],
        // User information in the target is refused outright.
        [`GET http://x@bookings.test/healthz HTTP/1.1\r\n${H}\r\n`, 400],
        [`GET http://x:y@bookings.test/healthz HTTP/1.1\r\n${H}\r\n`, 400],
        // Under the API, in its error shape whatever the target's form.
        [`GET http://evil.example/api/v1/activities HTTP/1.1\r\n${H}\r\n`, 421],
        [`GET https://bookings.test/api/v1/activities HTTP/1.1\r\n${H}\r\n`, 421],
        [`GET http://x@bookings.test/api/v1/activities HTTP/1.1\r\n${H}\r\n`, 400],
      ];
      for (const [bytes, status] of cases) {
        const answer = parseRawAnswer(await rawHttp(port, bytes));
        assert.equal(answer.status, status, bytes);
        assertSecurityHeaders(answer.headers, bytes);
        if (bytes.includes('/api/')) assert.deepEqual(Object.keys(JSON.parse(answer.body) as object), ['code', 'message'], bytes);
      }
    });

    test('two Host headers (even one of them the public host) and a missing Host get 400, in contract', async () => {
      for (const bytes of [
        `GET /healthz HTTP/1.1\r\n${H}Host: evil.example\r\n\r\n`,
        `GET /api/v1/activities HTTP/1.1\r\nHost: evil.example\r\n${H}\r\n`,
        `GET /api/v1/activities HTTP/1.1\r\n${H}host: bookings.test\r\n\r\n`,
        'GET /api/v1/activities HTTP/1.1\r\nConnection: close\r\n\r\n',
      ]) {
        const answer = parseRawAnswer(await rawHttp(port, bytes));
        assert.equal(answer.status, 400, bytes);
        assertSecurityHeaders(answer.headers, bytes);
        if (bytes.includes('/api/')) assert.deepEqual(Object.keys(JSON.parse(answer.body) as object), ['code', 'message'], bytes);
        else assert.match(answer.headers['content-type']!, /^text\/html/, bytes);
      }
    });
  });

  if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
  else
    describe('HTTPS: HTTP/1.1 and HTTP/2', () => {
      let site: HttpsApp;
      before(async () => {
        site = await listenOverHttps(sqlite!);
      });
      after(() => site.close());

      test('a TLS server name (SNI) of another host gets 421, over HTTP/1.1 and HTTP/2; the public one is served', async () => {
        for (const servername of ['evil.example', 'groupz.now', 'bookings.test.evil.example']) {
          const answer = parseRawAnswer(await site.rawTls(`GET /healthz HTTP/1.1\r\n${H}\r\n`, servername));
          assert.equal(answer.status, 421, servername);
          assertSecurityHeaders(answer.headers, servername);
          const session = await site.http2(servername);
          const h2 = await http2Request(session, { ':path': '/healthz' });
          session.close();
          assert.equal(h2.status, 421, `h2 ${servername}`);
        }
        assert.equal(parseRawAnswer(await site.rawTls(`GET /healthz HTTP/1.1\r\n${H}\r\n`)).status, 200);
      });

      test('an absolute-form target and two Host headers over TLS: 421 and 400', async () => {
        const foreign = parseRawAnswer(await site.rawTls(`GET https://evil.example/healthz HTTP/1.1\r\n${H}\r\n`));
        assert.equal(foreign.status, 421);
        const own = parseRawAnswer(await site.rawTls(`GET https://bookings.test/healthz HTTP/1.1\r\n${H}\r\n`));
        assert.equal(own.status, 200);
        const twice = parseRawAnswer(await site.rawTls(`GET /healthz HTTP/1.1\r\n${H}Host: evil.example\r\n\r\n`));
        assert.equal(twice.status, 400);
        assertSecurityHeaders(twice.headers, 'two Host headers');
      });

      test('HTTP/2: an :authority and a host header that differ get 421 whichever names the other host', async () => {
        const session = await site.http2();
        try {
          const cases: [Record<string, string>, number][] = [
            [{ ':authority': 'evil.example', host: 'bookings.test' }, 421],
            [{ ':authority': 'bookings.test', host: 'evil.example' }, 421],
            [{ ':authority': 'evil.example' }, 421],
            [{ ':authority': 'bookings.test', host: 'bookings.test:443' }, 200],
            [{ ':authority': 'bookings.test' }, 200],
          ];
          for (const [headers, status] of cases) {
            const res = await http2Request(session, { ':path': '/healthz', ...headers });
            assert.equal(res.status, status, JSON.stringify(headers));
            assertSecurityHeaders(res.headers, JSON.stringify(headers));
          }
        } finally {
          session.close();
        }
      });
    });
});
