import type { Connection, PoolClient, Query, QueryResult } from 'pg';

/** Kysely's texts for a transaction's bounds (PostgresDriver: `begin` without settings, `commit`, `rollback`). */
const BEGIN = 'begin';
const COMMIT = 'commit';
const ENDS = new Set([COMMIT, 'rollback']);

/**
 * How a statement's SQL ends when it is its transaction's last and takes the `COMMIT` along: a
 * comment, so the SQL means the same to PostgreSQL, and shows in its statistics and logs.
 */
export const THEN_COMMIT = ' /* then commit */';

type Callback = (error: Error | null, result: unknown) => void;
type PgQuery = Query & {
  name?: string;
  text?: string;
  portal?: string;
  callback?: Callback;
  requiresPreparation(): boolean;
  _getRows(connection: Connection, rows?: number): void;
};
type Parsed = Connection & { parsedStatements: Record<string, string> };

const nothingRan = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] }) as unknown as QueryResult;

/**
 * A transaction's `BEGIN` sent with its first statement, and its `COMMIT` with its last when that
 * says so (its SQL ends with THEN_COMMIT), each in the statement's own write (pg's cork) instead of
 * a round trip of its own. Kysely sends each alone and waits for its answer; on two cores every
 * round trip costs the client a write that wakes the server, and the server a wake-up, and a
 * booking's last round trips hold its slot's row locked.
 *
 * The client holds Kysely's `begin` back and answers it at once; the transaction's first statement
 * then goes out as `BEGIN`'s Parse, Bind and Execute, its own messages, and one Sync. A last
 * statement is followed by `COMMIT`'s messages before the Sync. PostgreSQL runs them in order and
 * answers all before the Sync's ReadyForQuery; when the statement fails, it skips the rest up to
 * the Sync, so `COMMIT` does not run and the transaction is left failed, to be rolled back as
 * before. Kysely's own `commit` after a statement that took it along, and a `commit` or `rollback`
 * with no statement before it, are answered without sending anything. A statement sent after the
 * transaction committed with its last one fails instead of running on its own. While `BEGIN` is
 * held back the client reports itself in a transaction (getTransactionStatus), as
 * pg-named-statements.ts asks.
 *
 * Only a statement sent with the extended protocol (with values, or named) takes `BEGIN` or
 * `COMMIT` along; around one sent as a simple query (a text without values, which may hold several
 * statements) they are sent on their own, as before.
 */
export function boundsWithStatements(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const status = client.getTransactionStatus.bind(client);
  let beginHeld = false;
  let committed = false;
  client.getTransactionStatus = () => (beginHeld ? 'T' : status());
  client.query = ((...args: unknown[]) => {
    const [first, values] = args;
    if (typeof first === 'string' && args.length <= 2 && (values === undefined || (Array.isArray(values) && values.length === 0))) {
      if (first === BEGIN && !beginHeld && !committed && status() === 'I') {
        beginHeld = true;
        return Promise.resolve(nothingRan('BEGIN'));
      }
      if ((beginHeld || committed) && ENDS.has(first)) {
        beginHeld = committed = false;
        return Promise.resolve(nothingRan(first.toUpperCase()));
      }
    }
    if (committed) return Promise.reject(new Error('a statement sent after its transaction committed with its last statement'));
    const commit = (beginHeld || status() === 'T') && textOf(first)?.endsWith(THEN_COMMIT) === true;
    if (!beginHeld && !commit) return query(...args);
    const begin = beginHeld;
    beginHeld = false;
    const [statement, callback] = submittableOf(client, args);
    if (!statement.requiresPreparation()) {
      // A simple query: BEGIN first, on its own; Kysely's COMMIT after it.
      if (!begin) return query(...args);
      if (!callback) return (query(BEGIN) as Promise<unknown>).then(() => query(...args));
      query(BEGIN, (error: Error | null) => (error ? callback(error, undefined) : query(...args)));
      return typeof (first as PgQuery).submit === 'function' ? first : undefined;
    }
    const ownResult = (result: unknown) => (Array.isArray(result) ? result[begin ? 1 : 0] : result);
    const run = (done: Callback) =>
      query(bounded(statement, begin, commit), (error: Error | null, result: unknown) => {
        if (!error && commit) committed = true;
        done(error, error ? result : ownResult(result));
      });
    if (callback) {
      run(callback);
      return statement;
    }
    return new Promise((resolve, reject) => run((error, result) => (error ? reject(error) : resolve(result))));
  }) as PoolClient['query'];
}

function textOf(first: unknown): string | undefined {
  if (typeof first === 'string') return first;
  const text = (first as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : undefined;
}

/** The query pg would make of a call's arguments (a config, a text and values, or a query object), and the caller's callback. */
function submittableOf(client: PoolClient, args: unknown[]): [PgQuery, Callback | undefined] {
  const [first, second] = args;
  const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined;
  if (typeof (first as PgQuery).submit === 'function') return [first as PgQuery, callback];
  const config = typeof first === 'string' ? { text: first, values: Array.isArray(second) ? second : undefined } : first;
  return [new (client.constructor as unknown as { Query: new (config: unknown) => PgQuery }).Query(config), callback];
}

/** Parse, Bind and Execute of a statement without values, unnamed, as part of a larger exchange. */
function sendUnnamed(connection: Connection, text: string): void {
  connection.parse({ text, name: '', types: [] }, true);
  connection.bind({}, true);
  connection.execute({}, true);
}

/**
 * `statement` with `BEGIN`'s messages written before its own, and `COMMIT`'s after them. pg takes
 * the first ParseComplete of the exchange (BEGIN's) as the statement's: should the statement itself
 * then fail to parse, pg's record that the connection has it is undone, so that its next run
 * parses it again.
 */
function bounded(statement: PgQuery, begin: boolean, commit: boolean): PgQuery {
  const submit = statement.submit.bind(statement);
  statement.submit = (connection: Connection) => {
    const parsed = connection as Parsed;
    const name = statement.name;
    const callback = statement.callback;
    if (begin && name !== undefined && parsed.parsedStatements[name] === undefined && callback) {
      statement.callback = (error, result) => {
        if (error) delete parsed.parsedStatements[name];
        callback(error, result);
      };
    }
    if (commit) {
      const getRows = statement._getRows.bind(statement);
      statement._getRows = (connection: Connection, rows?: number) => {
        if (rows) return getRows(connection, rows);
        connection.execute({ portal: statement.portal ?? '' }, true);
        sendUnnamed(connection, COMMIT);
        connection.sync();
      };
    }
    connection.stream.cork();
    try {
      if (begin) sendUnnamed(connection, BEGIN);
      return submit(connection);
    } finally {
      connection.stream.uncork();
    }
  };
  return statement;
}
