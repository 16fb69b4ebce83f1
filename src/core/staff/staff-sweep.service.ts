import type { Db } from '../../db/schema.js';
import type { Job } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { type SessionSettings, sweepExpiredSessions } from './session.service.js';
import { sweepDecayedThrottles } from '../throttles/throttle.js';

/**
 * The back office's housekeeping, every minute under the job's lease: deletes expired sessions
 * (recording each timeout) and every throttle's decayed counters (sign-in and bookings). Both deletions are
 * conditional on what the row still says, so a run that overlaps a request changes nothing twice.
 */
export function staffSweepJob(db: Db, clock: Clock, settings: SessionSettings): Job {
  return {
    name: 'staff-sweep',
    everySeconds: 60,
    run: async () => ({
      sessions: await sweepExpiredSessions(db, clock, settings),
      throttles: await sweepDecayedThrottles(db, clock),
    }),
  };
}
