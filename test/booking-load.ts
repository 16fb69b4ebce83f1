import { bookingRequest } from './factories.js';
import { SECURITY_HEADERS } from '../src/web/plugins/security-headers.js';
import { UNAVAILABLE_RETRY_SECONDS } from '../src/web/plugins/errors.js';

/** What a booking load got back so far. */
export interface LoadTally {
  /** The references answered 201, in order. */
  created: string[];
  /** 503s in contract: code `unavailable`, Retry-After, the security headers. */
  unavailable: number;
  /** Anything else: a 500, a 503 out of contract, a cut connection. */
  unexpected: string[];
}

export interface BookingLoad {
  tally: LoadTally;
  /** Resolves once `holds()` is true of the tally; fails after `seconds`. */
  until(what: string, holds: (tally: LoadTally) => boolean, seconds: number): Promise<void>;
  /** Stops sending and waits for the requests under way. */
  stop(): Promise<LoadTally>;
}

/** A fetch answer's headers as a record, for assertSecurityHeaders. */
export function headersOf(res: Response): Record<string, string> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

/** A 503's faults against the contract (docs/api.md, docs/operations.md), empty when none. */
export function unavailableProblems(res: Response, body: unknown): string[] {
  const problems: string[] = [];
  if (res.headers.get('retry-after') !== String(UNAVAILABLE_RETRY_SECONDS)) problems.push(`Retry-After ${res.headers.get('retry-after')}`);
  for (const name of ['content-security-policy', 'x-content-type-options', 'strict-transport-security'] as const) {
    if (res.headers.get(name) !== SECURITY_HEADERS[name]) problems.push(`${name} missing`);
  }
  if ((body as { code?: unknown } | undefined)?.code !== 'unavailable') problems.push(`body ${JSON.stringify(body)}`);
  return problems;
}

/**
 * `workers` clients each booking `groupSize` places at `slotId` through the API, one request after
 * another, until stopped; after a 503 a client waits `pauseMs` (not the Retry-After: the test wants
 * to see the recovery as it happens).
 */
export function startBookingLoad(url: string, slotId: string, { workers = 4, groupSize = 2, pauseMs = 25 } = {}): BookingLoad {
  const tally: LoadTally = { created: [], unavailable: 0, unexpected: [] };
  let stopped = false;
  let sent = 0;
  async function worker(): Promise<void> {
    while (!stopped) {
      const n = sent++;
      try {
        const res = await fetch(`${url}/api/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'accept-language': 'en' },
          body: JSON.stringify(bookingRequest(slotId, { groupSize, email: `load${n}@example.nl` })),
        });
        const body = (await res.json()) as { reference?: string };
        if (res.status === 201 && body.reference) tally.created.push(body.reference);
        else if (res.status === 503) {
          const problems = unavailableProblems(res, body);
          if (problems.length > 0) tally.unexpected.push(`503 ${problems.join(', ')}`);
          else tally.unavailable++;
          await new Promise((resolve) => setTimeout(resolve, pauseMs));
        } else tally.unexpected.push(`${res.status} ${JSON.stringify(body)}`);
      } catch (error) {
        tally.unexpected.push(`request failed: ${String(error)}`);
      }
    }
  }
  const running = Promise.all(Array.from({ length: workers }, worker));
  return {
    tally,
    async until(what, holds, seconds) {
      const deadline = Date.now() + seconds * 1000;
      while (!holds(tally)) {
        if (Date.now() > deadline) {
          throw new Error(
            `${what}: not within ${seconds} s (${tally.created.length} 201s, ${tally.unavailable} 503s, unexpected: ${tally.unexpected.slice(0, 5).join('; ')})`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop() {
      stopped = true;
      await running;
      return tally;
    },
  };
}
