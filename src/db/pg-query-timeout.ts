import type { PoolClient } from 'pg';

/**
 * How long one statement on PostgreSQL may go without an answer before it fails as unavailable
 * (503): a server that stops answering without closing its connections (a frozen host, a network
 * that drops its packets) would otherwise hold the request, and the connection it holds, for good.
 * Generous for the slowest statement a request or a job runs (an export, a retention run's delete);
 * backups run `pg_dump`, a process of its own, which this does not bound.
 */
export const QUERY_TIMEOUT_MS = 30_000;

/** pg's error for a statement that got no answer within `query_timeout`. */
export const QUERY_TIMEOUT_MESSAGE = 'Query read timeout';

/**
 * Cuts the connection of a statement that timed out. pg fails the statement but leaves it in flight
 * on the connection, so the statements after it there (the transaction's rollback, or the next
 * request's once the pool hands the connection out again) would each wait behind it for another
 * full timeout. Cut, the connection fails them at once (503 too), and the pool drops it and opens a
 * new one for the next request.
 */
export function cutOnQueryTimeout(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const cutIfTimedOut = (error: unknown) => {
    if (error instanceof Error && error.message === QUERY_TIMEOUT_MESSAGE) client.connection.stream.destroy();
  };
  client.query = ((...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        cutIfTimedOut(error);
        callback(error, result);
      };
    }
    const result = query(...args);
    if (result instanceof Promise) result.catch(cutIfTimedOut);
    return result;
  }) as PoolClient['query'];
}
