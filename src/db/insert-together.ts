import { type OperationNodeSource, PostgresAdapter, sql } from 'kysely';
import { executeCombined, type PendingInsert } from './prepared-query.js';
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
  if (inserts.length > 1 && trx.getExecutor().adapter instanceof PostgresAdapter) {
    const parts = inserts.flatMap((insert) => (insert.prepared ? [insert.prepared] : []));
    if (parts.length === inserts.length) await executeCombined(trx, parts, withQueries);
    else await withQueries(inserts).execute(trx);
    return;
  }
  for (const insert of inserts) await insert.execute();
}
