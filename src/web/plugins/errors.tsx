import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError, type DomainErrorCode } from '../../core/shared/errors.js';
import { isDatabaseUnavailable, isStatementPreparedAgain } from '../../db/unavailable.js';
import type { MessageKey } from '../i18n/i18n.js';
import { ErrorPage, type Resend } from '../views/error.page.js';
import { renderPage } from '../views/layout.js';
import type { Ui } from '../views/ui.js';
import { allowedMethodsAt } from './allowed-methods.js';
import { uiFor } from './language.js';
import { type OutageMemory, outageMemory } from './outage-memory.js';
import type { Clock } from '../../core/shared/clock.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's refusals for the database's unavailability, which /healthz reports. */
    databaseRefusals: OutageMemory;
  }
}

export const HTTP_ERROR_CODES = [
  'bad_request',
  'forbidden',
  'method_not_allowed',
  'misdirected_request',
  'body_too_large',
  'unsupported_media_type',
  'request_timeout',
  'headers_too_large',
  'internal_error',
  'unavailable',
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

/** A refusal at the HTTP level, with a code the visitor gets translated. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HttpErrorCode,
  ) {
    super(code);
  }
}

const DOMAIN_STATUS: Record<DomainErrorCode, number> = {
  not_found: 404,
  slot_full: 409,
  slot_unavailable: 409,
  group_too_small: 409,
  group_too_large: 409,
  booking_closed: 409,
  activity_unavailable: 409,
  price_unavailable: 409,
  time_nonexistent: 422,
  invalid_catalogue: 422,
  not_allowed: 403,
  email_taken: 409,
  email_invalid: 422,
  name_invalid: 422,
  venue_required: 422,
  setup_link_invalid: 404,
  password_too_short: 422,
  password_too_long: 422,
  password_common: 422,
  password_predictable: 422,
  password_wrong: 401,
  password_mismatch: 422,
  login_failed: 401,
  code_invalid: 401,
  throttled: 429,
  capacity_below_booked: 409,
  slot_has_bookings: 409,
  role_not_assignable: 422,
  self_change_refused: 409,
  last_admin: 409,
  member_disabled: 409,
  participants_closed: 409,
  participants_full: 409,
  booking_not_active: 409,
  booking_changed: 409,
  change_closed: 409,
  decrease_closed: 409,
  cancel_closed: 409,
  option_not_allowed: 409,
  option_too_late: 409,
  option_limit_reached: 409,
  option_expired: 409,
  option_already_extended: 409,
  submission_reused: 409,
  terms_changed: 409,
  refund_too_large: 409,
  payment_unavailable: 503,
  nothing_due: 409,
  extra_sold_out: 409,
};

export function statusOfDomainError(code: DomainErrorCode): number {
  return DOMAIN_STATUS[code];
}

/** The status of an answer naming refused fields: a form shown again with its input, the API's `validation_failed`. */
export const FIELD_ERRORS_STATUS = 422;

/** The status of a public listing whose filters (a query string, not a submitted form) are refused; the page still lists. */
export const FILTER_ERRORS_STATUS = 400;

function httpCodeOf(status: number, fastifyCode: string | undefined): HttpErrorCode {
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return 'body_too_large';
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return 'unsupported_media_type';
  if (status === 403) return 'forbidden';
  return status >= 500 ? 'internal_error' : 'bad_request';
}

/** Whether a request target (a path, or an absolute-form `http://host/path`) is under the API. */
export function isApiTarget(target: string): boolean {
  if (target.startsWith('/')) return target.startsWith('/api/');
  try {
    return new URL(target).pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

export function isApiRequest(request: FastifyRequest): boolean {
  return isApiTarget(request.url);
}

/**
 * A translated error's body: `{ code, message }` for the API, a page for everything else; with
 * `lostLink`, the page points to the form that mails a lost manage link; with `backOffice`, it is
 * the back office's (its footer, its way home).
 */
export function errorBody(
  api: boolean,
  ui: Ui,
  key: MessageKey,
  code: string,
  { lostLink = false, backOffice = false, resend }: { lostLink?: boolean; backOffice?: boolean; resend?: Resend | undefined } = {},
): { type: string; body: string } {
  const message = ui.t(key);
  if (api) return { type: 'application/json; charset=utf-8', body: JSON.stringify({ code, message }) };
  // An error page is never a page to index, whatever its address.
  const page = { ...ui, indexable: false };
  const title = ui.t(code === 'unavailable' ? 'http.unavailable_title' : 'http.error_title');
  return {
    type: 'text/html; charset=utf-8',
    body: renderPage(<ErrorPage ui={page} title={title} message={message} lostLink={lostLink} backOffice={backOffice} resend={resend} />),
  };
}

/** A manage (/b/...) or participant (/p/...) link: when it finds nothing, its page offers the lost-link form. */
function isBookingLinkPath(url: string): boolean {
  return /^\/[bp]\//.test(url);
}

/** The back office (/admin) and staff sign-in (/staff), where staff hold a session cookie. */
function isBackOfficePath(url: string): boolean {
  return /^\/(admin|staff)(\/|\?|$)/.test(url);
}

/**
 * A public form the database could not take: what was sent, to send again from the 503 page, which
 * needs no database to show it (a booking's form sent during an outage keeps what was typed, and
 * its submission key, so that it is placed once). Not the back office's, whose forms may hold a
 * password; not a body that is no form.
 */
function resendOf(request: FastifyRequest): Resend | undefined {
  const body = request.body;
  // The route's own path: the router decodes what the raw URL may escape (/%73taff/login is /staff/login).
  if (
    request.method !== 'POST' ||
    isBackOfficePath(request.routeOptions.url ?? request.url) ||
    isBackOfficePath(request.url) ||
    typeof body !== 'object' ||
    body === null
  )
    return undefined;
  const fields = Object.entries(body).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').map((v): [string, string] => [name, v]),
  );
  return { action: request.url, fields };
}

/** Sends a translated error as JSON (API) or as a page (everything else). */
export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, key: MessageKey, code: string) {
  const lostLink = status === 404 && isBookingLinkPath(request.url);
  const { type, body } = errorBody(isApiRequest(request), uiFor(request), key, code, {
    lostLink,
    backOffice: isBackOfficePath(request.url),
    resend: code === 'unavailable' ? resendOf(request) : undefined,
  });
  return reply.code(status).type(type).send(body);
}

/** PostgreSQL's refusal of a character its text cannot hold: 22021 (a NUL, or bytes that are not UTF-8), 22P05. */
function isUnstorableText(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '22021' || code === '22P05';
}

/**
 * Seconds a client is asked to wait (`Retry-After`) when the database cannot serve: an outage
 * that is not over in a minute or two (a restart, space freed) needs a person anyway.
 */
export const UNAVAILABLE_RETRY_SECONDS = 120;

/** Marks an answer as the database's unavailability (503): when to try again. */
export function markUnavailable(reply: FastifyReply): FastifyReply {
  return reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
}

/** At most one log line per this many milliseconds for the database's unavailability, however many requests meet it. */
const OUTAGE_LOG_INTERVAL_MS = 60_000;
let outageLoggedAt: number | undefined;
let outageUnlogged = 0;

/**
 * Notes a request refused for the database's unavailability, whichever route answers it: for
 * /healthz (databaseRefusals), and in the log once per burst, its first error, then one line a
 * minute counting the requests it refused. A statement prepared again after another process's
 * migration (isStatementPreparedAgain) fails one request, but is no outage: only logged.
 */
export function noteOutage(request: FastifyRequest, error: unknown): void {
  if (isStatementPreparedAgain(error)) {
    request.log.warn({ err: error }, 'a statement prepared again: another process changed its table (a migration)');
    return;
  }
  request.server.databaseRefusals.record();
  const now = performance.now();
  if (outageLoggedAt !== undefined && now - outageLoggedAt < OUTAGE_LOG_INTERVAL_MS) {
    outageUnlogged++;
    return;
  }
  request.log.error({ err: error, refusedSinceLastLine: outageUnlogged }, 'database unavailable: answering 503 until it serves again');
  outageLoggedAt = now;
  outageUnlogged = 0;
}

/**
 * Whether the error is the database's unavailability (503). Not an error HTTP already gave a status
 * (a client that hung up mid-body is Node's ECONNRESET as a 400): the request's, not the database's.
 */
export function isOutage(error: unknown): boolean {
  return !(error instanceof HttpError) && (error as { statusCode?: unknown }).statusCode === undefined && isDatabaseUnavailable(error);
}

/** Answers any error: domain refusals by their code, HTTP errors by status, the rest as a logged 500. */
export function replyToError(error: FastifyError | DomainError | HttpError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    return sendError(request, reply, statusOfDomainError(error.code), `error.${error.code}`, error.code);
  }
  if (isOutage(error)) {
    noteOutage(request, error);
    return sendError(request, markUnavailable(reply), 503, 'http.unavailable', 'unavailable');
  }
  if (isUnstorableText(error)) {
    // Text the database cannot hold (a NUL on PostgreSQL) that a route let through: the request's
    // fault, not the server's.
    request.log.warn({ err: error }, 'request held text the database cannot store');
    return sendError(request, reply, 400, 'http.bad_request', 'bad_request');
  }
  const status = error instanceof HttpError ? error.statusCode : (error.statusCode ?? 500);
  if (status === 404) return sendError(request, reply, 404, 'error.not_found', 'not_found');
  const code = error instanceof HttpError ? error.code : httpCodeOf(status, error.code);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  return sendError(request, reply, status >= 400 && status < 600 ? status : 500, `http.${code}`, code);
}

/**
 * One 404 for everything: an unknown page, id or token all look the same. A path the app has
 * routes for, asked with another method, gets 405 and the methods it has.
 */
export function notFoundHandler(app: FastifyInstance) {
  const allowedMethods = allowedMethodsAt(app);
  return (request: FastifyRequest, reply: FastifyReply) => {
    const allowed = allowedMethods(request);
    if (allowed.length === 0) return sendError(request, reply, 404, 'error.not_found', 'not_found');
    reply.header('allow', allowed.join(', '));
    return sendError(request, reply, 405, 'http.method_not_allowed', 'method_not_allowed');
  };
}

export const errorsPlugin = fp(async (app: FastifyInstance, { clock }: { clock: Clock }) => {
  app.decorate('databaseRefusals', outageMemory(clock));
  app.setNotFoundHandler(notFoundHandler(app));
  app.setErrorHandler(replyToError);
});
