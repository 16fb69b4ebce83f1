import { PostgresAdapter, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Executor } from './schema.js';

/**
 * The rows of a query as one column of another, a JSON array (Kysely's jsonArrayFrom for the
 * executor's dialect: PostgreSQL's `json_agg`, SQLite's `json_group_array`), in the query's order:
 * a statement reads what would otherwise take one of its own. The query names its columns (SQLite's
 * helper cannot take selectAll). JSON keeps text and numbers as they are, but not every other type
 * alike on both (a timestamp comes back as text, a boolean as `true` on PostgreSQL and 1 on SQLite):
 * select text and numbers, and read the column with rowsOfJsonArray.
 */
export function jsonArrayOf<DB, TB extends keyof DB, O>(db: Executor, query: SelectQueryBuilder<DB, TB, O>) {
  return db.getExecutor().adapter instanceof PostgresAdapter ? pgJsonArrayFrom(query) : sqliteJsonArrayFrom(query);
}

/** The rows of a jsonArrayOf column: PostgreSQL's driver parses its JSON, SQLite's returns the text. */
export function rowsOfJsonArray<O>(column: O[] | string): O[] {
  return typeof column === 'string' ? (JSON.parse(column) as O[]) : column;
}
