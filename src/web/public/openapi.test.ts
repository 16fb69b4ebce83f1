import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildTestApp, injectOnPublicHost, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { insertTestInvoice } from '../../../test/invoices.js';
import { parseRawAnswer } from '../../../test/https-app.js';
import { freePort } from '../../../test/server-process.js';
import { buildApp } from '../../app.js';
import { newId, newToken } from '../../core/shared/ids.js';
import { connectDatabase } from '../../db/connect.js';
import { UNAVAILABLE_RETRY_SECONDS } from '../plugins/errors.js';
import { OFFER_REFUSALS } from '../../core/availability/slot.service.js';
import { BODY_LIMIT } from '../limits.js';

type Responses = Record<string, { content?: Record<string, { schema: object }> }>;
type Operation = { operationId: string; responses: Responses };
type JsonSchema = { properties?: Record<string, JsonSchema>; items?: JsonSchema };
type Doc = { paths: Record<string, Record<string, Operation>> };

/** Documented statuses no request here can provoke, and why. */
const SLOW = "Node's request timeouts (60 s for the headers) are checked every 30 s: too slow a test";
const NOT_PROVOKED: Record<string, string> = {
  'getOpenApiDocument 408': SLOW,
  'listActivities 408': SLOW,
  'listSlots 408': SLOW,
  'createBooking 408': SLOW,
  'getManagedBooking 408': SLOW,
};

/** Raw bytes over a new connection to a listening app: all the answer. */
function rawHttp(port: number, bytes: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => resolve(text));
    socket.on('error', () => resolve(text));
  });
}

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

    /** Checks an answer against the document: a documented status and a body its schema takes. */
    function conforms(path: string, method: string, status: number, contentType: string | undefined, body: string): void {
      const op = operation(path, method === 'HEAD' ? 'GET' : method);
      const what = `${op.operationId} ${status}`;
      const documented = op.responses[String(status)] ?? assert.fail(`${what} is not documented: ${body.slice(0, 200)}`);
      provoked.add(what);
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) {
        assert.equal(body, '', `${what}: a body the document does not describe`);
        return;
      }
      assert.match(String(contentType), /^application\/json/, what);
      const validate = ajv.compile(schema);
      assert.ok(validate(JSON.parse(body)), `${what}: ${ajv.errorsText(validate.errors)}\n${body.slice(0, 500)}`);
    }

    /** Sends the request and checks its answer against the document. */
    async function check(path: string, method: string, options: InjectOptions): Promise<LightMyRequestResponse> {
      const response = await t.app.inject({ method, ...options, url: `/api/v1${options.url}` } as InjectOptions);
      conforms(path, method, response.statusCode, response.headers['content-type'] as string | undefined, response.body);
      return response;
    }

    /**
     * Sends raw bytes to the app listening on a socket, for what only a real connection carries
     * (two Host headers, headers too large for Node's parser), and checks the answer.
     */
    async function checkRaw(path: string, method: string, url: string, headers: string, status: number): Promise<void> {
      if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (t.app.server.address() as { port: number }).port;
      const bytes = `${method} /api/v1${url} HTTP/1.1\r\nHost: ${new URL(t.publicUrl).host}\r\n${headers}Connection: close\r\n\r\n`;
      const answer = parseRawAnswer(await rawHttp(port, bytes));
      assert.equal(answer.status, status, `${method} ${url}: ${answer.body.slice(0, 200)}`);
      conforms(path, method, answer.status!, answer.headers['content-type'], answer.body);
    }

    test('Redocly lints it clean with its recommended rules', async () => {
      const config = await createConfig({ extends: ['recommended'] });
      const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
      assert.deepEqual(
        problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
        [],
      );
    });

    test('every field a description names as `activity.<field>` is a field of an activity in GET /activities', () => {
      const activity = (operation('/activities', 'GET').responses['200']!.content!['application/json']!.schema as JsonSchema).properties!
        .activities!.items!;
      const names: string[] = [];
      (function collect(node: unknown): void {
        if (Array.isArray(node)) node.forEach(collect);
        else if (typeof node === 'object' && node !== null) {
          for (const [key, value] of Object.entries(node)) {
            if (key === 'description' && typeof value === 'string')
              names.push(...[...value.matchAll(/\bactivity((?:\.\w+)+)/g)].map((m) => m[1]!));
            else collect(value);
          }
        }
      })(doc);
      assert.ok(names.length > 0, 'the booking request names activity fields');
      const missing = names.filter((path) => {
        let at: JsonSchema | undefined = activity;
        for (const key of path.slice(1).split('.')) at = at?.properties?.[key];
        return at === undefined;
      });
      assert.deepEqual(missing, [], 'descriptions name activity fields that do not exist');
    });

    test("the booking request's billing: its five fields, optional however the booking pays, required with payBy invoice", () => {
      const request = (
        operation('/bookings', 'POST') as unknown as {
          requestBody: { content: { 'application/json': { schema: JsonSchema & { required?: string[]; description?: string } } } };
        }
      ).requestBody.content['application/json'].schema;
      const billing = request.properties!.billing as JsonSchema & { required?: string[]; description?: string };
      assert.deepEqual(Object.keys(billing.properties ?? {}), ['organisation', 'address', 'reference', 'vatId', 'country']);
      assert.deepEqual(billing.required, ['organisation', 'address']);
      assert.ok(!(request.required ?? []).includes('billing'), 'billing is optional');
      assert.match(billing.description ?? '', /however it pays/);
      assert.match(billing.description ?? '', /required with payBy 'invoice'/);
      const country = billing.properties!.country as JsonSchema & { description?: string };
      assert.match(country.description ?? '', /ISO 3166-1 alpha-2 code, one of AT, BE, .*CH, GB\./);
      assert.match(country.description ?? '', /vat_id_other_country/);
    });

    test('the booking request takes null for every optional field (left out), its own null for termsVersion, no null for a required one', () => {
      const schema = (operation('/bookings', 'POST') as unknown as { requestBody: { content: { 'application/json': { schema: object } } } })
        .requestBody.content['application/json'].schema;
      const validate = ajv.compile(schema);
      const billing = { organisation: 'OBS De Linde', address: 'Dorpsstraat 1', reference: null, vatId: null, country: null };
      const optional = ['party', 'organisation', 'notes', 'termsVersion', 'language', 'option', 'submissionKey', 'payBy', 'extras'];
      const nulls = Object.fromEntries([...optional, 'discountCode', 'voucherCode'].map((key) => [key, null]));
      for (const request of [
        { ...bookingRequest(newId()), ...nulls, billing: null },
        { ...bookingRequest(newId()), groupSize: null, party: { pupil: 4 }, billing },
      ]) {
        assert.ok(validate(request), ajv.errorsText(validate.errors));
      }
      for (const key of ['slotId', 'name', 'email', 'phone', 'acceptTerms']) {
        assert.equal(validate({ ...bookingRequest(newId()), [key]: null }), false, `${key}: null is refused`);
      }
      assert.equal(validate({ ...bookingRequest(newId()), billing: { ...billing, organisation: null } }), false);
      // The group: groupSize or party, either alone or both; neither (left out or null) is refused.
      const { groupSize: _size, ...withoutGroup } = bookingRequest(newId());
      for (const group of [
        { groupSize: 4 },
        { party: { pupil: 4 } },
        { groupSize: 4, party: { pupil: 4 } },
        { groupSize: null, party: { pupil: 4 } },
      ]) {
        assert.ok(validate({ ...withoutGroup, ...group }), `${JSON.stringify(group)}: ${ajv.errorsText(validate.errors)}`);
      }
      for (const group of [{}, { groupSize: null }, { party: null }, { groupSize: null, party: null }]) {
        assert.equal(validate({ ...withoutGroup, ...group }), false, `${JSON.stringify(group)} is refused`);
      }
      // Each alternative alone, as a generator types it (openapi-typescript takes a bare `type: object`
      // for an empty object), says what its field is: a party of counts, a group size from 1.
      const [sized, counted] = (schema as { anyOf: object[] }).anyOf.map((alternative) => ajv.compile({ type: 'object', ...alternative }));
      assert.ok(counted!({ party: { pupil: 4 } }), ajv.errorsText(counted!.errors));
      for (const party of [{ pupil: 'vier' }, { pupil: 2.5 }, { pupil: -1 }]) {
        assert.equal(counted!({ party }), false, `${JSON.stringify(party)} is no party`);
      }
      assert.ok(sized!({ groupSize: 4 }));
      assert.equal(sized!({ groupSize: 0 }), false, 'a group size from 1');
    });

    test('every route under /api/v1 is documented, and every documented operation is a route', () => {
      const routes = t.app.routeInventory
        .filter((r) => r.url.startsWith('/api/v1/') && r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.url.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`);
      const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
      assert.deepEqual(routes.sort(), documented.sort());
    });

    test("a slot's reason lists only what refusalFor and a short required extra give, instants are date-time, money and counts are never negative", () => {
      const slots = operation('/activities/{id}/slots', 'GET').responses['200']!.content!['application/json']!.schema as {
        properties: { slots: { items: { properties: Record<string, Record<string, unknown>> } } };
      };
      const slot = slots.properties.slots.items.properties;
      assert.deepEqual(slot.reason!.enum, [...OFFER_REFUSALS]);
      assert.equal(slot.startsAt!.format, 'date-time');
      assert.equal(slot.remaining!.minimum, 0);
      const price = slot.price as { properties: { totalCents: { minimum: number } } };
      assert.equal(price.properties.totalCents.minimum, 0);
    });

    test('while the database cannot serve, each operation that uses it answers 503 with Retry-After, as documented', async () => {
      // The app on a real PostgreSQL client whose server is not there: every query's connection is refused.
      const unreachable = connectDatabase({ url: `postgres://groupz@127.0.0.1:${await freePort()}/groupz`, sqliteFile: '' });
      const down = injectOnPublicHost(
        await buildApp({ db: unreachable.db, clock: t.clock, auth: t.auth, publicUrl: t.publicUrl }),
        t.publicUrl,
      );
      try {
        const requests: [path: string, method: string, url: string, payload?: object][] = [
          ['/activities', 'GET', '/activities'],
          ['/activities/{id}/slots', 'GET', `/activities/${newId()}/slots`],
          ['/manage/{token}', 'GET', `/manage/${newToken()}`],
          ['/bookings', 'POST', '/bookings', bookingRequest(newId())],
        ];
        for (const [path, method, url, payload] of requests) {
          const response = await down.inject({ method: method as 'GET' | 'POST', url: `/api/v1${url}`, ...(payload && { payload }) });
          assert.equal(response.statusCode, 503, `${method} ${url}: ${response.body.slice(0, 200)}`);
          assert.equal(response.headers['retry-after'], String(UNAVAILABLE_RETRY_SECONDS), `${method} ${url}`);
          conforms(path, method, response.statusCode, response.headers['content-type'] as string | undefined, response.body);
        }
      } finally {
        await down.close();
        await unreachable.close();
      }
    });

    test('real answers of every operation, success and each error it documents, match the document', async () => {
      const activity = await makeActivityWithRules(
        t.database.db,
        t.clock,
        { options: { allowed: false } },
        { minGroupSize: 2, maxGroupSize: 12 },
      );
      const slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15', capacity: 6 });
      await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-16', capacity: 3 });
      const json = { 'content-type': 'application/json' };
      const elsewhere = { authority: 'evil.example' };

      await check('/openapi.json', 'GET', { url: '/openapi.json' });
      await check('/openapi.json', 'GET', { url: '/openapi.json', ...elsewhere });

      await check('/activities', 'GET', { url: '/activities' });
      await check('/activities', 'GET', {
        url: '/activities?q=test&category=other&maxPricePerPersonCents=5000&groupSize=4&date=2026-06-15',
      });
      await check('/activities', 'GET', { url: '/activities?category=kermis&maxPricePerPersonCents=-1&date=never' });
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
      const placed = bookingRequest(slot.id, { submissionKey: randomBytes(16).toString('base64url') });
      const token = new URL((await book(placed)).json().manageUrl).pathname.split('/').pop()!;
      await book(placed); // 200: a retry with the same submissionKey places nothing
      await book(bookingRequest(slot.id, { groupSize: 5 })); // 409 slot_full: 4 of 6 taken
      await book(bookingRequest(slot.id, { option: true })); // 409 option_not_allowed
      await book('{"slotId":');
      await book(bookingRequest(slot.id), { ...json, origin: 'https://evil.example' });
      await book(JSON.stringify({ notes: 'x'.repeat(BODY_LIMIT) }));
      await book('slotId=x', { 'content-type': 'text/plain' });
      await book({ ...bookingRequest(slot.id), email: 'nope' });
      // Billing details with any way of paying: kept (201), or refused field by field (422).
      const billing = { organisation: 'OBS De Linde', address: 'Dorpsstraat 1\n1234 AB Ergens', vatId: 'BE0207500123' };
      const billed = await book(bookingRequest(slot.id, { groupSize: 2, email: 'billed@example.nl', billing }));
      assert.equal(billed.statusCode, 201, billed.body);
      const badBilling = await book(bookingRequest(slot.id, { groupSize: 2, billing: { ...billing, vatId: 'XX1' } }));
      assert.deepEqual(
        badBilling.json().errors.map((e: { field: string }) => e.field),
        ['billing.vatId'],
      );
      await check('/bookings', 'POST', { url: '/bookings', headers: json, payload: bookingRequest(slot.id), ...elsewhere });
      await check('/manage/{token}', 'GET', { url: `/manage/${token}` });
      // With an invoice and the credit note that corrects it: negative amounts, statuses, the documents' URLs.
      const { reference } = (await book(placed)).json() as { reference: string };
      const { id: bookingId } = await t.database.db
        .selectFrom('bookings')
        .select('id')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      const invoice = await insertTestInvoice(t.database.db, t.clock, bookingId);
      await insertTestInvoice(t.database.db, t.clock, bookingId, { kind: 'credit_note', corrects: invoice });
      const invoiced = (await check('/manage/{token}', 'GET', { url: `/manage/${token}` })).json() as { invoices: unknown[] };
      assert.equal(invoiced.invoices.length, 2);
      await check('/manage/{token}', 'GET', { url: `/manage/${'A'.repeat(43)}` });
      await check('/manage/{token}', 'GET', { url: `/manage/${'a'.repeat(200)}` });
      await check('/manage/{token}', 'GET', { url: '/manage/%E0%A4%A' });
      await check('/manage/{token}', 'GET', { url: `/manage/${token}`, ...elsewhere });
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

      // Refused before any route: two Host headers (400), headers too large for Node's parser (431).
      for (const [path, method, url] of [
        ['/openapi.json', 'GET', '/openapi.json'],
        ['/activities', 'GET', '/activities'],
        ['/activities/{id}/slots', 'GET', `/activities/${activity.id}/slots`],
        ['/bookings', 'POST', '/bookings'],
        ['/manage/{token}', 'GET', `/manage/${token}`],
      ] as const) {
        await checkRaw(path, method, url, `Host: ${new URL(t.publicUrl).host}\r\n`, 400);
        await checkRaw(path, method, url, `X-Big: ${'b'.repeat(20_000)}\r\n`, 431);
      }

      // A method a path has no operation for: 405 with Allow, in the shape every operation of the path documents.
      for (const [path, method, allow] of [
        ['/openapi.json', 'DELETE', 'GET, HEAD'],
        ['/activities', 'POST', 'GET, HEAD'],
        ['/activities/{id}/slots', 'PUT', 'GET, HEAD'],
        ['/bookings', 'GET', 'POST'],
        ['/manage/{token}', 'DELETE', 'GET, HEAD'],
      ] as const) {
        const url = `/api/v1${path.replace('{id}', activity.id).replace('{token}', token)}`;
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
