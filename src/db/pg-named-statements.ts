import { createHash } from 'node:crypto';
import type { Connection, PoolClient, Query } from 'pg';

/**
 * Named prepared statements on PostgreSQL for the SQL of the queries compiled once
 * (src/db/prepared-query.ts). Sent with a name, pg has PostgreSQL parse a statement once per
 * connection and only binds and runs it afterwards; after five runs PostgreSQL may keep a generic
 * plan and stop planning it too. A booking's statements cost PostgreSQL more to plan than to run
 * (docs/performance.md).
 *
 * Only the texts registered here are named, so that queries built per call (whose texts vary)
 * do not fill each connection's statements. The registered texts are those of the application's
 * prepared queries (a fixed set, each compiled once) and of the statements insertTogether makes of
 * them (a few sequences); past MAX_NAMED_STATEMENTS, should that ever grow, texts run unnamed.
 */
const names = new Map<string, string>();
/** The statements prepared again under a new name since their result type changed: registered name to how many times. */
const generations = new Map<string, number>();

const MAX_NAMED_STATEMENTS = 1000;

/** Registers a query's SQL (PostgreSQL's) to be sent as a named statement from now on. */
export function registerNamedStatement(sql: string): void {
  if (names.has(sql) || names.size >= MAX_NAMED_STATEMENTS) return;
  names.set(sql, `gz_${createHash('sha256').update(sql).digest('base64url').slice(0, 22)}`);
}

/**
 * PostgreSQL's error for a statement prepared before its tables changed the columns it returns
 * (a migration adding a column to a table read with `*`, applied by another process while this
 * one's connections live): `cached plan must not change result type`. The connection's statement
 * is then unusable; PostgreSQL plans it again by itself for any other change. Told by its SQLSTATE
 * (feature not supported) and the function of PostgreSQL's that raises it, not by its message,
 * which the server translates (lc_messages: `gecachter Plan darf den Ergebnistyp nicht ändern`).
 */
export function resultTypeChanged(error: unknown): boolean {
  const { code, routine } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; routine?: unknown };
  return code === '0A000' && routine === 'RevalidateCachedQuery';
}

/**
 * Sends the registered texts a pool client is given (as Kysely gives them, `query(text, values)`)
 * as named statements. A connection's statements live as long as it does: a connection the pool
 * drops takes them with it, and a new one prepares each again on its first use.
 *
 * A statement whose result type changed under it (resultTypeChanged) is prepared again under a
 * new name (the old one cannot be replaced while a failed transaction holds the connection), on
 * every connection of the process: the first connection to meet it moves the statement to its
 * next generation, and the others prepare that afresh on their next run instead of each failing
 * once. The statement that met it is run again at once when it ran alone; in a transaction it
 * fails, and the transaction with it, as unavailable (503, src/db/unavailable.ts): the request
 * succeeds when tried again.
 *
 * The statement replaced is closed on each connection that prepared it, with the first run there
 * of its next generation (withClosed): no statement is left behind per connection and migration.
 */
export function nameRegisteredStatements(client: PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  /** The name each registered statement last ran under on this connection. */
  const ranAs = new Map<string, string>();
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    const registered = typeof text === 'string' && (values === undefined || Array.isArray(values)) ? names.get(text) : undefined;
    if (registered === undefined || typeof args.at(-1) === 'function') return query(...args);
    const alone = client.getTransactionStatus() === 'I';
    const run = () => {
      const generation = generations.get(registered) ?? 0;
      const name = generation === 0 ? registered : `${registered}_${generation}`;
      const replaced = ranAs.get(registered);
      ranAs.set(registered, name);
      const ran =
        replaced === undefined || replaced === name
          ? (query({ name, text, values }) as Promise<unknown>)
          : new Promise((resolve, reject) => {
              query(
                withClosed(client, replaced, { name, text: text as string, values: (values as unknown[] | undefined) ?? [] }),
                (error: unknown, result: unknown) => (error ? reject(error) : resolve(result)),
              );
            });
      return ran.catch((error: unknown) => {
        if (!resultTypeChanged(error)) throw error;
        // Moved on once, by whichever connection met it first.
        if ((generations.get(registered) ?? 0) === generation) generations.set(registered, generation + 1);
        throw error;
      });
    };
    return run().catch((error: unknown) => {
      if (alone && resultTypeChanged(error)) return run();
      throw error;
    });
  }) as PoolClient['query'];
}

/**
 * pg's query for a statement that also closes the statement it replaces on the connection: a Close
 * message sent with the statement's own (no round trip more), and pg's record of the connection's
 * statements (connection.parsedStatements) told so, to keep in step with the server. Sent as the
 * query goes out, after every query queued on the connection before it (those that may still run
 * the replaced statement), never while one of them runs it. PostgreSQL takes a Close for a
 * statement the connection does not have (one that failed to prepare) without an error, and in a
 * failed transaction too: closing cannot fail the query it goes with.
 */
function withClosed(client: PoolClient, replaced: string, config: { name: string; text: string; values: unknown[] }): Query {
  const query = new (client.constructor as unknown as { Query: typeof Query }).Query(config);
  const submit = query.submit;
  query.submit = (connection: Connection) => {
    const parsed = connection as Connection & {
      parsedStatements: Record<string, string>;
      submittedNamedStatements: Record<string, string>;
    };
    delete parsed.parsedStatements[replaced];
    delete parsed.submittedNamedStatements[replaced];
    connection.close({ type: 'S', name: replaced }, true);
    return submit.call(query, connection);
  };
  return query;
}
