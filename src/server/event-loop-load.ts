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
  /** Whether, over the last sample, requests came in and the event loop was busier than the threshold. */
  busy(): boolean;
  /** Counts a request come in: the HTTP server's `request` event. */
  noteRequest(): void;
  stop(): void;
}

/**
 * Samples the event loop's utilization every `sampleMs` (perf_hooks), on a timer that does not
 * keep the process alive: `busy()` tells whether the last sample was above `threshold` while
 * requests came in. A loop kept busy by the outbox alone, with no request waiting, is not busy:
 * the outbox would otherwise give way to its own work.
 */
export function watchEventLoopLoad(threshold = BUSY_UTILIZATION, sampleMs = SAMPLE_MS): EventLoopLoad {
  let last = performance.eventLoopUtilization();
  let busy = false;
  let requests = 0;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    busy = requests > 0 && performance.eventLoopUtilization(now, last).utilization > threshold;
    requests = 0;
    last = now;
  }, sampleMs);
  timer.unref();
  return {
    busy: () => busy,
    noteRequest: () => void requests++,
    stop: () => clearInterval(timer),
  };
}
