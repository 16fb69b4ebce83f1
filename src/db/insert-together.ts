import { type OperationNode, PostgresAdapter, sql } from 'kysely';
import type { Tx } from './schema.js';

/** An INSERT built and not yet run (a Kysely insert query builder, or a prepared one: prepared-query.ts). */
export interface PendingInsert {
  execute(): Promise<unknown>;
  toOperationNode(): OperationNode;
}

/**
 * Runs inserts that need nothing from each other's results, in the caller's transaction: on
 * PostgreSQL as one statement (each but the last a data-modifying WITH query, which PostgreSQL
 * runs exactly once, all under the statement's snapshot; foreign keys between them are checked
 * at its end), so one round trip; elsewhere one after the other (SQLite has no data-modifying
 * WITH, and its statements cost no round trip). For a hot path that holds a row lock while it
 * writes: a booking holds its slot's row until it commits.
 */
export async function insertTogether(trx: Tx, inserts: readonly PendingInsert[]): Promise<void> {
  if (inserts.length > 1 && trx.getExecutor().adapter instanceof PostgresAdapter) {
    const queries = inserts.slice(0, -1).map((insert, i) => sql`${sql.id(`insert_${i}`)} as (${insert})`);
    await sql`with ${sql.join(queries)} ${inserts.at(-1)}`.execute(trx);
    return;
  }
  for (const insert of inserts) await insert.execute();
}
