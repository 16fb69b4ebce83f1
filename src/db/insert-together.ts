import { type OperationNodeSource, PostgresAdapter, sql } from 'kysely';
import { executeCombined, type PendingInsert, type PreparedQuery } from './prepared-query.js';
import { THEN_COMMIT } from './pg-transaction-bounds.js';
import type { Tx } from './schema.js';

export type { PendingInsert } from './prepared-query.js';

const withQueries = (inserts: readonly OperationNodeSource[]) => {
  const queries = inserts.slice(0, -1).map((insert, i) => sql`${sql.id(`insert_${i}`)} as (${insert})`);
  return queries.length > 0 ? sql`with ${sql.join(queries)} ${inserts.at(-1)}` : sql`${inserts.at(-1)}`;
};
/** withQueries as its transaction's last statement, which takes the COMMIT along (pg-transaction-bounds.ts). */
const withQueriesThenCommit = (inserts: readonly OperationNodeSource[]) => sql`${withQueries(inserts)}${sql.raw(THEN_COMMIT)}`;

/** How insertTogether's statement ends its transaction. */
export interface Ending {
  /**
   * The statement is the transaction's last: on PostgreSQL the COMMIT goes with it, in its round
   * trip, and nothing may run in the transaction after it. Elsewhere the transaction commits as usual.
   */
  last?: boolean;
}

/** One statement of `parts` made by `make`, compiled once when each part is a prepared query. */
function runTogether(trx: Tx, parts: readonly PendingInsert[], { last = false }: Ending) {
  const make = last ? withQueriesThenCommit : withQueries;
  const prepared = parts.flatMap((part) => (part.prepared ? [part.prepared] : []));
  return prepared.length === parts.length ? executeCombined(trx, prepared, make) : make(parts).execute(trx);
}

/**
 * Runs inserts that need nothing from each other's results, in the caller's transaction: on
 * PostgreSQL as one statement (each but the last a data-modifying WITH query, which PostgreSQL
 * runs exactly once, all under the statement's snapshot; foreign keys between them are checked
 * at its end), so one round trip; elsewhere one after the other (SQLite has no data-modifying
 * WITH, and its statements cost no round trip). For a hot path that holds a row lock while it
 * writes: a booking holds its slot's row until it commits. Made of prepared queries only, the
 * statement is compiled once for each sequence of them, and prepared by PostgreSQL once per
 * connection (prepared-query.ts, pg-named-statements.ts).
 */
export async function insertTogether(trx: Tx, inserts: readonly PendingInsert[], ending: Ending = {}): Promise<void> {
  if (hasDataModifyingWith(trx) && (inserts.length > 1 || (ending.last && inserts.length === 1))) {
    await runTogether(trx, inserts, ending);
    return;
  }
  for (const insert of inserts) await insert.execute();
}

/** Whether `db` runs data-modifying WITH queries (PostgreSQL), so writes and a read can share one statement. */
export function hasDataModifyingWith(db: Tx): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * insertTogether's statement with `read` as its main query, on PostgreSQL (hasDataModifyingWith):
 * the inserts and a read in one round trip. The read runs under the statement's snapshot, taken as
 * it starts: it sees what was committed before, and none of the rows its own inserts write.
 */
export async function insertTogetherThenRead<P extends object, O>(
  trx: Tx,
  inserts: readonly PendingInsert[],
  read: PreparedQuery<P, O>,
  params: P,
  ending: Ending = {},
): Promise<O[]> {
  if (!hasDataModifyingWith(trx)) throw new Error('insertTogetherThenRead needs data-modifying WITH queries (PostgreSQL)');
  if (inserts.length === 0 && !ending.last) return read.rows(trx, params);
  return (await runTogether(trx, [...inserts, read.pending(trx, params)], ending)).rows as O[];
}
