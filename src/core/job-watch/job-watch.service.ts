import type { Db } from '../../db/schema.js';
import { enqueueMail } from '../outbox/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { listAdminEmails } from '../staff/staff.repository.js';
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
async function alertStuckJob(db: Db, clock: Clock, stuck: StuckJob): Promise<void> {
  for (const recipient of await listAdminEmails(db)) {
    await enqueueMail(db, clock, {
      kind: 'job_stuck',
      bookingId: null,
      recipient,
      language: 'nl',
      detail: { job: stuck.name, problem: stuck.problem, since: stuck.since },
      dedupeKey: `job_stuck:${stuck.name}:${stuck.problem}:${stuck.since}:${recipient}`,
    });
  }
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
