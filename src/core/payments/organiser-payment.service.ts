import type { Executor } from '../../db/schema.js';
import { DomainError } from '../shared/errors.js';
import { findPaymentTerms, type PaymentTerms } from './organiser-payment.repository.js';
import { type BookingPayment, bookingPayment, payableNowCents, payingBookingOf } from './payment-state.js';
import type { PayBy } from '../catalog/payment-terms.js';
import {
  type BookingMoney,
  findPayment,
  listPayments,
  listRefunds,
  moneyOf,
  type PaymentRow,
  type RefundRow,
} from './payments.repository.js';

/** A booking's money as its organiser sees it (the manage page, the API's manage answer). */
export interface OrganiserPayment {
  state: BookingPayment;
  payBy: PayBy;
  /** The end of the payment window of a booking awaiting its first payment; null otherwise. */
  expiresAt: Date | null;
  /** What the pay button pays now (startCheckout): the first payment while awaiting it, else the balance of an online booking; 0 when nothing can be paid online. */
  payableCents: number;
  /** The organisation's own reference (PO number) of a booking paid on invoice; null when none. */
  billingReference: string | null;
  /** Of what is paid (net of refunds), the part gift vouchers paid. */
  voucherCents: number;
  /** What it owes beyond its price: fees kept of places given up (+), goodwill given back (-). */
  adjustmentCents: number;
}

/**
 * The payment state of a booking, the window's end and what can be paid online now (what
 * startCheckout takes: the first payment within the window, or the rest of a confirmed booking paid online).
 */
export async function readOrganiserPayment(db: Executor, bookingId: string, now: Date): Promise<OrganiserPayment> {
  const row = await findPaymentTerms(db, bookingId);
  if (!row) throw new DomainError('not_found');
  const money = await moneyOf(db, bookingId);
  return organiserPaymentOf(row, { money, payments: await listPayments(db, bookingId), refunds: await listRefunds(db, bookingId) }, now);
}

/** What readOrganiserPayment reads of a booking's money: what is paid and refunded, its payments and refunds. */
export interface MoneyRead {
  money: BookingMoney;
  payments: readonly PaymentRow[];
  refunds: readonly RefundRow[];
}

/**
 * readOrganiserPayment's answer from its booking's payment terms (findPaymentTerms' columns) and
 * money: for a caller that has them, such as the booking just placed, which has paid nothing.
 */
export function organiserPaymentOf(row: PaymentTerms, { money, payments, refunds }: MoneyRead, now: Date): OrganiserPayment {
  const state = bookingPayment(payingBookingOf(row), money);
  const expiresAt = row.status === 'awaiting_payment' && row.payment_expires_at ? new Date(row.payment_expires_at) : null;
  const vouchers = payments.filter((payment) => payment.method === 'voucher' && payment.status === 'paid');
  const voucherCents = vouchers.reduce(
    (sum, payment) =>
      sum +
      payment.amount_cents -
      refunds.filter((refund) => refund.payment_id === payment.id && refund.status === 'refunded').reduce((s, r) => s + r.amount_cents, 0),
    0,
  );
  return {
    state,
    payBy: row.pay_by as PayBy,
    expiresAt,
    payableCents: payableNowCents(row, state, now),
    billingReference: row.billing_reference,
    voucherCents,
    adjustmentCents: row.adjustment_cents,
  };
}

/** A payment of this booking (a return page's address names it); undefined for another booking's or none. */
export async function findPaymentOfBooking(db: Executor, bookingId: string, paymentId: string): Promise<PaymentRow | undefined> {
  const payment = await findPayment(db, paymentId);
  return payment?.booking_id === bookingId ? payment : undefined;
}
