import { randomBytes } from 'node:crypto';
import { deriveLinkKey, type LinkKey } from '../src/core/shared/link-key.js';
import { parseBookingInput } from '../src/core/bookings/booking-input.js';
import type { BookingLimits } from '../src/core/bookings/booking-limits.js';
import { submitBooking } from '../src/core/booking-flows/booking.service.js';
import { systemClock } from '../src/core/shared/clock.js';
import { mollieProvider } from '../src/adapters/mollie/mollie-provider.js';
import type { PaymentContext } from '../src/core/payments/payment-context.js';
import { DomainError } from '../src/core/shared/errors.js';
import type { Db } from '../src/db/schema.js';
import type { Book } from './booking-runs.js';

const NO_LIMITS: BookingLimits = { perNetwork: null, perEmail: null };

/**
 * The booking transaction in-process, straight against the database: the same `submitBooking` the
 * API calls, with the same input and the booking limits off (as the platform processes run with,
 * see BENCH_SETTINGS), without HTTP, JSON or the server around it. Their links are made with
 * `linkKey`, a key of its own unless given (the mail phase sends their mails with the same key).
 */
export function bookInProcess(db: Db, linkKey: LinkKey = deriveLinkKey(randomBytes(32))): Book {
  // No Mollie key: the benchmark measures booking, not paying.
  const payments: PaymentContext = {
    settings: { provider: mollieProvider(), platformKey: null, windowMinutes: 30 },
    secretKey: randomBytes(32),
    publicUrl: 'http://127.0.0.1',
  };
  return async (body) => {
    const parsed = parseBookingInput({ language: 'nl', ...body });
    if (!parsed.ok) return { status: 422, code: 'validation_failed' };
    try {
      const submitted = await submitBooking(db, systemClock, linkKey, payments, parsed.input, { client: null, limits: NO_LIMITS });
      if (submitted.replayed) return { status: 200, reference: submitted.reference };
      return { status: 201, reference: submitted.booking.reference };
    } catch (error) {
      if (error instanceof DomainError) return { status: 409, code: error.code };
      return { status: 0, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

/**
 * How many callers book at once in-process: 20, twice PostgreSQL's pool; on SQLite enough for its
 * group commit to gather bookings (one caller would commit them one by one).
 */
export const IN_PROCESS_CALLERS = 20;
