import { resultTypeChanged } from './pg-named-statements.js';
import { QUERY_TIMEOUT_MESSAGE } from './pg-query-timeout.js';

/**
 * Whether an error says the database (or the disk under it) cannot serve now, rather than that the
 * request or the code is wrong: the answer is then 503 with Retry-After (src/web/plugins/errors.tsx),
 * and the same request succeeds once the database is back, without a restart.
 *
 * PostgreSQL: the connection refused, reset or cut (the server stopped, restarted, unreachable),
 * the server shutting down or starting up (57P01 admin shutdown, 57P02 crash shutdown, 57P03
 * cannot connect now), a connection exception (class 08), insufficient resources (class 53: disk
 * full, out of memory, too many connections), and pg's own errors for a connection that ended or
 * timed out, or a statement the server did not answer in time (src/db/pg-query-timeout.ts), and a
 * prepared statement whose result type a migration changed under a transaction (the statement is
 * prepared again for the next request, src/db/pg-named-statements.ts). SQLite: a full disk, an I/O error, a lock not granted within the busy timeout, a file
 * that cannot be opened or written. Any file system's refusal for want of room (ENOSPC, EDQUOT): a
 * file a request writes on a full disk is the same condition as the database's.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, (cause) => {
    if (unavailableCode(cause.code) || unavailableMessage(cause.message) || resultTypeChanged(cause)) return true;
    // Node's connection attempts to each address of a name (localhost: ::1 and 127.0.0.1).
    return cause instanceof AggregateError && cause.errors.some(isDatabaseUnavailable);
  });
}

/**
 * Whether the error is a statement's result type changed by another process's migration: its
 * request fails (503, to be tried again) while the database serves, and the statement is prepared
 * again for the next (src/db/pg-named-statements.ts). No outage, for /healthz nor the log.
 */
export function isStatementPreparedAgain(error: unknown): boolean {
  return someCause(error, resultTypeChanged);
}

/** Whether the error, or an error it was caused by (a few deep), is such. */
function someCause(error: unknown, is: (cause: { code?: unknown; message?: unknown; cause?: unknown }) => boolean): boolean {
  for (let cause = error, depth = 0; isObject(cause) && depth < 5; cause = cause.cause, depth++) {
    if (is(cause)) return true;
  }
  return false;
}

function isObject(value: unknown): value is { code?: unknown; message?: unknown; cause?: unknown } {
  return typeof value === 'object' && value !== null;
}

/** Node's errors for a connection that cannot be made or was lost. */
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Node's errors for a file system with no room left: the disk full, or the user's quota used up. */
const NO_ROOM = new Set(['ENOSPC', 'EDQUOT']);

/** PostgreSQL's SQLSTATEs for a server that is going away or not there yet. */
const SERVER_GOING_AWAY = new Set(['57P01', '57P02', '57P03']);

/** SQLite's primary result codes (extended codes such as SQLITE_IOERR_WRITE begin with them). */
const SQLITE_UNAVAILABLE = ['SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_READONLY'];

function unavailableCode(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  if (CONNECTION_ERRORS.has(code) || NO_ROOM.has(code) || SERVER_GOING_AWAY.has(code)) return true;
  // SQLSTATE classes 08 (connection exception) and 53 (insufficient resources).
  if (/^(08|53)[0-9A-Z]{3}$/.test(code)) return true;
  return SQLITE_UNAVAILABLE.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
}

/** pg's errors without a code: its connection ended, could not be made in time, or got no answer in time. */
const PG_CONNECTION_LOST = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
  QUERY_TIMEOUT_MESSAGE,
];

function unavailableMessage(message: unknown): boolean {
  return typeof message === 'string' && PG_CONNECTION_LOST.some((start) => message.startsWith(start));
}
