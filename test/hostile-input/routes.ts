import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import type { RouteInventory } from '../../src/app.js';
import { bookingInputSchema } from '../../src/core/bookings/booking-input.js';
import { PARTICIPANT_FIELDS } from '../../src/core/catalog/activity.js';
import { SESSION_COOKIE } from '../../src/web/admin/session-cookie.js';
import { BODY_LIMIT } from '../../src/web/limits.js';
import { bookingRequest } from '../factories.js';
import { BILLING_FIELDS } from '../../src/web/views/billing-fields.js';
import {
  hostileContentType,
  hostileFormBody,
  hostileHeaders,
  hostileJsonBody,
  hostileQuery,
  hostileSegment,
  printable,
} from './arbitraries.js';

/** Real values the fuzzed requests use in some runs, so that handlers run past their lookups. */
export interface Targets {
  slotId: string;
  activitySlug: string;
  activityId: string;
  venueSlug: string;
  /** A version of that venue's booking terms. */
  termsVersion: string;
  manageToken: string;
  /** Another booking's manage link, for the routes that end a booking (cancelling, erasure). */
  cancelToken: string;
  /** A third booking's participant link (the manage routes may re-issue the first one's). */
  participantToken: string;
  setupToken: string;
  /** A session past the password step only (for the code step). */
  pendingSession: string;
}

/** What a route takes: its parameters' real values, its query keys, its form or JSON fields. */
export interface RouteFuzz {
  params?: Record<string, keyof Targets>;
  query?: readonly string[];
  form?: readonly string[];
  /** A valid form the fuzz starts from in some runs, to get one bad field past the others. */
  validForm?: (targets: Targets) => Record<string, string>;
  json?: readonly string[];
  validJson?: (targets: Targets) => Record<string, unknown>;
  /** Sends the pending session cookie in some runs. */
  pendingSession?: boolean;
}

/** The API's fields, and the billing object's by dotted name (the generator nests them). */
const BOOKING_FIELDS = [...Object.keys(bookingInputSchema.shape), ...BILLING_FIELDS];
const BOOKING_FORM = [
  'groupSize',
  'name',
  'email',
  'phone',
  'organisation',
  'notes',
  'payBy',
  ...BILLING_FIELDS,
  'discountCode',
  'voucherCode',
  'acceptTerms',
  'option',
  'submissionKey',
  'termsVersion',
  'action',
  'step',
  'lang',
];
const validBookingForm = () => ({
  groupSize: '4',
  name: 'Jan Jansen',
  email: 'jan@example.nl',
  phone: '+31 6 12345678',
  acceptTerms: 'yes',
  action: 'confirm',
});
const manage = { token: 'manageToken' } as const;

/**
 * Every route that needs no staff session, by `METHOD url` as registered (an asset's hash as
 * `<hash>`; HEAD goes with GET). A route missing here fails the suite.
 */
export const PUBLIC_ROUTES: Record<string, RouteFuzz> = {
  'GET /healthz': {},
  'GET /robots.txt': {},
  // The privacy statement: no input, written from the settings.
  'GET /privacy': {},
  'GET /assets/app.<hash>.css': {},
  'GET /assets/logo.<hash>.svg': {},
  'GET /assets/copy-link.<hash>.js': {},
  // A photo's variant: the name is all it takes (any other name is a 404).
  'GET /photos/:name': {},
  'POST /language': { form: ['lang', 'back'] },
  'GET /': { query: ['q', 'city', 'category', 'maxPrice', 'date', 'groupSize'] },
  'GET /activities/:slug': { params: { slug: 'activitySlug' }, query: ['date', 'groupSize', 'month'] },
  'GET /book/:slotId': { params: { slotId: 'slotId' }, query: ['groupSize'] },
  'POST /book/:slotId': { params: { slotId: 'slotId' }, form: BOOKING_FORM, validForm: validBookingForm },
  'GET /b/:token': { params: manage, query: ['created', 'done', 'participants'] },
  'GET /b/:token/group-size': { params: manage },
  'GET /b/:token/resend': { params: manage },
  'POST /b/:token/group-size': { params: manage, form: ['groupSize'] },
  'GET /b/:token/group-size/preview': { params: manage },
  'POST /b/:token/group-size/preview': { params: manage, form: ['groupSize'] },
  'GET /b/:token/cancel': { params: manage },
  'POST /b/:token/cancel': { params: { token: 'cancelToken' }, form: ['confirm'] },
  'POST /b/:token/confirm': { params: manage, form: [] },
  'POST /b/:token/resend': { params: manage, form: [] },
  'POST /b/:token/voucher': { params: manage, form: ['voucherCode'] },
  'GET /b/:token/data': { params: manage },
  'GET /b/:token/data.json': { params: manage },
  'GET /b/:token/erase': { params: manage },
  // Erasure ends a booking's link once its visit is over: the booking the suite may end.
  'POST /b/:token/erase': { params: { token: 'cancelToken' }, form: [] },
  'GET /b/:token/calendar.ics': { params: manage },
  // The suite's bookings have no invoices: every name is a 404, the token's lookup runs for a well-formed one.
  'GET /b/:token/invoices/:file': { params: manage },
  'POST /b/:token/participants/remove': { params: manage, form: ['participant'] },
  'POST /b/:token/participants/new-link': { params: manage, form: [] },
  // Online payment isn't set up in the suite's app: the pay link answers "nothing due" (303 to the manage page).
  'GET /b/:token/pay': { params: manage },
  'GET /b/:token/payments/:paymentId': { params: manage, query: ['wait'] },
  'POST /payments/webhook': { form: ['id'] },
  // Anything else under /b/, in every method.
  ...Object.fromEntries(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'QUERY'].map((m) => [`${m} /b/*`, { form: ['x'] }])),
  'GET /manage-link': { query: ['sent'] },
  'POST /manage-link': { form: ['reference', 'email'], validForm: () => ({ reference: 'GZ-ABCD-EFGH', email: 'jan@example.nl' }) },
  'GET /venues/:slug/terms': { params: { slug: 'venueSlug' } },
  // Gift vouchers sold online: the suite's app has no Mollie key, so the form says they are sold at the venue.
  'GET /venues/:slug/vouchers': { params: { slug: 'venueSlug' } },
  'POST /venues/:slug/vouchers': {
    params: { slug: 'venueSlug' },
    form: ['amount', 'otherAmount', 'buyerName', 'buyerEmail', 'recipientName', 'message', 'acceptTerms', 'lang'],
  },
  // No sale's id and token is real here: every one is a 404, after the token's check.
  'GET /vouchers/sales/:voucherId/:token': {},
  'GET /vouchers/sales/:voucherId/:token/pay': {},
  'GET /venues/:slug/terms/:version': { params: { slug: 'venueSlug', version: 'termsVersion' } },
  'GET /p/:token': { params: { token: 'participantToken' }, query: ['added'] },
  'POST /p/:token': {
    params: { token: 'participantToken' },
    form: ['name', ...PARTICIPANT_FIELDS],
    validForm: () => ({ name: 'Piet', dietary: '', allergies: '', emergency_phone: '' }),
  },
  'GET /staff/login': { query: ['reason'] },
  'POST /staff/login': { form: ['email', 'password'], validForm: () => ({ email: 'someone@venue.test', password: 'x' }) },
  'GET /staff/login/code': { pendingSession: true },
  'POST /staff/login/code': { form: ['code'], pendingSession: true },
  'POST /staff/logout': { form: ['_csrf'], pendingSession: true },
  'GET /staff/setup/:token': { params: { token: 'setupToken' } },
  'POST /staff/setup/:token': { params: { token: 'setupToken' }, form: ['password', 'password_repeat'] },
  'GET /staff/setup/:token/two-factor': { params: { token: 'setupToken' } },
  'POST /staff/setup/:token/two-factor': { params: { token: 'setupToken' }, form: ['code'] },
  'GET /api/v1/openapi.json': {},
  'GET /api/v1/activities': { query: ['q', 'city', 'category', 'maxPricePerPersonCents', 'date', 'groupSize'] },
  'GET /api/v1/activities/:id/slots': { params: { id: 'activityId' }, query: ['from', 'to', 'groupSize'] },
  'POST /api/v1/bookings': { json: BOOKING_FIELDS, validJson: (targets) => bookingRequest(targets.slotId) },
  'GET /api/v1/manage/:token': { params: manage },
};

/** The back office: everything under /admin answers only a verified staff session. */
export function isBehindSession(url: string): boolean {
  return url === '/admin' || url.startsWith('/admin/');
}

/** A route's key in PUBLIC_ROUTES. */
export function routeKey({ method, url }: { method: string; url: string }): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url.replace(/\.[0-9a-f]{12}\./, '.<hash>.')}`;
}

/** The public routes of the app (as registered) that have no entry in PUBLIC_ROUTES. */
export function routesWithoutGenerator(inventory: RouteInventory): string[] {
  return inventory.filter((r) => !isBehindSession(r.url) && !(routeKey(r) in PUBLIC_ROUTES)).map((r) => `${r.method} ${r.url}`);
}

/** One fuzzed request, and what it was meant to exercise. */
export interface FuzzedRequest {
  options: InjectOptions & { method: string; url: string; headers: Record<string, string> };
  /** Sent to a wrong host (expects 421). */
  misdirected: boolean;
  /** Bigger than BODY_LIMIT. */
  oversized: boolean;
}

/** A route's URL with its parameters filled in: the real value in some runs, hostile segments in the others. */
function fuzzPath(url: string, spec: RouteFuzz, targets: Targets): fc.Arbitrary<string> {
  const parts = url.split(/(:\w+|\*)/);
  return fc
    .tuple(
      ...parts.map((part) => {
        if (part === '*') return fc.array(hostileSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
        if (!part.startsWith(':')) return fc.constant(part);
        const target = spec.params?.[part.slice(1)];
        return target
          ? fc.oneof({ weight: 3, arbitrary: fc.constant(targets[target]) }, { weight: 2, arbitrary: hostileSegment })
          : hostileSegment;
      }),
    )
    .map((filled) => filled.join(''));
}

/** A body for a request: the route's form or JSON with hostile fields, the wrong type, garbage, nothing, or too much. */
type Body = { contentType?: string | undefined; payload?: string; oversized: boolean };

function fuzzBody(spec: RouteFuzz, targets: Targets): fc.Arbitrary<Body> {
  const formFields = spec.form ?? spec.json ?? [];
  const jsonFields = spec.json ?? spec.form ?? [];
  const validForm = spec.validForm?.(targets) ?? {};
  const validJson = spec.validJson?.(targets) ?? {};
  const native = spec.json ? 'json' : 'form';
  const formFromValid = hostileFormBody(formFields, validForm).map((payload) => ({
    contentType: 'application/x-www-form-urlencoded',
    payload,
    oversized: false,
  }));
  const formBare = hostileFormBody(formFields).map((payload) => ({
    contentType: 'application/x-www-form-urlencoded',
    payload,
    oversized: false,
  }));
  const jsonFromValid = hostileJsonBody(jsonFields, validJson).map((payload) => ({
    contentType: 'application/json',
    payload,
    oversized: false,
  }));
  const jsonBare = hostileJsonBody(jsonFields).map((payload) => ({ contentType: 'application/json', payload, oversized: false }));
  const wrongType = fc
    .tuple(hostileContentType, fc.oneof(hostileFormBody(formFields), hostileJsonBody(jsonFields)))
    .map(([contentType, payload]) => ({ contentType, payload, oversized: false }));
  const oversized = fc
    .tuple(fc.constantFrom('application/x-www-form-urlencoded', 'application/json'), fc.integer({ min: 1, max: 4 * BODY_LIMIT }))
    .map(([contentType, extra]) => ({
      contentType,
      payload:
        contentType === 'application/json' ? `{"name":"${'x'.repeat(BODY_LIMIT + extra)}"}` : `name=${'x'.repeat(BODY_LIMIT + extra)}`,
      oversized: true,
    }));
  return fc.oneof(
    { weight: native === 'form' ? 4 : 1, arbitrary: fc.oneof(formFromValid, formBare) },
    { weight: native === 'json' ? 4 : 1, arbitrary: fc.oneof(jsonFromValid, jsonBare) },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant<Body>({ oversized: false }) },
    { weight: 1, arbitrary: oversized },
  );
}

/** Origin and fetch metadata: a same-origin browser or a plain client in most runs, a foreign or odd one in the rest. */
function fuzzOrigin(publicUrl: string): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constant({ origin: publicUrl }) },
    { weight: 2, arbitrary: fc.constant({ origin: 'null', 'sec-fetch-site': 'same-origin' }) },
    { weight: 2, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          origin: fc.constantFrom('https://evil.example', 'null', '', 'garbage', `${publicUrl}.evil.example`, `${publicUrl}:99999`),
          'sec-fetch-site': fc.constantFrom('cross-site', 'same-site', 'none', 'same-origin', '', 'garbage'),
        },
        { requiredKeys: [] },
      ),
    },
  );
}

/** Wrong Host values (expect 421): another name, an IP, odd spellings. The right host in most runs. */
function fuzzAuthority(publicUrl: string): fc.Arbitrary<string | undefined> {
  const host = new URL(publicUrl).host;
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('evil.example', '127.0.0.1', `${host}.`, `${host}:8080`, `x.${host}`, `${host}@evil.example`, '[::1]'),
    },
  );
}

/** A fuzzed request to one route. */
export function fuzzRequest(
  route: { method: string; url: string },
  spec: RouteFuzz,
  targets: Targets,
  publicUrl: string,
): fc.Arbitrary<FuzzedRequest> {
  const withBody = route.method !== 'GET' && route.method !== 'HEAD';
  const query = fc.oneof(fc.constant(''), hostileQuery(spec.query ?? ['x']));
  const session = spec.pendingSession
    ? fc.oneof(fc.constant(undefined), fc.constant(`${SESSION_COOKIE}=${targets.pendingSession}`))
    : fc.constant(undefined);
  return fc
    .record({
      path: fuzzPath(route.url, spec, targets),
      query,
      body: withBody ? fuzzBody(spec, targets) : fc.constant<Body>({ oversized: false }),
      origin: withBody ? fuzzOrigin(publicUrl) : fc.constant({}),
      headers: hostileHeaders,
      session,
      authority: fuzzAuthority(publicUrl),
    })
    .map(({ path, query, body, origin, headers, session, authority }) => {
      const cookie = [headers.cookie, session].filter(Boolean).join('; ');
      const all: Record<string, string> = { ...headers, ...origin, ...(cookie ? { cookie } : {}) };
      if (body.contentType !== undefined) all['content-type'] = body.contentType;
      return printable({
        options: {
          method: route.method,
          url: path + query,
          headers: all,
          ...(body.payload !== undefined ? { payload: body.payload } : {}),
          ...(authority !== undefined ? { authority } : {}),
        },
        misdirected: authority !== undefined,
        oversized: body.oversized,
      });
    });
}
