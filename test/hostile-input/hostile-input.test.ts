import { publishTermsIn } from '../../src/core/venues/venue-terms.service.js';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { PARTICIPANT_FIELDS } from '../../src/core/catalog/activity.js';
import { currentParticipantToken } from '../../src/core/participants/participant.service.js';
import { addStaff } from '../../src/core/staff/staff.service.js';
import { buildTestApp, type TestApp } from '../app.js';
import { testDialects } from '../databases.js';
import { book, bookingRequest, makeActivityWithRules, makeSlot } from '../factories.js';
import { postForm, sessionCookieOf, setUpAccount } from '../staff.js';
import { fuzzParameters, hostileHeaders, hostileSegment, printable } from './arbitraries.js';
import { assertResponseContract } from './contract.js';
import { leakIn } from './leaks.js';
import { countRows } from '../../src/db/count-rows.js';
import {
  type FuzzedRequest,
  fuzzRequest,
  isBehindSession,
  PUBLIC_ROUTES,
  routeKey,
  routesWithoutGenerator,
  type Targets,
} from './routes.js';

/** Runs per public route, per back-office route (GROUPZ_TEST_FUZZ_RUNS multiplies them). */
const RUNS_PER_ROUTE = 30;
const RUNS_PER_ADMIN_ROUTE = 4;

/** What a response to any request must never be: a 5xx, a leak, an HTML error without a page or an API error without a code. */
function assertSafe(request: FuzzedRequest['options'], response: LightMyRequestResponse): void {
  const what = `${request.method} ${request.url.slice(0, 200)}`;
  assert.ok(response.statusCode >= 200 && response.statusCode < 500, `${what}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  assertResponseContract(response.headers, `${what}: ${response.statusCode}`);
  const requestParts = [request.url, String(request.payload ?? ''), ...Object.values(request.headers)];
  const leak = leakIn(`${response.body}\n${response.headers.location ?? ''}`, requestParts);
  assert.equal(leak, undefined, `${what}: ${response.statusCode} leaks ${leak}`);
  if (response.statusCode >= 400 && response.statusCode !== 421 && request.method !== 'HEAD') {
    if (request.url.startsWith('/api/')) {
      const body = response.json() as { code?: unknown; message?: unknown };
      assert.ok(typeof body.code === 'string' && typeof body.message === 'string', `${what}: ${response.body.slice(0, 200)}`);
    } else {
      assert.match(String(response.headers['content-type']), /^text\/html/, `${what}: ${response.statusCode}`);
    }
  }
}

/** Rows the fuzz may only add by a request that says it did. */
async function counts(t: TestApp) {
  const db = t.database.db;
  const count = (table: 'bookings' | 'participants' | 'staff' | 'staff_sessions') => countRows(db, table);
  return {
    bookings: await count('bookings'),
    participants: await count('participants'),
    staff: await count('staff'),
    sessions: await count('staff_sessions'),
  };
}

/** A booking as the form and the API place one, with the app's link key (so that its participant link is the app's). */
function bookingRowOf(t: TestApp, id: string) {
  return t.database.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

for (const dialect of testDialects()) {
  describe(`hostile input to every route (${dialect.name})`, () => {
    let t: TestApp;
    let targets: Targets;
    let controlId: string;
    let controlBefore: unknown;
    let freshSlotId: string;
    let before0: Awaited<ReturnType<typeof counts>>;
    /** Rows the fuzz's own accepted requests added: bookings made, participants added and removed. */
    const accepted = { bookings: 0, participants: 0 };

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const db = t.database.db;
      const activity = await makeActivityWithRules(db, t.clock, { participantFields: [...PARTICIPANT_FIELDS] });
      const slot = await makeSlot(db, t.clock, activity, { date: '2026-06-20', capacity: 500 });
      await db.transaction().execute((trx) => publishTermsIn(trx, t.clock, activity.venue, { nl: 'Voorwaarden.', en: 'Terms.' }, null));
      const target = await book(db, t.clock, slot, {}, t.linkKey);
      const cancelled = await book(db, t.clock, slot, {}, t.linkKey);
      const joined = await book(db, t.clock, slot, { groupSize: 20 }, t.linkKey);
      // A booking nobody fuzzes: it must come out exactly as it went in.
      const control = await book(db, t.clock, await makeSlot(db, t.clock, activity, { date: '2026-06-21' }), {}, t.linkKey);
      controlId = control.booking.id;
      controlBefore = await bookingRowOf(t, controlId);
      freshSlotId = (await makeSlot(db, t.clock, activity, { date: '2026-06-22', capacity: 10 })).id;
      const account = await setUpAccount(t, { role: 'admin' });
      const login = await postForm(t, '/staff/login', { email: account.email, password: account.password });
      const { setupToken } = await addStaff(db, t.clock, { email: 'new@venue.test', name: 'New', role: 'admin' }, null);
      targets = {
        slotId: slot.id,
        activitySlug: activity.slug,
        activityId: activity.id,
        venueSlug: activity.venue.slug,
        termsVersion: '1',
        manageToken: target.manageToken,
        cancelToken: cancelled.manageToken,
        participantToken: (await currentParticipantToken(db, t.linkKey, joined.booking.id)) ?? assert.fail('no participant link'),
        setupToken,
        pendingSession: sessionCookieOf(login)!,
      };
      before0 = await counts(t);
    });
    after(() => t?.close());

    test('every public route has a generator, and no generator names a route that is gone', () => {
      assert.deepEqual(routesWithoutGenerator(t.app.routeInventory), []);
      const registered = new Set(t.app.routeInventory.map(routeKey));
      assert.deepEqual(
        Object.keys(PUBLIC_ROUTES).filter((key) => !registered.has(key)),
        [],
      );
    });

    test('public routes: no 5xx, no leak, whatever the path, query, body and headers', async () => {
      const routes = t.app.routeInventory.filter((r) => !isBehindSession(r.url));
      for (const route of routes) {
        const spec = PUBLIC_ROUTES[routeKey(route)]!;
        await fc.assert(
          fc.asyncProperty(fuzzRequest(route, spec, targets, t.publicUrl), async ({ options, misdirected, oversized }) => {
            const response = await t.app.inject(options);
            assertSafe(options, response);
            if (misdirected) assert.ok([400, 421].includes(response.statusCode), `wrong host: ${response.statusCode}`);
            if (oversized && response.statusCode < 400) assert.fail(`an oversized body was taken: ${route.method} ${options.url}`);
            const location = String(response.headers.location ?? '');
            if (response.statusCode === 201 && route.url === '/api/v1/bookings') accepted.bookings += 1;
            if (response.statusCode === 303 && route.url === '/book/:slotId' && location.startsWith('/b/')) accepted.bookings += 1;
            if (response.statusCode === 303 && route.url === '/p/:token' && location.endsWith('?added=1')) accepted.participants += 1;
            if (response.statusCode === 303 && location.includes('participants=removed')) accepted.participants -= 1;
          }),
          fuzzParameters(RUNS_PER_ROUTE),
        );
      }
    });

    test('back-office routes without a session: a redirect to sign in or a refusal, never 5xx', async () => {
      const routes = t.app.routeInventory.filter((r) => isBehindSession(r.url));
      assert.ok(routes.length > 20);
      for (const route of routes) {
        const request = fc
          .record({
            path: fc.array(hostileSegment, { minLength: 1, maxLength: 3 }),
            payload: fc.string({ maxLength: 200 }),
            headers: hostileHeaders,
          })
          .map(({ path, payload, headers }) =>
            printable({
              method: route.method,
              url: route.url.replace(/:\w+/g, () => path[0]!).replace(/\/$/, '') + (path.length > 1 ? `?${path.slice(1).join('&')}` : ''),
              headers: { ...headers, origin: t.publicUrl, 'content-type': 'application/x-www-form-urlencoded' },
              ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { payload }),
            }),
          );
        await fc.assert(
          fc.asyncProperty(request, async (options) => {
            const response = await t.app.inject(options);
            assertSafe(options, response);
            assert.ok(
              [303, 400, 401, 403, 404, 414].includes(response.statusCode),
              `${options.method} ${options.url}: ${response.statusCode}`,
            );
            if (response.statusCode === 303) assert.match(String(response.headers.location), /^\/staff\/login/);
          }),
          fuzzParameters(RUNS_PER_ADMIN_ROUTE),
        );
      }
    });

    test('afterwards: still up, nothing written by refusals, the untouched booking unchanged, a normal booking works', async () => {
      const health = await t.app.inject({ url: '/healthz' });
      assert.equal(health.statusCode, 200);
      const now = await counts(t);
      assert.equal(now.bookings - before0.bookings, accepted.bookings, 'bookings added = bookings the fuzz was told were made');
      assert.equal(
        now.participants - before0.participants,
        accepted.participants,
        'participants added = participants the fuzz was told were added',
      );
      assert.equal(now.staff, before0.staff, 'no staff member added');
      assert.ok(now.sessions <= before0.sessions, `no session made: ${before0.sessions} -> ${now.sessions}`);
      assert.deepEqual(await bookingRowOf(t, controlId), controlBefore);

      const booked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(freshSlotId, { groupSize: 3, name: 'Na de storm', email: 'na@example.nl' }),
      });
      assert.equal(booked.statusCode, 201, booked.body);
      const row = await t.database.db
        .selectFrom('bookings')
        .selectAll()
        .where('reference', '=', booked.json<{ reference: string }>().reference)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.slot_id, row.group_size, row.organiser_name, row.organiser_email],
        [freshSlotId, 3, 'Na de storm', 'na@example.nl'],
      );
    });
  });
}
