import { performance } from 'node:perf_hooks';

/**
 * The event loop's utilization (the share of its time not spent waiting for I/O) above which the
 * process counts as busy. At 1 requests queue behind the work under way; at 0.85 the loop still
 * has some slack, but a burst of work put on it (a batch of mails rendered and sent) would take
 * that slack from the answers. Below it, the loop has room for both.
 */
export const BUSY_UTILIZATION = 0.85;
/** How often the utilization is sampled: a busy spell is seen within about this long. */
export const SAMPLE_MS = 250;

export interface EventLoopLoad {
  /**
   * Whether, over the last sample, requests came in while the process had its hands full: the
   * event loop busier than the threshold, or a request arriving while queries waited for the
   * database.
   */
  busy(): boolean;
  /** Counts a request come in: the HTTP server's `request` event. */
  noteRequest(): void;
  stop(): void;
}

export interface LoadOptions {
  /**
   * How many queries wait for the database right now (the pool's queue, DatabaseHandle.waiting).
   * On PostgreSQL a rush mostly waits on the database, not on the event loop: a request that
   * arrives while queries queue for a connection is the sign of that load.
   */
  waiting?: () => number;
  threshold?: number;
  sampleMs?: number;
}

/**
 * Samples the event loop's utilization every `sampleMs` (perf_hooks), on a timer that does not
 * keep the process alive: `busy()` tells whether, over the last sample, requests came in and
 * either the loop was above `threshold` or a request found queries waiting for the database. A
 * loop kept busy by the outbox alone, with no request waiting, is not busy: the outbox would
 * otherwise give way to its own work.
 */
export function watchEventLoopLoad({
  waiting = () => 0,
  threshold = BUSY_UTILIZATION,
  sampleMs = SAMPLE_MS,
}: LoadOptions = {}): EventLoopLoad {
  let last = performance.eventLoopUtilization();
  let busy = false;
  let requests = 0;
  let queued = false;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busy = requests > 0 && (queued || performance.eventLoopUtilization(now, last).utilization > threshold);
    requests = 0;
    queued = false;
    last = now;
  }, sampleMs);
  timer.unref();
  return {
    busy: () => busy,
    noteRequest: () => {
      requests++;
      if (!queued && waiting() > 0) queued = true;
    },
    stop: () => clearInterval(timer),
  };
}
