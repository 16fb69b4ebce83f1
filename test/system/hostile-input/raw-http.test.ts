import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { type ServerProcess, startServer } from '../../server-process.js';
import { INSTALL_OPENSSL } from '../../certificates.js';
import { http2Request, type HttpsApp, listenOverHttps, parseRawAnswer } from '../../https-app.js';
import { hasTool, missingRequirement } from '../../tools.js';
import { fuzzParameters } from '../../hostile-input/arbitraries.js';
import { assertResponseContract } from '../../hostile-input/contract.js';
import { leakIn } from '../../hostile-input/leaks.js';

/** What came back for some raw bytes: the status, if the server answered before closing, and the raw text. */
interface RawAnswer {
  status: number | undefined;
  text: string;
}

/** Whether a response is all there: its headers, and its body by Content-Length or the last chunk. */
function complete(response: Buffer): boolean {
  const text = response.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1];
  if (length !== undefined) return response.length - end - 4 >= Number(length);
  return /\r\ntransfer-encoding: *chunked/i.test(text.slice(0, end)) ? text.endsWith('0\r\n\r\n') : true;
}

/**
 * Writes the bytes to a fresh connection and reads the answer. A server still waiting for more
 * (a short body, a missing chunk) gets the end of the stream after a second; 4 s at most.
 */
function sendRaw(port: number, bytes: Buffer | string): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    const finish = () => {
      clearTimeout(patience);
      clearTimeout(limit);
      socket.destroy();
      const text = received.toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ status: status ? Number(status) : undefined, text });
    };
    const patience = setTimeout(() => socket.end(), 1000);
    const limit = setTimeout(finish, 4000);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (complete(received)) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', () => socket.write(bytes));
  });
}

/** Requests no parser should take: broken request lines, header encodings, framing and lengths. */
function malformed(host: string): [string, Buffer | string][] {
  const h = `Host: ${host}\r\n`;
  return [
    ['garbage request line', 'GARBAGE\r\n\r\n'],
    ['no version', 'GET /\r\n\r\n'],
    ['unknown version', `GET / HTTP/9.9\r\n${h}\r\n`],
    ['lowercase method', `get / HTTP/1.1\r\n${h}\r\n`],
    ['unknown method', `BREW / HTTP/1.1\r\n${h}\r\n`],
    ['no Host', 'GET / HTTP/1.1\r\n\r\n'],
    ['two Hosts', `GET / HTTP/1.1\r\n${h}Host: evil.example\r\n\r\n`],
    ['another Host', 'GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n'],
    ['empty Host', 'GET / HTTP/1.1\r\nHost:\r\n\r\n'],
    ['NUL in the path', `GET /\u0000 HTTP/1.1\r\n${h}\r\n`],
    [
      'raw bytes in the path',
      Buffer.concat([Buffer.from('GET /activities/'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(` HTTP/1.1\r\n${h}\r\n`)]),
    ],
    ['a lone % in the path', `GET /b/% HTTP/1.1\r\n${h}\r\n`],
    ['%ff in the path', `GET /book/%ff HTTP/1.1\r\n${h}\r\n`],
    ['an absolute URI', `GET http://evil.example/ HTTP/1.1\r\n${h}\r\n`],
    ['a huge URL', `GET /${'a'.repeat(100_000)} HTTP/1.1\r\n${h}\r\n`],
    ['a huge header', `GET / HTTP/1.1\r\n${h}X-Big: ${'b'.repeat(100_000)}\r\n\r\n`],
    ['a header without colon', `GET / HTTP/1.1\r\n${h}NoColon\r\n\r\n`],
    ['control characters in a header', `GET / HTTP/1.1\r\n${h}X-A: \u0001\u0002\r\n\r\n`],
    ['a bare LF', `GET / HTTP/1.1\n${h}\n`],
    ['obs-fold', `GET / HTTP/1.1\r\n${h}X-A: a\r\n b\r\n\r\n`],
    [
      'Latin-1 in Accept-Language and Cookie',
      Buffer.concat([
        Buffer.from(`GET / HTTP/1.1\r\n${h}Accept-Language: `),
        Buffer.from([0xe9, 0xff]),
        Buffer.from('\r\nCookie: lang='),
        Buffer.from([0xff, 0xfe]),
        Buffer.from('\r\n\r\n'),
      ]),
    ],
    [
      'invalid UTF-8 in a form',
      Buffer.concat([
        Buffer.from(
          `POST /staff/login HTTP/1.1\r\n${h}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 12\r\n\r\nemail=`,
        ),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80, 0x80]),
      ]),
    ],
    [
      'invalid UTF-8 in JSON',
      Buffer.concat([
        Buffer.from(`POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 12\r\n\r\n{"name":"`),
        Buffer.from([0xff, 0xc3, 0x22]),
      ]),
    ],
    [
      'an absurd Content-Length',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 99999999999999999999\r\n\r\n{}`,
    ],
    ['a negative Content-Length', `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: -1\r\n\r\n{}`],
    [
      'a non-numeric Content-Length',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}`,
    ],
    [
      'two different Content-Lengths',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    ],
    [
      'a Content-Length over the limit',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n{`,
    ],
    [
      'a body shorter than its Content-Length',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":1}`,
    ],
    [
      'Content-Length and chunked',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'an invalid chunk size',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'a chunk longer than said',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{}}}}\r\n0\r\n\r\n`,
    ],
    [
      'a huge chunk size',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n`,
    ],
    [
      'chunks without the last one',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n`,
    ],
    [
      'an unknown transfer coding',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n{}`,
    ],
    [
      'a compressed body',
      `POST /api/v1/bookings HTTP/1.1\r\n${h}Content-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}`,
    ],
    ['an HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'],
    ['a valid request and then garbage', `GET /healthz HTTP/1.1\r\n${h}\r\nGARBAGE\r\n\r\n`],
  ];
}

/** Requests for another host, or naming the host twice, with the status each must get. */
function misdirected(host: string): [string, string, number][] {
  const h = `Host: ${host}\r\n`;
  return [
    ['an absolute-form target for another host', `GET http://evil.example/healthz HTTP/1.1\r\n${h}\r\n`, 421],
    ['an absolute-form https target for another host', `GET https://evil.example/api/v1/activities HTTP/1.1\r\n${h}\r\n`, 421],
    ['an absolute-form target for the host', `GET http://${host}/healthz HTTP/1.1\r\n${h}\r\n`, 200],
    ['two Host headers, the second foreign', `GET /healthz HTTP/1.1\r\n${h}Host: evil.example\r\n\r\n`, 400],
    ['two Host headers, the first foreign', `GET /api/v1/activities HTTP/1.1\r\nHost: evil.example\r\n${h}\r\n`, 400],
    ['two equal Host headers', `GET /healthz HTTP/1.1\r\n${h}${h}\r\n`, 400],
  ];
}

/** Form posts to the language switcher whose way back holds control characters or leaves the site: 303 to /. */
function redirectsWithControlCharacters(host: string): [string, string][] {
  const backs = [
    '%2F%09%2Fevil.example',
    '%2F%0D%0ASet-Cookie%3A+x%3D1',
    '%2F%E2%82%AC',
    '%2F%00',
    '%2F%0A%2Fevil.example',
    '%2F%5Cevil.example',
  ];
  return backs.map((back) => {
    const body = `lang=en&back=${back}`;
    return [
      `back=${back}`,
      `POST /language HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    ];
  });
}

/** A 4xx, or a connection closed without an answer; never a 5xx, never a leak; an answer in contract (the security headers). */
function assertRefusedSafely(name: string, sent: Buffer | string, answer: RawAnswer): void {
  assert.ok(answer.status === undefined || (answer.status >= 200 && answer.status < 500), `${name}: ${answer.text.slice(0, 300)}`);
  if (answer.status !== undefined) assertResponseContract(parseRawAnswer(answer.text).headers, name);
  const leak = leakIn(answer.text, [Buffer.from(sent).toString('latin1')]);
  assert.equal(leak, undefined, `${name}: leaks ${leak}`);
}

for (const dialect of testDialects()) {
  describe(`raw bytes to a server process (${dialect.name})`, () => {
    let database: TestDatabase;
    let server: ServerProcess;
    let port: number;

    before(async () => {
      database = await dialect.create();
      server = await startServer(database.env);
      port = Number(new URL(server.url).port);
    });
    after(async () => {
      await server?.stop();
      await database?.close();
    });

    test('malformed requests get a 4xx or a closed connection', async () => {
      for (const [name, bytes] of malformed(`127.0.0.1:${port}`)) {
        assertRefusedSafely(name, bytes, await sendRaw(port, bytes));
      }
    });

    test('absolute-form targets and duplicate Host headers: 421 for another host, 400 for two, in contract', async () => {
      for (const [name, bytes, status] of misdirected(`127.0.0.1:${port}`)) {
        const answer = await sendRaw(port, bytes);
        assertRefusedSafely(name, bytes, answer);
        assert.equal(answer.status, status, name);
      }
    });

    test('control characters in a redirect target: 303 to /, never a 500', async () => {
      for (const [name, bytes] of redirectsWithControlCharacters(`127.0.0.1:${port}`)) {
        const answer = await sendRaw(port, bytes);
        assertRefusedSafely(name, bytes, answer);
        assert.equal(answer.status, 303, name);
        assert.equal(parseRawAnswer(answer.text).headers.location, '/', name);
      }
    });

    test('random bytes, and a request line with random bytes in it, never get a 5xx', async () => {
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
        fc
          .tuple(
            fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS'),
            fc.uint8Array({ minLength: 1, maxLength: 60 }),
            fc.uint8Array({ maxLength: 60 }),
          )
          .map(([method, path, header]) =>
            Buffer.concat([
              Buffer.from(`${method} /`),
              Buffer.from(path),
              Buffer.from(` HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Fuzz: `),
              Buffer.from(header),
              Buffer.from('\r\nContent-Length: 0\r\n\r\n'),
            ]),
          ),
      );
      await fc.assert(
        fc.asyncProperty(bytes, async (sent) => assertRefusedSafely('random bytes', sent, await sendRaw(port, sent))),
        fuzzParameters(30),
      );
    });

    test('the process is still alive and serving: health and a booking, stored as sent', async () => {
      assert.equal(server.process.exitCode, null, server.stderr());
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      const activity = await makeActivity(database.db, systemClock);
      const slot = await makeSlot(database.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30) });
      const response = await fetch(`${server.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingRequest(slot.id, { groupSize: 5, name: 'Na het puin' })),
      });
      assert.equal(response.status, 201);
      const rows = await database.db.selectFrom('bookings').select(['slot_id', 'group_size', 'organiser_name']).execute();
      assert.deepEqual(
        rows,
        [{ slot_id: slot.id, group_size: 5, organiser_name: 'Na het puin' }],
        'only the booking made, none by the garbage',
      );
    });
  });
}

if (!hasTool('openssl')) missingRequirement('openssl', INSTALL_OPENSSL);
else
  describe('HTTP/2 with mismatched names, over TLS (in process)', () => {
    let site: HttpsApp;
    before(async () => {
      site = await listenOverHttps(testDialects()[0]!);
    });
    after(() => site?.close());

    test(':authority and host that differ, another :authority, another server name: 421 in contract; the public host 200', async () => {
      const cases: [string, Record<string, string>, number, string?][] = [
        [':authority foreign, host own', { ':authority': 'evil.example', host: 'bookings.test' }, 421],
        [':authority own, host foreign', { ':authority': 'bookings.test', host: 'evil.example' }, 421],
        [':authority an address', { ':authority': '127.0.0.1' }, 421],
        [':authority own on the API', { ':authority': 'bookings.test', host: 'evil.example', ':path': '/api/v1/activities' }, 421],
        ['SNI foreign', { ':authority': 'bookings.test' }, 421, 'evil.example'],
        ['all the public host', { ':authority': 'bookings.test', host: 'bookings.test' }, 200],
      ];
      for (const [name, headers, status, servername] of cases) {
        const session = await site.http2(servername);
        try {
          const res = await http2Request(session, { ':path': '/healthz', ...headers });
          assert.equal(res.status, status, name);
          assertResponseContract(res.headers, name);
        } finally {
          session.close();
        }
      }
    });
  });
