import type { Tx } from '../../db/schema.js';
import { localDateOf } from '../shared/time.js';
import { findPayingBooking } from './checkout.repository.js';
import { windowEnd } from './payment-plan.js';
import { dueAtBookingCents } from '../catalog/payment-terms.js';
import { moneyOf } from './payments.repository.js';

/** The window of a booking placed before its length was kept with it. */
export const DEFAULT_WINDOW_MINUTES = 30;

export interface PaymentDue {
  expiresAt: Date;
  depositPercent: number;
  balanceDueOn: string | null;
  dueNowCents: number;
}

/**
 * What an option or request being confirmed must pay online first, and its fresh window; undefined
 * when nothing (not paid online, or paid already). A deposit whose rest would be due by now is
 * paid in full.
 */
export async function paymentDueOnConfirming(trx: Tx, bookingId: string, now: Date): Promise<PaymentDue | undefined> {
  const row = await findPayingBooking(trx, bookingId);
  if (!row || row.pay_by !== 'online') return undefined;
  const late = row.balance_due_on !== null && row.balance_due_on <= localDateOf(now);
  const depositPercent = late ? 100 : row.deposit_percent;
  const money = await moneyOf(trx, bookingId);
  // The deposit follows the price; never more than the booking owes (its price and adjustment).
  const owedNow = Math.min(dueAtBookingCents(row.total_cents, depositPercent), row.total_cents + row.adjustment_cents);
  const dueNowCents = Math.max(0, owedNow - (money.paidCents - money.refundedCents));
  if (dueNowCents === 0) return undefined;
  return {
    expiresAt: windowEnd(now, row.payment_window_minutes ?? DEFAULT_WINDOW_MINUTES),
    depositPercent,
    balanceDueOn: late ? null : row.balance_due_on,
    dueNowCents,
  };
}
