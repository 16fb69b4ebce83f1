import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { acquireLease, releaseLease, shortenLeasesOf } from './job-lease.repository.js';

/** A background job. `run` must be safe to repeat: after downtime it catches up on what is due. */
export interface Job {
  name: string;
  /** How often an instance tries to run it. */
  everySeconds: number;
  /** How long one run may hold the lease before another instance may take over. */
  leaseSeconds?: number;
  run(now: Date): Promise<unknown>;
}

/** A job's lease when it sets none. */
export const DEFAULT_LEASE_SECONDS = 600;

/**
 * How long a run a stop gave up on keeps its lease after the stop: past the end of the process,
 * whose last steps are bounded (src/cli/serve.command.ts) and which ends the run with it, so that
 * another instance never runs the job while it may still run here; not the lease's full length.
 */
export const LEASE_AFTER_STOP_SECONDS = 15;

/** How long a stop waits to shorten those leases: SQLite's one connection may be held by the run it gave up on. */
const SHORTEN_WAIT_MS = 1_000;

/**
 * Runs the job once if this instance gets its lease; 'busy' when another instance holds it.
 * Errors propagate after the lease is given back (without recording a success).
 */
export async function runJobOnce(db: Db, clock: Clock, holder: string, job: Job): Promise<'ran' | 'busy'> {
  const start = clock.now();
  const until = new Date(start.getTime() + (job.leaseSeconds ?? DEFAULT_LEASE_SECONDS) * 1000);
  if (!(await acquireLease(db, job.name, holder, start.toISOString(), until.toISOString()))) return 'busy';
  let succeededAt: string | null = null;
  try {
    await job.run(start);
    succeededAt = clock.now().toISOString();
  } finally {
    await releaseLease(db, job.name, holder, clock.now().toISOString(), succeededAt);
  }
  return 'ran';
}

/** The running scheduler: stops, or runs a job now instead of at its next tick. */
export interface Scheduler {
  /**
   * Starts no run any more and waits for those under way, for at most `graceMs` (each run gives its
   * lease back as it ends). The leases of runs the wait gave up on end LEASE_AFTER_STOP_SECONDS
   * later: another instance takes those jobs then, rather than when the leases would have expired.
   */
  stop(graceMs: number): Promise<void>;
  /**
   * Runs the job now; should a run be under way, once more when it ends (it may have looked
   * before the change that asks for this one).
   */
  runNow(name: string): void;
}

/**
 * Runs every job at start (catching up after downtime) and then every `everySeconds`, never two
 * runs of one job at once in this process, and through the lease only one instance at a time.
 * `firstRuns`: the runs at start wait for it (by default they begin at once); a run asked for
 * with `runNow` does not.
 */
export function startScheduler(
  db: Db,
  clock: Clock,
  jobs: Job[],
  onError: (job: string, error: unknown) => void,
  firstRuns?: Promise<unknown>,
): Scheduler {
  const holder = newId();
  const ticks = new Map<string, () => void>();
  const underWay = new Set<Promise<void>>();
  let stopped = false;
  const timers = jobs.map((job) => {
    let running = false;
    let again = false;
    // A tick while a run is under way is skipped; a run asked for then follows it.
    const tick = (asked = false) => {
      // A run asked for during the last one does not start once the scheduler has stopped.
      if (stopped) return;
      if (running) {
        again ||= asked;
        return;
      }
      running = true;
      again = false;
      const run = runJobOnce(db, clock, holder, job)
        .then(
          () => {},
          (error: unknown) => onError(job.name, error),
        )
        .finally(() => {
          underWay.delete(run);
          running = false;
          if (again) tick(true);
        });
      underWay.add(run);
    };
    ticks.set(job.name, () => tick(true));
    if (firstRuns) void firstRuns.then(() => tick());
    else tick();
    const timer = setInterval(() => tick(), job.everySeconds * 1000);
    timer.unref();
    return timer;
  });
  return {
    stop: async (graceMs) => {
      stopped = true;
      timers.forEach((timer) => clearInterval(timer));
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(underWay), new Promise((resolve) => (giveUp = setTimeout(resolve, graceMs)))]);
      clearTimeout(giveUp);
      if (underWay.size === 0) return;
      const until = new Date(clock.now().getTime() + LEASE_AFTER_STOP_SECONDS * 1000).toISOString();
      // Unless the database is held (SQLite, by a run given up on): the leases then expire as they were.
      const shortened = shortenLeasesOf(db, holder, until).catch(() => undefined);
      await Promise.race([shortened, new Promise((resolve) => (giveUp = setTimeout(resolve, SHORTEN_WAIT_MS)))]);
      clearTimeout(giveUp);
    },
    runNow: (name) => {
      if (!stopped) ticks.get(name)?.();
    },
  };
}
