import assert from 'node:assert/strict';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { assertSecurityHeaders } from '../../test/security-headers.js';
import { type ChallengeResponses, createRedirectServer } from './redirect-server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

describe('the port-80 server', () => {
  const challenges: ChallengeResponses = new Map([['tok-EN_1', 'tok-EN_1.thumbprint']]);
  const server = createRedirectServer({ publicUrl: 'https://bookings.test:8443', httpPort: 8000, challenges });
  let port: number;
  before(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  });
  after(() => {
    server.close();
    server.closeAllConnections();
  });

  const ask = (method: string, path: string, host = 'bookings.test'): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers: { host } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(method === 'POST' ? 'a=1' : undefined);
    });

  test('redirects every request to the https public URL with the same path and query, and sends nothing else', async () => {
    for (const [method, path] of [
      ['GET', '/'],
      ['GET', '/activities/x?date=2026-06-01&groupSize=4'],
      ['POST', '/api/v1/bookings'],
      ['HEAD', '/b/token'],
      ['GET', '//evil.example/x'],
      ['GET', '/.well-known/acme-challenge/unknown'],
    ] as const) {
      for (const host of ['bookings.test', 'bookings.test:80', 'BOOKINGS.TEST:8443', 'bookings.test:8000']) {
        const res = await ask(method, path, host);
        assert.equal(res.status, 301, `${method} ${path} ${host}`);
        assert.equal(res.headers.location, `https://bookings.test:8443${path}`);
        assert.equal(res.body, '');
        assertSecurityHeaders(res.headers, `${method} ${path} ${host}`);
        assert.equal(res.headers['set-cookie'], undefined);
      }
    }
  });

  /** Raw bytes over a new connection: the status line and headers of the answer. */
  const raw = async (bytes: string): Promise<string> => {
    const socket = connect(port, '127.0.0.1');
    socket.end(bytes);
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await once(socket, 'close');
    return text;
  };

  test('an absolute-form target of the public host keeps only its path: the redirect never leaves it', async () => {
    for (const target of ['http://bookings.test/steal?x=1', 'http://bookings.test:80/steal?x=1', 'https://bookings.test:8443/steal?x=1']) {
      const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: bookings.test\r\nConnection: close\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 301 /, target);
      assert.match(answer, /\r\nlocation: https:\/\/bookings\.test:8443\/steal\?x=1\r\n/i, target);
    }
  });

  test("the app's host check: another origin in the target 421, userinfo or two Host headers 400", async () => {
    const H = 'Host: bookings.test\r\nConnection: close\r\n';
    const cases: [string, number][] = [
      [`GET http://evil.example/steal HTTP/1.1\r\n${H}\r\n`, 421],
      [`GET https://bookings.test/ HTTP/1.1\r\n${H}\r\n`, 421],
      [`GET http://bookings.test:8080/ HTTP/1.1\r\n${H}\r\n`, 421],
      [`GET http://x@bookings.test/ HTTP/1.1\r\n${H}\r\n`, 400],
      [`GET / HTTP/1.1\r\n${H}Host: evil.example\r\n\r\n`, 400],
      [`GET / HTTP/1.1\r\nHost: evil.example\r\n${H}\r\n`, 400],
    ];
    for (const [bytes, status] of cases) {
      const answer = await raw(bytes);
      assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `), bytes);
      assert.doesNotMatch(answer, /\r\nlocation:/i, bytes);
    }
  });

  test('answers an open ACME challenge with its key authorization', async () => {
    const res = await ask('GET', '/.well-known/acme-challenge/tok-EN_1');
    assert.equal(res.status, 200);
    assert.equal(res.body, 'tok-EN_1.thumbprint');
    assert.equal(res.headers['content-type'], 'text/plain');
  });

  test('another host gets 421 with no content, challenge paths included', async () => {
    for (const host of ['groupz.now', '127.0.0.1', 'bookings.test.evil.example', 'bookings.test:8080']) {
      for (const path of ['/', '/.well-known/acme-challenge/tok-EN_1']) {
        const res = await ask('GET', path, host);
        assert.equal(res.status, 421, `${host}${path}`);
        assert.equal(res.body, '');
        assert.equal(res.headers.location, undefined);
        assertSecurityHeaders(res.headers, `${host}${path}`);
      }
    }
  });
});
