import type { Db, Tx } from '../../db/schema.js';
import { type BookingActor, recordBookingEvent } from '../bookings/booking-history.js';
import { enqueueStaffNotice } from '../bookings/staff-notice.service.js';
import type { Job } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { syncPaidStateOf } from './balances.service.js';
import { restoreVoucher } from '../vouchers/voucher.service.js';
import { mollieKeyOfPayment } from '../payments/mollie-key.js';
import type { RefundCause, RefundStatus } from '../payments/payment.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { ProviderRefused, ProviderUnavailable } from '../payments/payment-provider.js';
import {
  addBookingAdjustment,
  failUnsentRefund,
  findRefundTarget,
  insertRefund,
  listPayments,
  listRefunds,
  listUnsettledRefunds,
  lockBooking,
  type PaymentRow,
  REFUNDS_COUNTED,
  type RefundRow,
  updateRefund,
} from '../payments/payments.repository.js';

export interface RefundRequest {
  bookingId: string;
  amountCents: number;
  cause: RefundCause;
  /** Why, in staff's words (cause 'staff'); empty otherwise. */
  reason: string;
  by: BookingActor;
  /** Draw on this payment only (a late payment goes back the way it came); else on all, latest first. */
  paymentId?: string;
}

/** Refunds given as goodwill: they lower what the booking owes (bookings.adjustment_cents) by their amount. */
export const GOODWILL_CAUSES: readonly RefundCause[] = ['staff', 'provider'];

/** What is left to refund of each paid payment, newest first: money goes back the way it came, latest first. */
export function refundable(payments: PaymentRow[], refunds: RefundRow[]): { payment: PaymentRow; cents: number }[] {
  return payments
    .filter((payment) => payment.status === 'paid')
    .map((payment) => ({
      payment,
      cents:
        payment.amount_cents -
        refunds
          .filter((refund) => refund.payment_id === payment.id && (REFUNDS_COUNTED as readonly string[]).includes(refund.status))
          .reduce((sum, refund) => sum + refund.amount_cents, 0),
    }))
    .filter((part) => part.cents > 0)
    .reverse();
}

/**
 * Records a refund of `amountCents` inside the caller's transaction: the refunds (one per payment
 * it draws on; a Mollie one `creating`, a bank one `refunded` at once: staff transfer it back
 * themselves, and are told to unless they record it themselves, cause 'staff'; a voucher one
 * `refunded` at once, its money back on the voucher) and the booking's history entry, under the
 * booking's lock, so two refunds racing
 * cannot together give back more than was paid (`refund_too_large`). Nothing goes to Mollie
 * here: after the commit, `sendRefunds` sends them, and `sendPendingRefunds` sends any a crash or
 * an unavailable Mollie left `creating`. The caller's transaction may have locked the booking's
 * slot before (the lock order: slot, then booking). The booking's "paid" mark is synced after.
 */
export async function recordRefund(trx: Tx, clock: Clock, request: RefundRequest): Promise<RefundRow[]> {
  if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) throw new DomainError('refund_too_large');
  const stamp = clock.now().toISOString();
  const booking = await lockBooking(trx, request.bookingId);
  if (!booking) throw new DomainError('not_found');
  const parts = refundable(await listPayments(trx, booking.id), await listRefunds(trx, booking.id)).filter(
    (part) => request.paymentId === undefined || part.payment.id === request.paymentId,
  );
  if (parts.reduce((sum, part) => sum + part.cents, 0) < request.amountCents) throw new DomainError('refund_too_large');
  const planned: RefundRow[] = [];
  let left = request.amountCents;
  for (const { payment, cents } of parts) {
    if (left === 0) break;
    const take = Math.min(left, cents);
    left -= take;
    const row: RefundRow = {
      id: newId(),
      booking_id: booking.id,
      payment_id: payment.id,
      provider_id: null,
      amount_cents: take,
      // Mollie's are sent after the commit; a bank one is staff's to transfer, a voucher's goes back to it now.
      status: payment.method === 'mollie' ? 'creating' : 'refunded',
      cause: request.cause,
      reason: request.reason,
      staff_id: request.by.by === 'staff' ? request.by.member.id : null,
      created_at: stamp,
      updated_at: stamp,
      failure: null,
    };
    await insertRefund(trx, row);
    planned.push(row);
    if (payment.voucher_id !== null) {
      await restoreVoucher(trx, clock, {
        voucherId: payment.voucher_id,
        venueId: booking.venue_id,
        bookingId: booking.id,
        paymentId: payment.id,
        refundId: row.id,
        cents: take,
        staffId: row.staff_id,
      });
    }
    // Groupz cannot transfer money back by bank: the venue's staff are told to, unless they record it themselves.
    if (payment.method === 'bank' && row.cause !== 'staff') {
      await enqueueStaffNotice(trx, clock, {
        kind: 'staff_refund_by_bank',
        bookingId: booking.id,
        venueId: booking.venue_id,
        detail: { amount_cents: take, refund_id: row.id },
        dedupeKey: `staff_refund_by_bank:${row.id}`,
      });
    }
  }
  await recordBookingEvent(trx, clock, {
    ...request.by,
    venueId: booking.venue_id,
    reference: booking.reference,
    action: 'booking.refunded',
    detail: { amount_cents: request.amountCents, cause: request.cause, ...(request.reason !== '' && { reason: request.reason }) },
  });
  // A goodwill refund (staff's, or one made in Mollie's dashboard) lowers what the booking owes with
  // what goes back, so nothing becomes outstanding; other causes return money that was never owed.
  if (GOODWILL_CAUSES.includes(request.cause)) await addBookingAdjustment(trx, booking.id, -request.amountCents, stamp);
  // The booking's "paid" mark follows its ledger (balances.service.ts), under the same lock.
  await syncPaidStateOf(trx, clock, booking.id);
  return planned;
}

/** What of these refunds (of one booking) went back onto gift vouchers: their payments' method is `voucher`. */
export async function voucherPartOf(trx: Tx, rows: readonly RefundRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const payments = await listPayments(trx, rows[0]!.booking_id);
  const vouchers = new Set(payments.filter((payment) => payment.method === 'voucher').map((payment) => payment.id));
  return rows.filter((row) => vouchers.has(row.payment_id)).reduce((sum, row) => sum + row.amount_cents, 0);
}

/**
 * Gives `amountCents` of a booking's payments back: THE one way money goes back. Records the
 * refunds in one transaction (recordRefund), then asks Mollie for each; one Mollie does not take
 * now stays `creating` and `sendPendingRefunds` sends it again (the refund's id is the
 * idempotency key: never twice).
 */
export async function refundBooking(db: Db, clock: Clock, context: PaymentContext, request: RefundRequest): Promise<RefundRow[]> {
  const rows = await db.transaction().execute((trx) => recordRefund(trx, clock, request));
  return sendRefunds(db, clock, context, rows);
}

/** Asks Mollie for each refund still `creating` (after the transaction that recorded them committed); returns the rows as they are then. */
export async function sendRefunds(db: Db, clock: Clock, context: PaymentContext, rows: RefundRow[]): Promise<RefundRow[]> {
  const sent: RefundRow[] = [];
  for (const row of rows) sent.push(row.status === 'creating' ? await sendRefund(db, clock, context, row) : row);
  return sent;
}

/**
 * Records what Mollie says of a refund: its status (and id). A refund that failed (Mollie refused
 * it, or the bank could not make it) gives nothing back unless staff do it by hand: the venue's
 * staff are told in the same transaction, once per refund.
 */
async function recordRefundStatus(
  db: Db,
  clock: Clock,
  row: RefundRow,
  venueId: string,
  change: { status: RefundStatus; providerId?: string },
): Promise<RefundRow> {
  const stamp = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const changed = await updateRefund(trx, row.id, { ...change, at: stamp });
    if (changed && change.status === 'failed') await refundFailed(trx, clock, row, venueId);
  });
  return { ...row, status: change.status, ...(change.providerId !== undefined && { provider_id: change.providerId }), updated_at: stamp };
}

/**
 * After a refund failed, in that transaction: a goodwill refund gave nothing, so what the booking
 * owes goes back up by it (recordRefund lowered it); the paid mark and the invoices follow the
 * money the venue still holds; the venue's staff are told, once per refund, that it is theirs to
 * make by hand.
 */
async function refundFailed(trx: Tx, clock: Clock, row: RefundRow, venueId: string): Promise<void> {
  await lockBooking(trx, row.booking_id);
  if (GOODWILL_CAUSES.includes(row.cause as RefundCause)) {
    await addBookingAdjustment(trx, row.booking_id, row.amount_cents, clock.now().toISOString());
  }
  // The money stayed with the venue: its paid mark and its invoices (what it keeps) follow.
  await syncPaidStateOf(trx, clock, row.booking_id);
  await enqueueStaffNotice(trx, clock, {
    kind: 'staff_refund_failed',
    bookingId: row.booking_id,
    venueId,
    detail: { amount_cents: row.amount_cents, refund_id: row.id },
    dedupeKey: `staff_refund_failed:${row.id}`,
  });
}

async function sendRefund(db: Db, clock: Clock, context: PaymentContext, row: RefundRow): Promise<RefundRow> {
  const target = await findRefundTarget(db, row.payment_id);
  if (target.provider_id === null) return row;
  const apiKey = await mollieKeyOfPayment(db, context.secretKey, context.settings, target);
  if (apiKey === null) {
    // The account that took the payment has no key here any more: never another account's key.
    // Staff are told the refund failed and why, and refund it in that Mollie account themselves.
    if (target.provider_account === null) return row;
    const stamp = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      if (await failUnsentRefund(trx, row.id, 'account_gone', stamp)) await refundFailed(trx, clock, row, target.venue_id);
    });
    return { ...row, status: 'failed', failure: 'account_gone', updated_at: stamp };
  }
  try {
    const refund = await context.settings.provider.createRefund(apiKey, target.provider_id, {
      amountCents: row.amount_cents,
      // The same for every attempt: Mollie refuses an idempotency key reused with another body.
      description: `Groupz ${target.reference} refund`,
      reference: row.id,
    });
    return await recordRefundStatus(db, clock, row, target.venue_id, { status: refund.status, providerId: refund.id });
  } catch (error) {
    // Mollie's clear no (more than the payment has left there, say after a refund in its
    // dashboard) will not change by trying again: the refund failed, staff are told.
    if (error instanceof ProviderRefused) return recordRefundStatus(db, clock, row, target.venue_id, { status: 'failed' });
    if (error instanceof ProviderUnavailable) return row;
    throw error;
  }
}

/** Asks Mollie how a refund it has is doing now (the bank completes or fails it later). */
async function refreshRefund(db: Db, clock: Clock, context: PaymentContext, row: RefundRow): Promise<RefundRow> {
  if (row.provider_id === null) return row;
  const target = await findRefundTarget(db, row.payment_id);
  const apiKey = await mollieKeyOfPayment(db, context.secretKey, context.settings, target);
  if (target.provider_id === null || apiKey === null) return row;
  try {
    const refund = await context.settings.provider.getRefund(apiKey, target.provider_id, row.provider_id);
    if (!refund || refund.status === row.status) return row;
    return await recordRefundStatus(db, clock, row, target.venue_id, { status: refund.status });
  } catch (error) {
    if (error instanceof ProviderUnavailable) return row;
    throw error;
  }
}

/** How many refunds a run of the job looks at; the rest wait for the next minute. */
const REFUNDS_PER_RUN = 100;

/**
 * The refunds Mollie has not finished: those still `creating` (Mollie was unavailable, or the
 * process stopped before it asked) are sent again under their own id as idempotency key, so a
 * refund Mollie did take but whose answer was lost is not made twice; those queued, pending or
 * processing are asked after, and their row follows what Mollie says (refunded, failed, canceled).
 * Returns how many rows changed.
 */
export async function sendPendingRefunds(db: Db, clock: Clock, context: PaymentContext): Promise<{ sent: number; settled: number }> {
  let sent = 0;
  let settled = 0;
  for (const row of await listUnsettledRefunds(db, REFUNDS_PER_RUN)) {
    if (row.status === 'creating') {
      if ((await sendRefund(db, clock, context, row)).status !== 'creating') sent += 1;
    } else if ((await refreshRefund(db, clock, context, row)).status !== row.status) {
      settled += 1;
    }
  }
  return { sent, settled };
}

/** `sendPendingRefunds` every minute. */
export function refundJob(db: Db, clock: Clock, context: PaymentContext): Job {
  return { name: 'refunds', everySeconds: 60, leaseSeconds: 300, run: () => sendPendingRefunds(db, clock, context) };
}
