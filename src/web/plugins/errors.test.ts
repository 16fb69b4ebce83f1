import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { systemClock } from '../../core/shared/clock.js';
import { errorsPlugin } from './errors.js';
import { languagePlugin } from './language.js';

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
