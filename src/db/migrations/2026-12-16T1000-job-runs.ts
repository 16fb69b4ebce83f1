import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. What the scheduler records of each job's runs, so that a
// job stuck in a run or failing run after run is noticed (core/jobs/job-watch.ts):
// - `started_at`: when the latest run began; `finished_at`: when it ended, null while it is under
//   way (or when it never gave its lease back);
// - `failing_since`: when the first of the failed runs since the last success ended; null after a success.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('job_leases').addColumn('started_at', 'text').execute();
  await db.schema.alterTable('job_leases').addColumn('finished_at', 'text').execute();
  await db.schema.alterTable('job_leases').addColumn('failing_since', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['failing_since', 'finished_at', 'started_at'])
    await db.schema.alterTable('job_leases').dropColumn(column).execute();
}
