import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the server's heap grow past what its last full collection kept before the next
 * one, in percent (V8's `--heap-growing-percent`). By default V8 picks a factor of up to 4 from how
 * fast it collects, and under load the heap held mostly garbage: in a booking rush with 200
 * connections 90 to 150 MB of it against 34 MB still in use after a full collection, the process
 * 211 to 312 MB. At 50 % the peak was 25 to 110 MB lower, the bookings' rate within the noise
 * (docs/performance.md, "Memory (7 December 2026, morning)").
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Called first by `groupz serve`, so `npm start`, the systemd unit, the bench and the tests' server
 * processes all run with it and no command line carries a flag. V8 reads this flag at each full
 * collection, so setting it after the start takes effect (src/server/heap-growth.test.ts shows it);
 * the young generation's size, by contrast, is fixed as the heap is set up.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
