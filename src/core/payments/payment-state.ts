import type { BookingStatus } from '../shared/booking-status.js';
import type { BookingPaymentStatus } from './payment.js';
import { dueAtBookingCents, type PayBy } from '../catalog/payment-terms.js';

/** What a booking owes and has paid, as its organiser and staff see it. */
export interface BookingPayment {
  status: BookingPaymentStatus;
  paidCents: number;
  refundedCents: number;
  /** The part of refundedCents Mollie has not paid out yet. */
  pendingRefundCents: number;
  /** Everything still outstanding (0 once cancelled or expired). */
  dueCents: number;
  /** What must be paid now to keep the booking (its first payment while it awaits it); 0 otherwise. */
  dueNowCents: number;
  /** When the rest (or the invoice) is due, YYYY-MM-DD; null when nothing is due later. */
  balanceDueOn: string | null;
}

export interface PayingBooking {
  status: BookingStatus;
  payBy: PayBy;
  depositPercent: number;
  totalCents: number;
  /** What it owes beyond (or below) its price: fees kept (+), goodwill refunds (-); it owes totalCents + adjustmentCents. */
  adjustmentCents: number;
  balanceDueOn: string | null;
}

/** The payment state of a booking from its terms and its money (payments.repository.ts moneyOf). */
export function bookingPayment(
  booking: PayingBooking,
  money: { paidCents: number; refundedCents: number; pendingRefundCents?: number },
): BookingPayment {
  const netPaid = money.paidCents - money.refundedCents;
  const over = booking.status === 'cancelled' || booking.status === 'expired';
  const dueCents = over ? 0 : Math.max(0, booking.totalCents + booking.adjustmentCents - netPaid);
  const dueNowCents =
    booking.status === 'awaiting_payment' ? Math.max(0, dueAtBookingCents(booking.totalCents, booking.depositPercent) - netPaid) : 0;
  const pendingRefundCents = money.pendingRefundCents ?? 0;
  const base = { paidCents: money.paidCents, refundedCents: money.refundedCents, pendingRefundCents, dueCents, dueNowCents };
  const balanceDueOn = dueCents > 0 ? booking.balanceDueOn : null;
  return { ...base, balanceDueOn, status: statusOf(booking, base, over) };
}

function statusOf(
  booking: PayingBooking,
  money: Pick<BookingPayment, 'paidCents' | 'refundedCents' | 'pendingRefundCents' | 'dueCents' | 'dueNowCents'>,
  over: boolean,
): BookingPaymentStatus {
  if (over && money.pendingRefundCents > 0) return 'refunding';
  if (over) return money.refundedCents > 0 ? 'refunded' : money.paidCents > 0 ? 'paid' : 'none';
  if (booking.status === 'awaiting_payment') return 'due';
  if (money.dueCents === 0) return money.paidCents > 0 ? 'paid' : 'none';
  if (booking.payBy === 'invoice') return 'invoice';
  if (booking.payBy === 'online') return money.paidCents - money.refundedCents > 0 ? 'partly_paid' : 'due';
  return 'none';
}

/** The columns of a booking row its payment state follows from. */
export interface PayingColumns {
  status: string;
  pay_by: string;
  deposit_percent: number;
  total_cents: number;
  adjustment_cents: number;
  balance_due_on: string | null;
}

/** A booking row as bookingPayment takes it. */
export function payingBookingOf(row: PayingColumns): PayingBooking {
  return {
    status: row.status as BookingStatus,
    payBy: row.pay_by as PayBy,
    depositPercent: row.deposit_percent,
    totalCents: row.total_cents,
    adjustmentCents: row.adjustment_cents,
    balanceDueOn: row.balance_due_on,
  };
}

/**
 * What can be paid online now (what the pay button and startCheckout take): the first payment of
 * a booking awaiting it, within its window; the outstanding rest of a confirmed booking paid
 * online; 0 for anything else.
 */
export function payableNowCents(
  row: Pick<PayingColumns, 'status' | 'pay_by'> & { payment_expires_at: string | null },
  state: BookingPayment,
  now: Date,
): number {
  if (row.status === 'awaiting_payment') {
    return row.payment_expires_at !== null && row.payment_expires_at > now.toISOString() ? state.dueNowCents : 0;
  }
  return row.status === 'confirmed' && row.pay_by === 'online' ? state.dueCents : 0;
}

/**
 * What a booking owes beyond (or below) its price, as the manage page and the mails state it beside
 * the price: its label (fees kept of places given up, or goodwill given back) and its amount; undefined
 * when the booking owes just its price.
 */
export function adjustmentLine(adjustmentCents: number): { label: 'payment.fees_kept' | 'payment.goodwill'; cents: number } | undefined {
  if (adjustmentCents === 0) return undefined;
  return { label: adjustmentCents > 0 ? 'payment.fees_kept' : 'payment.goodwill', cents: Math.abs(adjustmentCents) };
}
