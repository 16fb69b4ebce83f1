/**
 * What an activity asks to be paid, and when (the back office's activity form sets it):
 * - `venue`: nothing online; paid at the venue (or as staff agree);
 * - `full`: the whole price online when booking;
 * - `deposit`: `depositPercent` of the price online when booking, the rest due `balanceDaysBefore`
 *   days before the visit.
 * With `invoiceAllowed`, an organisation may instead choose to pay on invoice, due
 * `invoiceTermDays` after booking. Online payment needs a Mollie key (the venue's or the
 * platform's); without one an activity asking for it is booked as `venue` (the back office says why).
 */
export const PAYMENT_MODES = ['venue', 'full', 'deposit'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

export function isPaymentMode(value: string): value is PaymentMode {
  return (PAYMENT_MODES as readonly string[]).includes(value);
}

export interface PaymentTerms {
  mode: PaymentMode;
  /** 1..99; used with mode `deposit`. */
  depositPercent: number;
  /** 0..365 days before the visit the rest is due; used with mode `deposit`. */
  balanceDaysBefore: number;
  invoiceAllowed: boolean;
  /** 1..90 days after booking an invoice is due. */
  invoiceTermDays: number;
}

/** How a booking pays, fixed when it is placed. */
export const PAY_BY = ['venue', 'online', 'invoice'] as const;
export type PayBy = (typeof PAY_BY)[number];

export const PAYMENT_TERM_LIMITS = {
  depositPercent: { min: 1, max: 99 },
  balanceDaysBefore: { min: 0, max: 365 },
  invoiceTermDays: { min: 1, max: 90 },
} as const;

/** What is paid online when booking: the deposit (rounded to whole cents) or, at 100 %, everything. */
export function dueAtBookingCents(totalCents: number, depositPercent: number): number {
  return Math.round((totalCents * depositPercent) / 100);
}
