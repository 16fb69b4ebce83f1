import type { Executor, Tx } from '../../db/schema.js';
import type { BookingActor } from '../bookings/booking-history.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { RefundCause } from '../payments/payment.js';
import {
  addBookingAdjustment,
  findRefundTerms,
  listRefunds,
  lockBooking,
  moneyOf,
  type RefundRow,
  setBookingAdjustment,
} from '../payments/payments.repository.js';
import { keptCents, parseRefundPolicy, policyRefundCents, type RefundPolicy, refundPercentAt } from '../catalog/refund-policy.js';
import { recordRefund } from './refund.service.js';

/** The part of a booking's price a change cancels: all of it (a cancellation), or the places given up (a smaller group). */
export interface CancelledPart {
  /** The price that remains after the change: 0 for a cancellation, the new total for a smaller group. */
  remainingPriceCents: number;
  /** The price of what is cancelled: the whole total, or the old total less the new. */
  cancelledCents: number;
}

/** What the booking's cancellation policy gives back for a change made now. */
export interface PolicyRefundQuote {
  /** The policy the booking was placed under. */
  policy: RefundPolicy;
  /** The tier that applies now: the percentage of the cancelled part refunded. */
  percent: number;
  /** What was paid net of refunds. */
  netPaidCents: number;
  /** What the venue keeps of the cancelled part (its fee): added to the booking's adjustment. */
  keptCents: number;
  /** What goes back (0 when nothing was paid or the venue keeps it all). */
  amountCents: number;
}

async function termsOf(db: Executor, bookingId: string): Promise<{ policy: RefundPolicy; adjustmentCents: number }> {
  const row = await findRefundTerms(db, bookingId);
  if (row === undefined) throw new DomainError('not_found');
  return { policy: parseRefundPolicy(row.refund_policy), adjustmentCents: row.adjustment_cents };
}

/**
 * What the booking's own policy (as accepted when it was placed) refunds for `part` at `now`, for a
 * visit starting at `startsAt`: the organiser's confirmation pages show it before they decide.
 */
export async function quotePolicyRefund(
  db: Executor,
  clock: Clock,
  booking: { id: string; startsAt: Date },
  part: CancelledPart,
): Promise<PolicyRefundQuote> {
  const { policy, adjustmentCents } = await termsOf(db, booking.id);
  const percent = refundPercentAt(policy, booking.startsAt, clock.now());
  const money = await moneyOf(db, booking.id);
  const netPaidCents = money.paidCents - money.refundedCents;
  return {
    policy,
    percent,
    netPaidCents,
    keptCents: keptCents(part.cancelledCents, percent),
    amountCents: policyRefundCents({ netPaidCents, adjustmentCents, ...part, percent }),
  };
}

/** What the booking's policy refunds were it cancelled whole now (quotePolicyRefund). */
export function quoteCancelNow(
  db: Executor,
  clock: Clock,
  booking: { id: string; slot: { startsAt: Date }; price: { totalCents: number } },
): Promise<PolicyRefundQuote> {
  const part = { remainingPriceCents: 0, cancelledCents: booking.price.totalCents };
  return quotePolicyRefund(db, clock, { id: booking.id, startsAt: booking.slot.startsAt }, part);
}

/**
 * Records the refund the policy gives for `part` inside the caller's transaction (after its status
 * or size change, which locked the slot first): the amount computed under the booking's lock from
 * what is paid then, so a concurrent payment or refund is counted; nothing when it comes to 0.
 * What the venue keeps of the cancelled part is added to the booking's adjustment in the same
 * transaction (what the booking owes: total_cents + adjustment_cents), so a later change or
 * cancellation counts that fee as kept. The refunds are `creating` until sent (sendRefunds after the commit, else the refunds job).
 */
export async function recordPolicyRefund(
  trx: Tx,
  clock: Clock,
  request: { bookingId: string; startsAt: Date; cause: Extract<RefundCause, 'policy' | 'size_change'>; by: BookingActor } & CancelledPart,
): Promise<{ amountCents: number; refunds: RefundRow[] }> {
  const { bookingId, startsAt, cause, by, ...part } = request;
  // What was paid is read under the booking's lock: a payment or refund racing this one is counted.
  await lockBooking(trx, bookingId);
  const quote = await quotePolicyRefund(trx, clock, { id: bookingId, startsAt }, part);
  await addBookingAdjustment(trx, bookingId, quote.keptCents, clock.now().toISOString());
  if (quote.amountCents === 0) return { amountCents: 0, refunds: [] };
  const refunds = await recordRefund(trx, clock, { bookingId, amountCents: quote.amountCents, cause, reason: '', by });
  return { amountCents: quote.amountCents, refunds };
}

/** What staff choose to refund when they cancel a booking. */
export const STAFF_CANCEL_REFUNDS = ['policy', 'full', 'none'] as const;
export type StaffCancelRefund = (typeof STAFF_CANCEL_REFUNDS)[number];

/**
 * Records what a cancellation by staff gives back, inside the transaction of the cancellation:
 * what the policy says, everything paid (net of refunds), or nothing. The booking's adjustment
 * follows: the policy's fee added; after a full refund nothing is kept (0); with none, the venue
 * keeps everything paid.
 */
export async function recordStaffCancelRefund(
  trx: Tx,
  clock: Clock,
  request: { bookingId: string; startsAt: Date; totalCents: number; choice: StaffCancelRefund; by: BookingActor },
): Promise<{ amountCents: number; refunds: RefundRow[] }> {
  const { bookingId, startsAt, totalCents, choice, by } = request;
  await lockBooking(trx, bookingId);
  if (choice === 'policy') {
    return recordPolicyRefund(trx, clock, { bookingId, startsAt, cause: 'policy', by, remainingPriceCents: 0, cancelledCents: totalCents });
  }
  const money = await moneyOf(trx, bookingId);
  const netPaidCents = money.paidCents - money.refundedCents;
  const at = clock.now().toISOString();
  if (choice === 'none' || netPaidCents <= 0) {
    await setBookingAdjustment(trx, bookingId, Math.max(0, netPaidCents), at);
    return { amountCents: 0, refunds: [] };
  }
  const refunds = await recordRefund(trx, clock, { bookingId, amountCents: netPaidCents, cause: 'staff', reason: '', by });
  await setBookingAdjustment(trx, bookingId, 0, at);
  return { amountCents: netPaidCents, refunds };
}

/** What the manage page shows of a booking's refunds: its policy, what cancelling now gives back, and the refunds so far. */
export interface RefundOutlook {
  cancelNow: PolicyRefundQuote;
  refunds: RefundRow[];
}

export async function readRefundOutlook(
  db: Executor,
  clock: Clock,
  booking: { id: string; startsAt: Date; totalCents: number },
): Promise<RefundOutlook> {
  const cancelNow = await quotePolicyRefund(db, clock, booking, { remainingPriceCents: 0, cancelledCents: booking.totalCents });
  return { cancelNow, refunds: await listRefunds(db, booking.id) };
}
