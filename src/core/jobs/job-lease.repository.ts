import type { Executor } from '../../db/schema.js';

/**
 * Takes the job's lease for `holder` until `until`, when it is free (never taken, expired, or
 * already this holder's). One conditional upsert, so of several instances exactly one gets it.
 */
export async function acquireLease(db: Executor, name: string, holder: string, now: string, until: string): Promise<boolean> {
  const result = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: until })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: until })
        .where((eb) => eb.or([eb('job_leases.expires_at', '<=', now), eb('job_leases.holder', '=', holder)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives the lease back; `succeededAt` records a successful run. */
export async function releaseLease(db: Executor, name: string, holder: string, now: string, succeededAt: string | null): Promise<void> {
  await db
    .updateTable('job_leases')
    .set(succeededAt ? { expires_at: now, last_success_at: succeededAt } : { expires_at: now })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/** Gives back every lease `holder` still holds (its runs given up on at a stop). */
export async function releaseLeasesOf(db: Executor, holder: string, now: string): Promise<void> {
  await db.updateTable('job_leases').set({ expires_at: now }).where('holder', '=', holder).where('expires_at', '>', now).execute();
}
