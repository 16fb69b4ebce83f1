import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { systemClock } from '../../core/shared/clock.js';
import { errorsPlugin, UNAVAILABLE_RETRY_SECONDS } from './errors.js';
import { languagePlugin } from './language.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHtml } from '../../../test/html.js';
import { runTool, strictMode } from '../../../test/tools.js';
import { translator } from '../i18n/i18n.js';

const postgres = testDialects().find((d) => d.name === 'postgres');

describe('errors the database raises for what a request sent', { skip: postgres ? false : 'PostgreSQL only' }, () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  before(async () => {
    database = await postgres!.create();
    app = Fastify();
    await app.register(cookie);
    await app.register(languagePlugin);
    await app.register(errorsPlugin, { clock: systemClock });
    // A route that hands the database what it was sent, unchecked, as a route that forgot to would.
    app.get<{ Querystring: { q: string } }>('/api/echo', async (request) => sql`select ${request.query.q}::text as q`.execute(database.db));
    app.get<{ Querystring: { q: string } }>('/echo', async (request) => sql`select ${request.query.q}::text as q`.execute(database.db));
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  test('a NUL that reaches PostgreSQL is a translated 400, as JSON for the API and as a page elsewhere', async () => {
    const api = await app.inject({ url: '/api/echo?q=a%00b', headers: { 'accept-language': 'en' } });
    assert.equal(api.statusCode, 400, api.body);
    assert.deepEqual(api.json(), { code: 'bad_request', message: 'We cannot read this request.' });
    const page = await app.inject({ url: '/echo?q=a%00b', headers: { 'accept-language': 'nl' } });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /Dit verzoek kunnen we niet lezen\./);
    assert.doesNotMatch(page.body, /0x00|UTF8|invalid byte/);
    assert.equal((await app.inject('/api/echo?q=ab')).statusCode, 200, 'the route works without the NUL');
  });
});

/**
 * A file system with no room, met by a request: the condition a full disk is for the database,
 * so the same translated 503 with Retry-After, not a 500. A small tmpfs of its own, filled.
 */
describe('a request whose file system has no room left (ENOSPC)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-no-room-'));
  let mounted = false;
  let app: FastifyInstance;
  before(async () => {
    mounted = (await runTool('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], 30)).code === 0;
    app = Fastify();
    await app.register(cookie);
    await app.register(languagePlugin);
    await app.register(errorsPlugin, { clock: systemClock });
    // A route that stores what it was sent in a file, as an upload to disk would.
    for (const path of ['/api/store', '/store'])
      app.post(path, async () => {
        await writeFile(join(dir, 'upload'), Buffer.alloc(128 * 1024, 1));
        return 'stored';
      });
  });
  after(async () => {
    await app.close();
    if (mounted) await runTool('umount', [dir], 30);
    rmSync(dir, { recursive: true, force: true });
  });

  test('is a translated 503 with Retry-After, as JSON for the API and as a page elsewhere', async (t) => {
    if (!mounted) {
      const why = 'mount -t tmpfs was refused: run the test as root';
      if (strictMode()) assert.fail(why);
      t.skip(why);
      return;
    }
    const api = await app.inject({ method: 'POST', url: '/api/store', headers: { 'accept-language': 'en' } });
    assert.equal(api.statusCode, 503, api.body);
    assert.equal(api.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
    assert.deepEqual(api.json(), { code: 'unavailable', message: translator('en')('http.unavailable') });
    const page = await app.inject({ method: 'POST', url: '/store', headers: { 'accept-language': 'nl' } });
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS));
    assert.equal(parseHtml(page.body).querySelector('[data-testid="error-message"]')?.textContent, translator('nl')('http.unavailable'));
  });
});
