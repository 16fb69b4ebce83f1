import type { Db } from '../../db/schema.js';
import { alertAdmins } from '../staff/admin-alerts.service.js';
import type { Clock } from '../shared/clock.js';
import { listJobRecords } from '../jobs/job-lease.repository.js';
import { type JobTimes, type StuckJob, stuckJobs } from '../jobs/job-watch.js';
import type { Job } from '../jobs/scheduler.js';

export const JOB_WATCH_JOB = 'job-watch';

/** The jobs among `jobs` stuck now: a run far too long under way, or failing run after run (job-watch.ts). */
export async function findStuckJobs(db: Db, clock: Clock, jobs: readonly JobTimes[]): Promise<StuckJob[]> {
  return stuckJobs(
    jobs,
    await listJobRecords(
      db,
      jobs.map((job) => job.name),
    ),
    clock.now(),
  );
}

/** Mails every admin about the stuck job: once per job, problem and start of the problem. */
function alertStuckJob(db: Db, clock: Clock, stuck: StuckJob): Promise<void> {
  return alertAdmins(
    db,
    clock,
    'job_stuck',
    { job: stuck.name, problem: stuck.problem, since: stuck.since },
    `${stuck.name}:${stuck.problem}:${stuck.since}`,
  );
}

/**
 * The scheduler's watch over the other jobs: every minute it looks for one stuck (see job-watch.ts),
 * reports each new finding to `onStuck` (the log) once in this process and mails the admins once
 * per finding.
 */
export function jobWatchJob(db: Db, clock: Clock, jobs: readonly JobTimes[], onStuck: (stuck: StuckJob) => void): Job {
  const reported = new Set<string>();
  return {
    name: JOB_WATCH_JOB,
    everySeconds: 60,
    run: async () => {
      for (const stuck of await findStuckJobs(db, clock, jobs)) {
        const key = `${stuck.name}:${stuck.problem}:${stuck.since}`;
        if (!reported.has(key)) onStuck(stuck);
        reported.add(key);
        await alertStuckJob(db, clock, stuck);
      }
    },
  };
}
