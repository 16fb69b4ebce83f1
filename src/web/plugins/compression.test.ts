import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { stylesheet, STYLESHEET_PATH } from '../public-assets.js';

const [sqlite] = testDialects();
const DECODE: Record<string, (body: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

describe('compression', () => {
  let t: TestApp;
  let activityPath: string;
  before(async () => {
    t = await buildTestApp(sqlite!, '2026-06-01T08:00:00Z');
    for (let i = 0; i < 6; i++) activityPath = `/activities/${(await makeActivity(t.database.db, t.clock)).slug}`;
  });
  after(() => t.close());

  const get = (url: string, acceptEncoding?: string) =>
    t.app.inject({ url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  test('pages, the stylesheet and API answers go brotli or gzip as asked, and decode to the identity body', async (c) => {
    for (const url of ['/', activityPath, STYLESHEET_PATH, '/api/v1/activities']) {
      const identity = await get(url, 'identity');
      assert.equal(identity.statusCode, 200, url);
      assert.equal(identity.headers['content-encoding'], undefined, url);
      assert.ok(identity.rawPayload.length >= 1024, `${url}: ${identity.rawPayload.length} bytes`);
      const sizes = [`identity ${identity.rawPayload.length}`];
      for (const [asked, expected] of [
        ['br', 'br'],
        ['gzip', 'gzip'],
        ['gzip, deflate, br', 'br'],
        ['br;q=0.5, gzip', 'gzip'],
      ] as const) {
        const res = await get(url, asked);
        assert.equal(res.headers['content-encoding'], expected, `${url} ${asked}`);
        assert.match(String(res.headers.vary), /accept-encoding/i, `${url} ${asked}`);
        assert.ok(res.rawPayload.length < identity.rawPayload.length, `${url} ${asked} is smaller`);
        assert.deepEqual(DECODE[expected]!(res.rawPayload), identity.rawPayload, `${url} ${asked} decodes to the identity body`);
        if (asked === expected) sizes.push(`${asked} ${res.rawPayload.length}`);
      }
      c.diagnostic(`${url}: ${sizes.join(', ')} bytes`);
      assert.equal((await get(url)).headers['content-encoding'], undefined, `${url} without Accept-Encoding`);
    }
  });

  test('kept pages and assets, compressed once, say so in Vary whatever is sent, with its length', async () => {
    for (const url of [activityPath, STYLESHEET_PATH]) {
      for (const asked of [undefined, 'identity', 'br', 'gzip', 'deflate']) {
        const res = await get(url, asked);
        assert.match(String(res.headers.vary), /accept-encoding/i, `${url} ${asked}`);
        assert.equal(Number(res.headers['content-length']), res.rawPayload.length, `${url} ${asked}`);
      }
      const [first, again] = [await get(url, 'br'), await get(url, 'br')];
      assert.deepEqual(first.rawPayload, again.rawPayload, `${url}: the same bytes again`);
    }
    for (const url of [activityPath, STYLESHEET_PATH]) {
      const plain = await t.app.inject({ url, headers: { 'accept-encoding': 'br, gzip', 'x-no-compression': '1' } });
      assert.equal(plain.headers['content-encoding'], undefined, `${url}: x-no-compression asks for the identity body`);
    }
    const [br, gzip] = [await get(STYLESHEET_PATH, 'br'), await get(STYLESHEET_PATH, 'gzip')];
    assert.ok(br.rawPayload.length < gzip.rawPayload.length, 'an asset goes at brotli best, smaller than gzip');
  });

  test('an encoding refused with q=0 is never sent, by pages, kept pages, assets or error pages', async () => {
    for (const url of ['/', activityPath, STYLESHEET_PATH, '/nope']) {
      for (const [asked, expected] of [
        ['gzip;q=0, *', 'br'],
        ['br;q=0, *', 'gzip'],
        ['br;q=0, gzip;q=0', undefined],
        ['*;q=0', undefined],
        ['identity;q=0', undefined],
      ] as const) {
        const res = await get(url, asked);
        assert.equal(res.headers['content-encoding'], expected, `${url} ${asked}`);
      }
    }
  });

  test('every answer that may go compressed says Vary: Accept-Encoding, also when it goes as it is', async () => {
    for (const url of ['/', activityPath, STYLESHEET_PATH, '/nope', '/activities/nope', '/?date=zzz']) {
      for (const asked of [undefined, 'identity', 'br;q=0, gzip;q=0', 'br']) {
        const res = await get(url, asked);
        assert.match(String(res.headers.vary), /accept-encoding/i, `${url} ${asked}`);
      }
    }
  });

  test('error pages of 1 KiB and more go compressed like any page: 400, 404 (routed or not), 405', async () => {
    const answers = [
      ['/?date=zzz', 'GET', 400],
      ['/activities/nope', 'GET', 404],
      ['/nope', 'GET', 404],
      ['/', 'DELETE', 405],
    ] as const;
    for (const [url, method, status] of answers) {
      for (const language of ['nl', 'en']) {
        const headers = { 'accept-language': language };
        const identity = await t.app.inject({ method, url, headers });
        const br = await t.app.inject({ method, url, headers: { ...headers, 'accept-encoding': 'br' } });
        assert.equal(identity.statusCode, status, `${method} ${url}`);
        assert.match(String(identity.headers['content-type']), /text\/html/u);
        assert.ok(identity.rawPayload.length >= 1024, `${method} ${url}: ${identity.rawPayload.length} bytes`);
        assert.equal(br.headers['content-encoding'], 'br', `${method} ${url} ${language}`);
        assert.deepEqual(brotliDecompressSync(br.rawPayload), identity.rawPayload, `${method} ${url} ${language}`);
      }
    }
  });

  test('an answer that fails while it is compressed goes out as an error page its Content-Encoding decodes', async () => {
    const made = stylesheet.body.in.bind(stylesheet.body);
    // What brotliCompressSync throws when the process is short of memory.
    stylesheet.body.in = () => {
      throw new RangeError('Array buffer allocation failed');
    };
    try {
      const res = await get(STYLESHEET_PATH, 'br');
      assert.equal(res.statusCode, 500);
      assert.match(String(res.headers['content-type']), /text\/html/u);
      // The error page goes compressed as the plugin compresses any page, or plain, never plain labelled br.
      const encoding = res.headers['content-encoding'];
      const page = typeof encoding === 'string' ? DECODE[encoding]!(res.rawPayload) : res.rawPayload;
      assert.match(page.toString('utf8'), /<html/u, `the error page decodes as its Content-Encoding (${String(encoding)}) says`);
    } finally {
      stylesheet.body.in = made;
    }
  });

  test('small answers go as they are', async () => {
    const res = await get('/healthz', 'br, gzip');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], undefined);
  });

  test('staff pages, which hold the session-bound CSRF token, are never compressed (BREACH)', async () => {
    const res = await get('/staff/login', 'br, gzip');
    assert.equal(res.statusCode, 200);
    assert.ok(res.rawPayload.length >= 1024, `${res.rawPayload.length} bytes`);
    assert.equal(res.headers['content-encoding'], undefined);
  });
});
