import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { SLOT_REFUSALS } from '../../core/availability/bookability.js';
import { newToken } from '../../core/shared/ids.js';
import { BODY_LIMIT } from '../limits.js';

type Responses = Record<string, { content?: Record<string, { schema: object }> }>;
type Operation = { operationId: string; responses: Responses };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** Documented statuses no request here can provoke, and why. */
const NOT_PROVOKED: Record<string, string> = {};

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

for (const dialect of testDialects()) {
  describe(`the OpenAPI document is valid and every answer of the API is in it (${dialect.name})`, () => {
    let t: TestApp;
    let doc: Doc;
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    /** Every operation and status a request below got, as `operationId status`. */
    const provoked = new Set<string>();

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      doc = (await t.app.inject('/api/v1/openapi.json')).json();
    });
    after(() => t?.close());

    /** The operation a path template and method name in the document, or a failure naming what is missing. */
    function operation(path: string, method: string): Operation {
      return doc.paths[path]?.[method.toLowerCase()] ?? assert.fail(`${method} ${path} is not in the document`);
    }

    /** Sends the request and checks its answer against the document: a documented status and a body its schema takes. */
    async function check(path: string, method: string, options: InjectOptions): Promise<LightMyRequestResponse> {
      const response = await t.app.inject({ method, ...options, url: `/api/v1${options.url}` } as InjectOptions);
      const op = operation(path, method === 'HEAD' ? 'GET' : method);
      const what = `${op.operationId} ${response.statusCode}`;
      const documented =
        op.responses[String(response.statusCode)] ?? assert.fail(`${what} is not documented: ${response.body.slice(0, 200)}`);
      provoked.add(what);
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) {
        assert.equal(response.body, '', `${what}: a body the document does not describe`);
        return response;
      }
      assert.match(String(response.headers['content-type']), /^application\/json/, what);
      const validate = ajv.compile(schema);
      assert.ok(validate(response.json()), `${what}: ${ajv.errorsText(validate.errors)}\n${response.body.slice(0, 500)}`);
      return response;
    }

    test('Redocly lints it clean with its recommended rules', async () => {
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
      assert.deepEqual(
        problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
        [],
      );
    });

    test('every route under /api/v1 is documented, and every documented operation is a route', () => {
      const routes = t.app.routeInventory
        .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
      const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
      assert.deepEqual(routes.sort(), documented.sort());
    });

    test("a slot's reason lists only what refusalFor gives, instants are date-time, money and counts are never negative", () => {
      const slots = operation('/activities/{id}/slots', 'GET').responses['200']!.content!['application/json']!.schema as {
        properties: { slots: { items: { properties: Record<string, Record<string, unknown>> } } };
      };
      const slot = slots.properties.slots.items.properties;
      assert.deepEqual(slot.reason!.enum, [...SLOT_REFUSALS]);
      assert.equal(slot.startsAt!.format, 'date-time');
      assert.equal(slot.remaining!.minimum, 0);
      const price = slot.price as { properties: { totalCents: { minimum: number } } };
      assert.equal(price.properties.totalCents.minimum, 0);
    });

    test('real answers of every operation, success and each error it documents, match the document', async () => {
      const activity = await makeActivityWithRules(
        t.database.db,
        t.clock,
        { options: { allowed: false } },
        { minGroupSize: 2, maxGroupSize: 12 },
      );
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15', capacity: 6 });
      const small = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-16', capacity: 3 });
      const json = { 'content-type': 'application/json' };
      const elsewhere = { authority: 'evil.example' };

      await check('/openapi.json', 'GET', { url: '/openapi.json' });
      await check('/openapi.json', 'GET', { url: '/openapi.json', ...elsewhere });

      await check('/activities', 'GET', { url: '/activities' });
      await check('/activities', 'GET', { url: '/activities', ...elsewhere });

      const slots = await check('/activities/{id}/slots', 'GET', {
        url: `/activities/${activity.id}/slots?from=2026-06-15&to=2026-06-16&groupSize=4`,
      });
      assert.deepEqual(
        slots.json().slots.map((s: { reason?: string }) => s.reason ?? null),
        [null, 'slot_full'],
      );
      await check('/activities/{id}/slots', 'GET', { url: `/activities/${activity.id}/slots?groupSize=13` });
      await check('/activities/{id}/slots', 'GET', { url: '/activities/nope/slots' });
      await check('/activities/{id}/slots', 'GET', { url: `/activities/${'a'.repeat(200)}/slots` });
      await check('/activities/{id}/slots', 'GET', { url: '/activities/%E0%A4%A/slots' });
      await check('/activities/{id}/slots', 'GET', { url: `/activities/${activity.id}/slots?from=never` });
      await check('/activities/{id}/slots', 'GET', { url: `/activities/${activity.id}/slots`, ...elsewhere });

      const book = (payload: unknown, headers: Record<string, string> = json) =>
        check('/bookings', 'POST', { url: '/bookings', headers, payload: payload as string });
      await book(bookingRequest(slot.id));
      await book(bookingRequest(slot.id, { groupSize: 5 })); // 409 slot_full: 4 of 6 taken
      await book(bookingRequest(slot.id, { option: true })); // 409 option_not_allowed
      await book('{"slotId":');
      await book(bookingRequest(slot.id), { ...json, origin: 'https://evil.example' });
      await book(JSON.stringify({ notes: 'x'.repeat(BODY_LIMIT) }));
      await book('slotId=x', { 'content-type': 'text/plain' });
      await book({ ...bookingRequest(slot.id), email: 'nope' });
      await check('/bookings', 'POST', { url: '/bookings', headers: json, payload: bookingRequest(slot.id), ...elsewhere });
      // The same submission key again: 200 with the reference and status only.
      const once = bookingRequest(small.id, { groupSize: 2, email: 'once@example.nl', submissionKey: newToken() });
      assert.equal((await book(once)).statusCode, 201);
      assert.equal((await book(once)).statusCode, 200);
      // One client sending attempt after attempt meets the booking limits: 429 with Retry-After.
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i < 60 && last?.statusCode !== 429; i++) {
        last = await check('/bookings', 'POST', {
          url: '/bookings',
          headers: json,
          payload: bookingRequest(slot.id, { groupSize: 5, email: `rush${i}@example.nl` }) as unknown as string,
          remoteAddress: '203.0.113.9',
        });
      }
      assert.equal(last?.statusCode, 429);
      assert.ok(Number(last?.headers['retry-after']) > 0);

      // A method a path has no operation for: 405 with Allow, in the shape every operation of the path documents.
      for (const [path, method, allow] of [
        ['/openapi.json', 'DELETE', 'GET, HEAD'],
        ['/activities', 'POST', 'GET, HEAD'],
        ['/activities/{id}/slots', 'PUT', 'GET, HEAD'],
        ['/bookings', 'GET', 'POST'],
      ] as const) {
        const url = `/api/v1${path.replace('{id}', activity.id)}`;
        const response = await t.app.inject({ method: method, url, headers: json, ...(method !== 'GET' && { payload: '{}' }) });
        assert.equal(response.statusCode, 405, `${method} ${path}`);
        assert.equal(response.headers.allow, allow, `${method} ${path}`);
        for (const [name, op] of Object.entries(doc.paths[path]!)) {
          const validate = ajv.compile(op.responses['405']!.content!['application/json']!.schema);
          assert.ok(validate(response.json()), `${name} ${path}: ${ajv.errorsText(validate.errors)}`);
          provoked.add(`${op.operationId} 405`);
        }
      }

      const documented = Object.values(doc.paths).flatMap((item) =>
        Object.values(item).flatMap((op) => Object.keys(op.responses).map((status) => `${op.operationId} ${status}`)),
      );
      assert.deepEqual(
        documented.filter((d) => !provoked.has(d) && !(d in NOT_PROVOKED)),
        [],
        'documented answers no request got: document only what an operation can answer',
      );
    });
  });
}
