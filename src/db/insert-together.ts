import { type OperationNodeSource, PostgresAdapter, sql } from 'kysely';
import { executeCombined, type PendingInsert, type PreparedQuery } from './prepared-query.js';
import type { Tx } from './schema.js';

export type { PendingInsert } from './prepared-query.js';

const withQueries = (inserts: readonly OperationNodeSource[]) => {
  const queries = inserts.slice(0, -1).map((insert, i) => sql`${sql.id(`insert_${i}`)} as (${insert})`);
  return sql`with ${sql.join(queries)} ${inserts.at(-1)}`;
};

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
export async function insertTogether(trx: Tx, inserts: readonly PendingInsert[]): Promise<void> {
  if (inserts.length > 1 && hasDataModifyingWith(trx)) {
    const parts = inserts.flatMap((insert) => (insert.prepared ? [insert.prepared] : []));
    if (parts.length === inserts.length) await executeCombined(trx, parts, withQueries);
    else await withQueries(inserts).execute(trx);
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
): Promise<O[]> {
  if (!hasDataModifyingWith(trx)) throw new Error('insertTogetherThenRead needs data-modifying WITH queries (PostgreSQL)');
  if (inserts.length === 0) return read.rows(trx, params);
  const all = [...inserts, read.pending(trx, params)];
  const parts = all.flatMap((part) => (part.prepared ? [part.prepared] : []));
  const result = parts.length === all.length ? await executeCombined(trx, parts, withQueries) : await withQueries(all).execute(trx);
  return result.rows as O[];
}
