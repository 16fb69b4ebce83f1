import type { Selectable } from 'kysely';
import type { BackupRunTable, Executor } from '../../db/schema.js';
import type { BackupLocation, BackupTrigger } from './backup.js';

export interface BackupRunRow {
  id: string;
  runId: string;
  location: BackupLocation;
  trigger: BackupTrigger;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  snapshotId: string | null;
  sizeBytes: number | null;
  addedBytes: number | null;
  error: string | null;
}

type Row = Selectable<BackupRunTable>;

function fromRow(row: Row): BackupRunRow {
  return {
    id: row.id,
    runId: row.run_id,
    location: row.location as BackupLocation,
    trigger: row.trigger as BackupTrigger,
    status: row.status as BackupRunRow['status'],
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    snapshotId: row.snapshot_id,
    sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
    addedBytes: row.added_bytes === null ? null : Number(row.added_bytes),
    error: row.error,
  };
}

export async function insertBackupRun(
  db: Executor,
  row: { id: string; runId: string; location: BackupLocation; trigger: BackupTrigger; startedAt: string },
): Promise<void> {
  await db
    .insertInto('backup_runs')
    .values({ id: row.id, run_id: row.runId, location: row.location, trigger: row.trigger, status: 'running', started_at: row.startedAt })
    .execute();
}

export async function finishBackupRun(
  db: Executor,
  id: string,
  result: {
    status: 'succeeded' | 'failed';
    finishedAt: string;
    snapshotId?: string | undefined;
    sizeBytes?: number | undefined;
    addedBytes?: number | undefined;
    error?: string | undefined;
  },
): Promise<void> {
  await db
    .updateTable('backup_runs')
    .set({
      status: result.status,
      finished_at: result.finishedAt,
      snapshot_id: result.snapshotId ?? null,
      size_bytes: result.sizeBytes ?? null,
      added_bytes: result.addedBytes ?? null,
      error: result.error ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Marks runs still 'running' as failed: called under the backup job's lease, when no run can be
 * going on, so these were cut off (the process died, or the database was restored from a copy
 * taken during a run).
 */
export async function failInterruptedRuns(db: Executor, finishedAt: string): Promise<number> {
  const result = await db
    .updateTable('backup_runs')
    .set({ status: 'failed', finished_at: finishedAt, error: 'interrupted before it finished' })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** When the last run of any location started; undefined before the first. */
export async function lastBackupStart(db: Executor): Promise<string | undefined> {
  const row = await db
    .selectFrom('backup_runs')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .executeTakeFirst();
  return row?.at ?? undefined;
}

export interface LatestBackupRuns {
  last: BackupRunRow | undefined;
  lastSuccess: BackupRunRow | undefined;
  first: BackupRunRow | undefined;
}

/** The newest run of the location, and its newest success (which may be the same row). */
export async function latestBackupRuns(db: Executor, location: BackupLocation): Promise<LatestBackupRuns> {
  const newest = (status?: string) => {
    let query = db.selectFrom('backup_runs').selectAll().where('location', '=', location);
    if (status) query = query.where('status', '=', status);
    return query.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  };
  const first = await db
    .selectFrom('backup_runs')
    .selectAll()
    .where('location', '=', location)
    .orderBy('started_at', 'asc')
    .limit(1)
    .executeTakeFirst();
  const [last, lastSuccess] = await Promise.all([newest(), newest('succeeded')]);
  return {
    last: last && fromRow(last),
    lastSuccess: lastSuccess && fromRow(lastSuccess),
    first: first && fromRow(first),
  };
}

/** The newest runs first, both locations. */
export async function listBackupRuns(db: Executor, limit: number): Promise<BackupRunRow[]> {
  const rows = await db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').orderBy('location').limit(limit).execute();
  return rows.map(fromRow);
}
