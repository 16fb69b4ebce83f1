import { type CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

type By = { id: string } | { slug: string };
type VersionRow = { venue_id: string; version: string | number };

/** The version query by id and by slug, compiled once per database: it runs on every availability read, and building it cost four times running it. */
const compiled = new WeakMap<Executor, Record<'id' | 'slug', CompiledQuery<VersionRow>>>();

function versionQueries(db: Executor): Record<'id' | 'slug', CompiledQuery<VersionRow>> {
  // PostgreSQL: the snapshot (its first running transaction, the next to start, and those running
  // between): two reads with the same snapshot have seen the same commits, so the same data. Any
  // commit changes it, which costs misses but no trigger and no row every booking must update.
  const version =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`pg_current_snapshot()::text`
      : sql`(select coalesce(sum(v.version), 0) from availability_versions v where v.venue_id = a.venue_id or v.venue_id = '*')`;
  const query = (column: 'id' | 'slug') =>
    sql<VersionRow>`select a.venue_id, ${version} as version from activities a where a.${sql.ref(column)} = ${''}`.compile(db);
  const queries = compiled.get(db) ?? { id: query('id'), slug: query('slug') };
  compiled.set(db, queries);
  return queries;
}

/**
 * The version of everything the availability of an activity (by id or slug) reads: its venue and,
 * on SQLite, the sum of that venue's change counters and the platform's (VAT), which triggers bump
 * in the transaction of each change (migration 2026-12-15T0900-availability-versions); on
 * PostgreSQL the database's snapshot. Read it before the
 * data it versions: an answer computed after it is then at least as new as it says. Undefined when
 * no activity has that id or slug.
 */
export async function readAvailabilityVersion(db: Executor, by: By): Promise<string | undefined> {
  const query = versionQueries(db)['id' in by ? 'id' : 'slug'];
  const { rows } = await db.executeQuery<VersionRow>({ ...query, parameters: ['id' in by ? by.id : by.slug] });
  const row = rows[0];
  return row && `${row.venue_id}:${String(row.version)}`;
}
