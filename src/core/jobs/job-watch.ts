import type { JobRecord } from './job-lease.repository.js';
import { DEFAULT_LEASE_SECONDS, type Job } from './scheduler.js';

/** A job in trouble: a run under way `since` for too long, or failing run after run `since`. */
export interface StuckJob {
  name: string;
  problem: 'running' | 'failing';
  since: string;
}

/** How often a job runs and how long a run may hold its lease: all a check of its runs needs. */
export type JobTimes = Pick<Job, 'name' | 'everySeconds' | 'leaseSeconds'>;

/**
 * How long a run may last before it counts as stuck: its lease, and two of its intervals for
 * another instance to take over from one that was stopped in a run.
 */
export function runLimitSeconds(job: JobTimes): number {
  return (job.leaseSeconds ?? DEFAULT_LEASE_SECONDS) + 2 * job.everySeconds;
}

/** How long a job may fail run after run before it counts as stuck: three intervals, at least ten minutes. */
export function failLimitSeconds(job: JobTimes): number {
  return Math.max(3 * job.everySeconds, 600);
}

/** The jobs among `jobs` whose record shows a run far too long under way, or failures for too long. */
export function stuckJobs(jobs: readonly JobTimes[], records: readonly JobRecord[], now: Date): StuckJob[] {
  const past = (since: string, seconds: number) => now.getTime() - new Date(since).getTime() > seconds * 1000;
  return jobs.flatMap((job): StuckJob[] => {
    const record = records.find((r) => r.name === job.name);
    if (!record?.startedAt) return [];
    const running = record.finishedAt === null;
    if (running && past(record.startedAt, runLimitSeconds(job))) return [{ name: job.name, problem: 'running', since: record.startedAt }];
    if (record.failingSince && past(record.failingSince, failLimitSeconds(job)))
      return [{ name: job.name, problem: 'failing', since: record.failingSince }];
    return [];
  });
}
