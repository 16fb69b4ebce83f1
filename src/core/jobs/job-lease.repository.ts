import type { Executor } from '../../db/schema.js';

/** What the scheduler recorded of a job's runs (ISO-8601 UTC instants). */
export interface JobRecord {
  name: string;
  /** When the latest run began. */
  startedAt: string | null;
  /** When the latest run ended; null while it is under way (or when it never gave its lease back). */
  finishedAt: string | null;
  /** When the first of the failed runs since the last success ended; null after a success. */
  failingSince: string | null;
}

/**
 * Takes the job's lease for `holder` until `until`, when it is free (never taken, expired, or
 * already this holder's), and records that a run starts `now`. One conditional upsert, so of
 * several instances exactly one gets it.
 */
export async function acquireLease(db: Executor, name: string, holder: string, now: string, until: string): Promise<boolean> {
  const result = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: until, started_at: now, finished_at: null })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: until, started_at: now, finished_at: null })
        .where((eb) => eb.or([eb('job_leases.expires_at', '<=', now), eb('job_leases.holder', '=', holder)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Gives the lease back and records that the run ended `now`: `succeededAt` a successful run;
 * without it a failed one, the first since the last success starting the failure's time.
 */
export async function releaseLease(db: Executor, name: string, holder: string, now: string, succeededAt: string | null): Promise<void> {
  await db
    .updateTable('job_leases')
    .set((eb) =>
      succeededAt
        ? { expires_at: now, finished_at: now, last_success_at: succeededAt, failing_since: null }
        : { expires_at: now, finished_at: now, failing_since: eb.fn.coalesce('failing_since', eb.val(now)) },
    )
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/** Ends every lease `holder` holds beyond `until` at `until` (its runs given up on at a stop). */
export async function shortenLeasesOf(db: Executor, holder: string, until: string): Promise<void> {
  await db.updateTable('job_leases').set({ expires_at: until }).where('holder', '=', holder).where('expires_at', '>', until).execute();
}

/** What is recorded of the runs of the named jobs; a job that never ran has no record. */
export async function listJobRecords(db: Executor, names: readonly string[]): Promise<JobRecord[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectFrom('job_leases')
    .select(['name', 'started_at', 'finished_at', 'failing_since'])
    .where('name', 'in', names)
    .execute();
  return rows.map((row) => ({ name: row.name, startedAt: row.started_at, finishedAt: row.finished_at, failingSince: row.failing_since }));
}
