import type { Clock } from '../../core/shared/clock.js';

/**
 * Seconds `/healthz` keeps answering 503 after a request was refused for the database's
 * unavailability: a database that answers `select 1` may still refuse every write (SQLite's full
 * disk), and a load balancer should hear of it; with no refusal for this long it answers 200 again.
 */
export const HEALTH_REFUSAL_SECONDS = 30;

/** When this app last refused a request because the database could not serve it. */
export interface OutageMemory {
  record(): void;
  /** Whether a refusal was recorded within the last HEALTH_REFUSAL_SECONDS. */
  recent(): boolean;
}

export function outageMemory(clock: Clock): OutageMemory {
  let last: number | undefined;
  return {
    record: () => {
      last = clock.now().getTime();
    },
    // A clock set back since (a resumed machine corrected) counts as the time having passed.
    recent: () => {
      const since = last === undefined ? -1 : clock.now().getTime() - last;
      return since >= 0 && since < HEALTH_REFUSAL_SECONDS * 1000;
    },
  };
}
