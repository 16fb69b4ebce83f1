import { countRows } from '../../db/count-rows.js';
import type { Executor } from '../../db/schema.js';

/** What a database holds that a restore would replace: venues, bookings and staff accounts. */
export interface DatabaseHoldings {
  venues: number;
  bookings: number;
  staff: number;
}

export async function databaseHoldings(db: Executor): Promise<DatabaseHoldings> {
  const count = (table: 'venues' | 'bookings' | 'staff') => countRows(db, table);
  return { venues: await count('venues'), bookings: await count('bookings'), staff: await count('staff') };
}

/**
 * Forgets what a restored copy recorded of the running system: the processes' heartbeats and job
 * leases (they would hold a job back until they expire) and the back-office sessions (a session
 * signed out, or an account disabled, since the copy was made must not come back to life).
 */
export async function forgetPastInstances(db: Executor): Promise<void> {
  await db.deleteFrom('platform_instances').execute();
  await db.deleteFrom('job_leases').execute();
  await db.deleteFrom('staff_sessions').execute();
}

/**
 * The run that made the restored snapshot was under way in the copy. Where the snapshot came from
 * it succeeded (the snapshot is the proof); its other locations' outcome is not known.
 */
export async function settleRunsOfSnapshot(
  db: Executor,
  made: { location: string; snapshotId: string; sizeBytes: number | undefined; at: string },
): Promise<number> {
  await db
    .updateTable('backup_runs')
    .set({ status: 'succeeded', finished_at: made.at, snapshot_id: made.snapshotId, size_bytes: made.sizeBytes ?? null })
    .where('status', '=', 'running')
    .where('location', '=', made.location)
    .execute();
  const unknown = await db
    .updateTable('backup_runs')
    .set({ status: 'failed', finished_at: made.at, error: 'outcome unknown: the database was restored from a copy made during this run' })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(unknown.numUpdatedRows);
}
