import type { BookingStatus } from '../shared/booking-status.js';
import { addLocalDays, localDateOf } from '../shared/time.js';
import { dueAtBookingCents, type PayBy, type PaymentTerms } from '../catalog/payment-terms.js';

/** What the organiser may choose: pay online (the activity's terms), or on invoice where the activity allows it. */
export type PayChoice = 'online' | 'invoice';

/** The statuses a booking can be placed in before its payment is planned. */
type Placed = Extract<BookingStatus, 'option' | 'requested' | 'confirmed'>;

/**
 * How a new booking pays, fixed when it is placed:
 * - `venue` (the activity asks nothing online, or no Mollie key serves the venue): nothing online;
 * - `online`: `depositPercent` (100 in full) when booking; a booking that would be confirmed at
 *   once awaits that payment for the window instead (an option or a request awaits it once
 *   confirmed or accepted, see status-change.service.ts); a deposit's rest is due `balanceDueOn`;
 * - `invoice` (chosen, and the activity allows it): confirmed (or requested) as usual, the invoice due `balanceDueOn`.
 */
export interface PaymentPlan {
  payBy: PayBy;
  /** The part paid online when booking: 100 in full, 1..99 a deposit, 0 nothing online. */
  depositPercent: number;
  status: Placed | 'awaiting_payment';
  /** The end of the payment window of a booking placed `awaiting_payment`; null otherwise. */
  paymentExpiresAt: Date | null;
  /** The window's length for this booking, minutes; null unless paid online. */
  windowMinutes: number | null;
  /** When the rest (deposit) or the invoice is due, Amsterdam date YYYY-MM-DD; null when nothing is due later. */
  balanceDueOn: string | null;
  /** What is to be paid online to keep the booking (now, or once an option or request is confirmed). */
  dueAtBookingCents: number;
  /**
   * The deposit's days before the visit when the visit is that close or closer, so its rest would be
   * due already and all of it is paid when booking; null otherwise.
   */
  inFullWithinDays: number | null;
}

export interface PlanInput {
  terms: PaymentTerms;
  /** Whether a Mollie key serves the venue (its own or the platform's). */
  online: boolean;
  choice?: PayChoice | undefined;
  status: Placed;
  totalCents: number;
  /** The visit's start. */
  startsAt: Date;
  now: Date;
  windowMinutes: number;
}

const NOTHING_ONLINE = {
  depositPercent: 0,
  paymentExpiresAt: null,
  windowMinutes: null,
  dueAtBookingCents: 0,
  inFullWithinDays: null,
} as const;

export function planPayment(input: PlanInput): PaymentPlan {
  const { terms, status, now } = input;
  if (input.choice === 'invoice' && terms.invoiceAllowed) {
    return { ...NOTHING_ONLINE, payBy: 'invoice', status, balanceDueOn: addLocalDays(localDateOf(now), terms.invoiceTermDays) };
  }
  if (terms.mode === 'venue' || !input.online || input.totalCents <= 0) {
    return { ...NOTHING_ONLINE, payBy: 'venue', status, balanceDueOn: null };
  }
  let depositPercent = terms.mode === 'full' ? 100 : terms.depositPercent;
  let balanceDueOn: string | null = null;
  let inFullWithinDays: number | null = null;
  if (depositPercent < 100) {
    balanceDueOn = addLocalDays(localDateOf(input.startsAt), -terms.balanceDaysBefore);
    // The rest would be due already (today or before): all of it is paid now.
    if (balanceDueOn <= localDateOf(now)) {
      depositPercent = 100;
      balanceDueOn = null;
      inFullWithinDays = terms.balanceDaysBefore;
    }
  }
  const awaits = status === 'confirmed';
  return {
    payBy: 'online',
    depositPercent,
    status: awaits ? 'awaiting_payment' : status,
    paymentExpiresAt: awaits ? windowEnd(now, input.windowMinutes) : null,
    windowMinutes: input.windowMinutes,
    balanceDueOn,
    dueAtBookingCents: dueAtBookingCents(input.totalCents, depositPercent),
    inFullWithinDays,
  };
}

/** The end of a payment window that starts now. */
export function windowEnd(now: Date, windowMinutes: number): Date {
  return new Date(now.getTime() + windowMinutes * 60_000);
}
