import type { Connection, PoolClient, Query, QueryResult } from 'pg';

/** Kysely's text for starting a transaction without settings (PostgresDriver.beginTransaction). */
const BEGIN = 'begin';
const ENDS = new Set(['commit', 'rollback']);

type Callback = (error: Error | null, result: unknown) => void;
type PgQuery = Query & { name?: string; text?: string; values?: unknown[]; requiresPreparation(): boolean };
type Parsed = Connection & { parsedStatements: Record<string, string> };

const nothingRan = (command: string) => ({ command, rowCount: null, oid: 0, rows: [], fields: [] }) as unknown as QueryResult;

/**
 * A transaction's `BEGIN` sent with its first statement, in the same write (pg's cork), instead of
 * as a round trip of its own: Kysely sends `begin` alone and waits for its answer, and on two cores
 * each round trip costs the client a write that wakes the server, and the server a wake-up.
 *
 * The client holds Kysely's `begin` back and answers it at once; the transaction's first statement
 * then goes out as `BEGIN`'s Parse, Bind and Execute followed by its own messages and one Sync, so
 * PostgreSQL runs the two in order and answers both before the Sync's ReadyForQuery: the statement
 * runs in the transaction as it did, and an error in it leaves the transaction failed, to be rolled
 * back as before. A `COMMIT` or `ROLLBACK` with no statement before it ends a transaction never
 * started: nothing is sent. While `BEGIN` is held back the client reports itself in a transaction
 * (getTransactionStatus), as pg-named-statements.ts asks.
 *
 * Only a statement sent with the extended protocol (with values, or named) takes `BEGIN` along; one
 * sent as a simple query (a text without values, which may hold several statements) has `BEGIN`
 * sent first, on its own, as before.
 */
export function beginWithFirstStatement(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const status = client.getTransactionStatus.bind(client);
  let heldBack = false;
  client.getTransactionStatus = () => (heldBack ? 'T' : status());
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && args.length <= 2 && (values === undefined || (Array.isArray(values) && values.length === 0))) {
      if (text === BEGIN && !heldBack && status() === 'I') {
        heldBack = true;
        return Promise.resolve(nothingRan('BEGIN'));
      }
      if (heldBack && ENDS.has(text)) {
        heldBack = false;
        return Promise.resolve(nothingRan(text.toUpperCase()));
      }
    }
    if (!heldBack) return query(...args);
    heldBack = false;
    const [statement, callback] = submittableOf(client, args);
    if (statement.requiresPreparation()) return send(query, withBegin(statement), callback);
    // A simple query: BEGIN first, on its own.
    if (!callback) return (query(BEGIN) as Promise<unknown>).then(() => query(...args));
    query(BEGIN, (error: Error | null) => (error ? callback(error, undefined) : query(...args)));
    return typeof (text as PgQuery).submit === 'function' ? text : undefined;
  }) as PoolClient['query'];
}

/** The query pg would make of a call's arguments (a config, a text and values, or a query object), and the caller's callback. */
function submittableOf(client: PoolClient, args: unknown[]): [PgQuery, Callback | undefined] {
  const [first, second] = args;
  const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined;
  if (typeof (first as PgQuery).submit === 'function') return [first as PgQuery, callback];
  const config = typeof first === 'string' ? { text: first, values: Array.isArray(second) ? second : undefined } : first;
  return [new (client.constructor as unknown as { Query: new (config: unknown) => PgQuery }).Query(config), callback];
}

/** Runs `statement` on pg's queue: the caller's callback gets its own result, else the promise returned does. */
function send(query: (...args: unknown[]) => unknown, statement: PgQuery, callback: Callback | undefined): unknown {
  const ownResult = (result: unknown) => (Array.isArray(result) ? result.at(-1) : result);
  if (callback) {
    query(statement, (error: Error | null, result: unknown) => callback(error, error ? result : ownResult(result)));
    return statement;
  }
  return new Promise((resolve, reject) => {
    query(statement, (error: Error | null, result: unknown) => (error ? reject(error) : resolve(ownResult(result))));
  });
}

/**
 * `statement` with `BEGIN`'s messages written before its own. pg takes the first ParseComplete of
 * the exchange (BEGIN's) as the statement's: should the statement itself then fail to parse, pg's
 * record that the connection has it is undone, so that its next run parses it again.
 */
function withBegin(statement: PgQuery): PgQuery {
  const submit = statement.submit.bind(statement);
  statement.submit = (connection: Connection) => {
    const parsed = connection as Parsed;
    const name = statement.name;
    const known = name !== undefined && parsed.parsedStatements[name] !== undefined;
    const callback = (statement as unknown as { callback?: Callback }).callback;
    if (name !== undefined && !known && callback) {
      (statement as unknown as { callback: Callback }).callback = (error, result) => {
        if (error) delete parsed.parsedStatements[name];
        callback(error, result);
      };
    }
    connection.stream.cork();
    try {
      connection.parse({ text: BEGIN, name: '', types: [] }, true);
      connection.bind({}, true);
      connection.execute({}, true);
      return submit(connection);
    } finally {
      connection.stream.uncork();
    }
  };
  return statement;
}
