import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { parseHtml } from '../../../test/html.js';
import { type MessageKey, translator } from '../i18n/i18n.js';

const FORM = 'application/x-www-form-urlencoded';

/** Error pages from every source: the router (414, a bad URL), the not-found handler, body parsing, a route. */
const CASES: {
  name: string;
  status: number;
  message: MessageKey;
  request: { method?: 'GET' | 'POST'; url: string; type?: string; payload?: string };
}[] = [
  { name: 'a parameter too long (router)', status: 414, message: 'http.bad_request', request: { url: `/activities/${'x'.repeat(300)}` } },
  { name: 'a malformed URL encoding (router)', status: 400, message: 'http.bad_request', request: { url: '/activities/%E0%A4%A' } },
  { name: 'an unknown page (not-found handler)', status: 404, message: 'error.not_found', request: { url: '/no-such-page' } },
  {
    name: 'an unknown slot (a route)',
    status: 404,
    message: 'error.not_found',
    request: { url: '/book/0123456789abcdef0123456789abcdef' },
  },
  {
    name: 'a body too large (parser)',
    status: 413,
    message: 'http.body_too_large',
    request: { method: 'POST', url: '/book/x', type: FORM, payload: `notes=${'x'.repeat(2_000_000)}` },
  },
  {
    name: 'an unsupported content type (parser)',
    status: 415,
    message: 'http.unsupported_media_type',
    request: { method: 'POST', url: '/book/x', type: 'text/plain', payload: 'hello' },
  },
];

for (const dialect of testDialects()) {
  describe(`error pages speak the visitor's language on ${dialect.name}`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
    });
    after(() => t.close());

    for (const { name, status, message, request } of CASES) {
      test(`${name}: ${status} in the language of the lang cookie, else of Accept-Language`, async () => {
        const visitors = [
          { headers: { cookie: 'lang=en', 'accept-language': 'nl' }, lang: 'en' },
          { headers: { cookie: 'lang=nl', 'accept-language': 'en' }, lang: 'nl' },
          { headers: { 'accept-language': 'en' }, lang: 'en' },
        ] as const;
        for (const { headers, lang } of visitors) {
          const res = await t.app.inject({
            method: request.method ?? 'GET',
            url: request.url,
            headers: { ...headers, ...(request.type && { 'content-type': request.type, origin: t.publicUrl }) },
            ...(request.payload !== undefined && { payload: request.payload }),
          });
          assert.equal(res.statusCode, status, `${name} ${JSON.stringify(headers)}`);
          const page = parseHtml(res.body);
          assert.equal(page.querySelector('html')?.getAttribute('lang'), lang, `${name} ${JSON.stringify(headers)}`);
          assert.equal(page.querySelector('[data-testid="error-message"]')?.textContent, translator(lang)(message), name);
        }
      });
    }
  });
}
