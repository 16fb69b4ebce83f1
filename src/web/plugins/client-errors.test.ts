import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.js';
import { createRedirectServer } from '../../server/redirect-server.js';
import { testAuthSettings } from '../../../test/app.js';
import { INSTALL_OPENSSL } from '../../../test/certificates.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { type HttpsApp, listenOverHttps, parseRawAnswer } from '../../../test/https-app.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import { hasTool, missingRequirement } from '../../../test/tools.js';

const [sqlite] = testDialects();
const H = 'Host: bookings.test\r\n';

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

/** Requests Node's parser refuses before the app sees them, with the status each must get. */
const REFUSED: [string, string, number][] = [
  ['a malformed request line', 'GARBAGE\r\n\r\n', 400],
  ['a request line without version', 'GET /api/v1/activities\r\n\r\n', 400],
  ['headers too large', `GET /api/v1/activities HTTP/1.1\r\n${H}X-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
  ['headers too large on a page', `GET / HTTP/1.1\r\n${H}Accept-Language: en\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`, 431],
  ['a header without colon', `GET /api/v1/activities HTTP/1.1\r\n${H}NoColon\r\n\r\n`, 400],
  [
    'an invalid chunk size',
    `POST /api/v1/bookings HTTP/1.1\r\n${H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    400,
  ],
  [
    'Content-Length and chunked',
    `POST /api/v1/bookings HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    400,
  ],
];

/** A refusal in contract: the security headers, and under /api/ the `{ code, message }` body, else an error page. */
function assertInContract(name: string, bytes: string, text: string, status: number): void {
  const answer = parseRawAnswer(text);
  assert.equal(answer.status, status, `${name}: ${text.slice(0, 200)}`);
  assertSecurityHeaders(answer.headers, name);
  assert.equal(Number(answer.headers['content-length']), Buffer.byteLength(answer.body, 'latin1'), name);
  if (/^\w+ \/api\//.test(bytes)) {
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['code', 'message'], name);
    assert.equal(body.code, status === 431 ? 'headers_too_large' : 'bad_request', name);
  } else {
    assert.match(answer.headers['content-type']!, /^text\/html; charset=utf-8$/, name);
    assert.match(answer.body, /data-testid="error-message"/, name);
  }
}

describe('requests refused below the app are answered in contract', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let port: number;
  before(async () => {
    database = await sqlite!.create();
    app = await buildApp({ db: database.db, clock: new TestClock(), auth: testAuthSettings(), publicUrl: 'http://bookings.test' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  test("plain HTTP: the parser's refusals carry the security headers and the API's error shape", async () => {
    for (const [name, bytes, status] of REFUSED) assertInContract(name, bytes, await rawHttp(port, bytes), status);
  });

  test('the error page speaks the language the request asked for', async () => {
    const english = parseRawAnswer(await rawHttp(port, `GET / HTTP/1.1\r\n${H}Accept-Language: en\r\nNoColon\r\n\r\n`));
    assert.match(english.body, /<html lang="en"/);
    assert.match(english.body, /We cannot read this request\./);
  });

  test('the error page speaks the language of the `lang` cookie first, then Accept-Language, as the app does', async () => {
    const big = `X-Big: ${'b'.repeat(20_000)}\r\n`;
    const cases: [string, string][] = [
      [`GET / HTTP/1.1\r\n${H}Cookie: lang=en\r\nNoColon\r\n\r\n`, 'en'],
      [`GET / HTTP/1.1\r\n${H}Cookie: a=1; lang=en\r\nAccept-Language: nl\r\nNoColon\r\n\r\n`, 'en'],
      [`GET / HTTP/1.1\r\n${H}Accept-Language: en\r\nCookie: lang=nl\r\nNoColon\r\n\r\n`, 'nl'],
      [`GET / HTTP/1.1\r\n${H}Cookie: lang=xx\r\nAccept-Language: en\r\nNoColon\r\n\r\n`, 'en'],
      [`GET / HTTP/1.1\r\n${H}Cookie: lang=en\r\n${big}\r\n`, 'en'],
      [`GET / HTTP/1.1\r\n${H}Accept-Language: en\r\nCookie: lang=nl\r\n${big}\r\n`, 'nl'],
    ];
    for (const [bytes, lang] of cases) {
      const answer = parseRawAnswer(await rawHttp(port, bytes));
      assert.match(answer.body, new RegExp(`<html lang="${lang}"`), bytes.slice(0, 120));
    }
  });

  test('no Host: 400 from the host check, in contract', async () => {
    const bytes = 'GET /api/v1/activities HTTP/1.1\r\nConnection: close\r\n\r\n';
    assertInContract('no Host', bytes, await rawHttp(port, bytes), 400);
  });

  test("the port-80 server's answers all carry the headers: 301, 421, no Host, and the parser's refusals", async () => {
    const server = createRedirectServer({ publicUrl: 'https://bookings.test', httpPort: 80, challenges: new Map() });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const redirectPort = (server.address() as { port: number }).port;
    try {
      const answers: [string, number][] = [
        [`GET /x HTTP/1.1\r\n${H}Connection: close\r\n\r\n`, 301],
        ['GET /x HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n', 421],
        ['GET /x HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
      ];
      for (const [bytes, status] of answers) {
        const answer = parseRawAnswer(await rawHttp(redirectPort, bytes));
        assert.equal(answer.status, status, bytes);
        assertSecurityHeaders(answer.headers, bytes);
      }
      // (It answers a POST at its head, before a broken body: those refusals are the app's alone.)
      for (const [name, bytes, status] of REFUSED.filter(([, bytes]) => !bytes.startsWith('POST'))) {
        const answer = parseRawAnswer(await rawHttp(redirectPort, bytes));
        assert.equal(answer.status, status, `port 80: ${name}`);
        assertSecurityHeaders(answer.headers, `port 80: ${name}`);
      }
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });

  if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
  else
    describe('over HTTPS (the HTTP/1.1 side of the HTTP/2 server)', () => {
      let site: HttpsApp;
      before(async () => {
        site = await listenOverHttps(sqlite!);
      });
      after(() => site.close());

      test("the parser's refusals carry the security headers", async () => {
        for (const [name, bytes, status] of REFUSED) {
          const answer = parseRawAnswer(await site.rawTls(bytes));
          assert.equal(answer.status, status, name);
          assertSecurityHeaders(answer.headers, name);
        }
      });
    });
});
