import { bookingBody } from './booking-inputs.js';
import type { Outcome } from './http-client.js';
import { type LatencySummary, summarize } from './latency.js';
import type { SlotPool } from './slot-pool.js';

/** Places one booking (over HTTP, or in-process) and says how it went. */
export type Book = (body: ReturnType<typeof bookingBody>) => Promise<Outcome>;

export interface BookingRunResult {
  requests: number;
  /** 201s (or, in-process, bookings made). */
  bookings: number;
  persons: number;
  /** From the first request to the last booking made. */
  seconds: number;
  bookingsPerSecond: number;
  /** Of the bookings made. */
  latency: LatencySummary;
  /** 409 slot_full: the slot had no room for the group; expected, not an error. */
  refusals: number;
  /** Anything else, by status and code, or by socket error. */
  errors: Record<string, number>;
  /** The references of the bookings made, for the check against the database. */
  references: string[];
}

/** Numbers the requests of the whole bench, so every organiser name and email is its own. */
let sequence = 0;

class Recorder {
  readonly start = performance.now();
  private lastBooking = this.start;
  private readonly latencies: number[] = [];
  private readonly references: string[] = [];
  private readonly errors: Record<string, number> = {};
  private requests = 0;
  private refusals = 0;
  private persons = 0;

  constructor(private readonly pool: SlotPool) {}

  record(body: ReturnType<typeof bookingBody>, outcome: Outcome, ms: number): void {
    this.requests += 1;
    if (outcome.status === 201 && outcome.reference) {
      this.latencies.push(ms);
      this.references.push(outcome.reference);
      this.persons += body.groupSize;
      this.lastBooking = performance.now();
    } else if (outcome.status === 409 && outcome.code === 'slot_full') {
      this.refusals += 1;
      this.pool.refused(body.slotId, body.groupSize);
    } else {
      const kind = outcome.status === 0 ? `socket ${outcome.error}` : `${outcome.status} ${outcome.code ?? ''}`.trim();
      this.errors[kind] = (this.errors[kind] ?? 0) + 1;
    }
  }

  result(): BookingRunResult {
    const seconds = (this.lastBooking - this.start) / 1000;
    const bookings = this.references.length;
    return {
      requests: this.requests,
      bookings,
      persons: this.persons,
      seconds,
      bookingsPerSecond: seconds > 0 ? bookings / seconds : 0,
      latency: summarize(this.latencies),
      refusals: this.refusals,
      errors: this.errors,
      references: this.references,
    };
  }
}

/**
 * `workers` callers each placing one booking after the other, as fast as the platform answers, until
 * every slot of the pool is full, `maxSeconds` have passed or `maxRequests` have been sent.
 */
export async function bookAsFastAsPossible(
  book: Book,
  pool: SlotPool,
  workers: number,
  maxSeconds: number,
  maxRequests = Infinity,
): Promise<BookingRunResult> {
  const recorder = new Recorder(pool);
  const deadline = recorder.start + maxSeconds * 1000;
  let requests = 0;
  const worker = async () => {
    for (let slot = pool.next(); slot && performance.now() < deadline && requests++ < maxRequests; slot = pool.next()) {
      const body = bookingBody(slot.id, sequence++);
      const sent = performance.now();
      const outcome = await book(body);
      recorder.record(body, outcome, performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return recorder.result();
}

/**
 * Bookings started at a steady `rate` a second for `seconds` (an open loop: a slow answer does not
 * hold back the next request), at most `maxInFlight` at once. Latency counts from when a request was
 * due, so waiting for a free connection counts too.
 */
export async function bookAtRate(
  book: Book,
  pool: SlotPool,
  rate: number,
  seconds: number,
  maxInFlight: number,
): Promise<BookingRunResult> {
  const recorder = new Recorder(pool);
  const total = Math.round(rate * seconds);
  const running = new Set<Promise<void>>();
  for (let i = 0; i < total; i++) {
    const due = recorder.start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    while (running.size >= maxInFlight) await Promise.race(running);
    const slot = pool.next();
    if (!slot) break;
    const body = bookingBody(slot.id, sequence++);
    const request: Promise<void> = book(body).then((outcome) => {
      recorder.record(body, outcome, performance.now() - due);
      running.delete(request);
    });
    running.add(request);
  }
  await Promise.all(running);
  return recorder.result();
}
