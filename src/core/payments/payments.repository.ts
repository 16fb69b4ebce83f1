import type { Insertable, Selectable } from 'kysely';
import { lockRow } from '../../db/lock-row.js';
import type { Executor, PaymentTable, RefundTable, Tx } from '../../db/schema.js';
import { prepared } from '../../db/prepared-query.js';
import { type PaymentStatus, paymentStatusesBefore, type RefundFailure, type RefundStatus } from './payment.js';

export type PaymentRow = Selectable<PaymentTable>;
export type RefundRow = Selectable<RefundTable>;

/** Refunds that took, or may still take, money back: all but the failed and cancelled ones. */
export const REFUNDS_COUNTED: readonly RefundStatus[] = ['creating', 'queued', 'pending', 'processing', 'refunded'];

/** Refunds whose status no longer changes: a late or repeated answer never moves them back. */
export const REFUNDS_FINAL: readonly RefundStatus[] = ['refunded', 'failed', 'canceled'];

/** Refunds Mollie has not finished: `creating` ones still to send, the others to ask about. */
export const REFUNDS_UNSETTLED: readonly RefundStatus[] = ['creating', 'queued', 'pending', 'processing'];

export async function findSealedMollieKey(db: Executor, venueId: string): Promise<string | null> {
  const row = await db.selectFrom('venues').select('mollie_key_sealed').where('id', '=', venueId).executeTakeFirst();
  return row?.mollie_key_sealed ?? null;
}

export async function insertPayment(trx: Tx, row: Insertable<PaymentTable>): Promise<void> {
  await trx.insertInto('payments').values(row).execute();
}

export async function findPayment(db: Executor, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPaymentByProviderId(db: Executor, providerId: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('provider_id', '=', providerId).executeTakeFirst();
}

/** A booking's payments, oldest first. */
export async function listPayments(db: Executor, bookingId: string): Promise<PaymentRow[]> {
  return paymentsOf.rows(db, { bookingId });
}

const paymentsOf = prepared((db, p: { bookingId: string }) =>
  db.selectFrom('payments').selectAll().where('booking_id', '=', p.bookingId).orderBy('created_at').orderBy('id'),
);

/** A booking's refunds, oldest first. */
export async function listRefunds(db: Executor, bookingId: string): Promise<RefundRow[]> {
  return refundsOf.rows(db, { bookingId });
}

const refundsOf = prepared((db, p: { bookingId: string }) =>
  db.selectFrom('refunds').selectAll().where('booking_id', '=', p.bookingId).orderBy('created_at').orderBy('id'),
);

/**
 * Records what the provider says of a payment, once and only forward (PAYMENT_STATUS_RANK): a
 * status already recorded, or one behind it (a stale answer: the return page's "open" arriving
 * after the webhook's "paid"), changes nothing (false), so a webhook repeated, or racing the
 * return page, acts once. A payment's `paid_at`, once set, stays.
 */
export async function updatePaymentStatus(
  trx: Tx,
  id: string,
  change: { status: PaymentStatus; providerId?: string; checkoutUrl?: string | null; paidAt: string | null; at: string },
): Promise<boolean> {
  const before = paymentStatusesBefore(change.status);
  if (before.length === 0) return false;
  const result = await trx
    .updateTable('payments')
    .set({
      status: change.status,
      paid_at: (eb) => eb.fn.coalesce('paid_at', eb.val(change.paidAt)),
      updated_at: change.at,
      ...(change.providerId !== undefined && { provider_id: change.providerId }),
      ...(change.checkoutUrl !== undefined && { checkout_url: change.checkoutUrl }),
    })
    .where('id', '=', id)
    .where('status', 'in', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertRefund(trx: Tx, row: Insertable<RefundTable>): Promise<void> {
  await trx.insertInto('refunds').values(row).execute();
}

export async function updateRefund(
  db: Executor,
  id: string,
  change: { status: RefundStatus; providerId?: string; at: string },
): Promise<boolean> {
  // A status already final stays: a stale answer (an idempotent replay of the creation) cannot undo it.
  const result = await db
    .updateTable('refunds')
    .set({ status: change.status, updated_at: change.at, ...(change.providerId !== undefined && { provider_id: change.providerId }) })
    .where('id', '=', id)
    .where('status', '!=', change.status)
    .where('status', 'not in', REFUNDS_FINAL)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a refund not yet sent as failed, saying why for staff. */
export async function failUnsentRefund(db: Executor, id: string, failure: RefundFailure, at: string): Promise<boolean> {
  const result = await db
    .updateTable('refunds')
    .set({ status: 'failed', failure, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'creating')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A booking's money in cents: received (paid payments), given back (refunds counted), and of that what Mollie has not finished. */
export interface BookingMoney {
  paidCents: number;
  refundedCents: number;
  /** The part of refundedCents still under way (REFUNDS_UNSETTLED). */
  pendingRefundCents: number;
}

export async function moneyOf(db: Executor, bookingId: string): Promise<BookingMoney> {
  const paid = await paidOf.first(db, { bookingId });
  if (!paid) throw new Error('the sum of payments returned no row');
  return moneyFrom(paid.cents, await refundedOf.rows(db, { bookingId }));
}

/** A booking's money from the sum of its paid payments and its counted refunds' sums by status. */
function moneyFrom(paidCents: number | string, refunds: readonly { status: string; cents: number | string }[]): BookingMoney {
  const sum = (rows: typeof refunds) => rows.reduce((cents, row) => cents + Number(row.cents), 0);
  return {
    paidCents: Number(paidCents),
    refundedCents: sum(refunds),
    pendingRefundCents: sum(refunds.filter((row) => REFUNDS_UNSETTLED.includes(row.status as RefundStatus))),
  };
}

/** The money of each of the bookings, as moneyOf reads it, in two queries however many bookings. */
export async function moneyOfBookings(db: Executor, bookingIds: readonly string[]): Promise<Map<string, BookingMoney>> {
  if (bookingIds.length === 0) return new Map();
  const ids = [...bookingIds];
  const [paid, refunds] = [
    await db
      .selectFrom('payments')
      .select((eb) => ['booking_id', eb.fn.sum<number>('amount_cents').as('cents')])
      .where('booking_id', 'in', ids)
      .where('status', '=', 'paid')
      .groupBy('booking_id')
      .execute(),
    await db
      .selectFrom('refunds')
      .select((eb) => ['booking_id', 'status', eb.fn.sum<number>('amount_cents').as('cents')])
      .where('booking_id', 'in', ids)
      .where('status', 'in', REFUNDS_COUNTED)
      .groupBy(['booking_id', 'status'])
      .execute(),
  ];
  const paidBy = new Map(paid.map((row) => [row.booking_id, row.cents]));
  const refundsBy = new Map<string, typeof refunds>();
  for (const row of refunds) refundsBy.set(row.booking_id, [...(refundsBy.get(row.booking_id) ?? []), row]);
  return new Map(ids.map((id) => [id, moneyFrom(paidBy.get(id) ?? 0, refundsBy.get(id) ?? [])]));
}

const paidOf = prepared((db, p: { bookingId: string }) =>
  db
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.val(0)).as('cents'))
    .where('booking_id', '=', p.bookingId)
    .where('status', '=', 'paid'),
);

const refundedOf = prepared((db, p: { bookingId: string }) =>
  db
    .selectFrom('refunds')
    .select((eb) => ['status', eb.fn.sum<number>('amount_cents').as('cents')])
    .where('booking_id', '=', p.bookingId)
    .where('status', 'in', REFUNDS_COUNTED)
    .groupBy('status'),
);

/** The provider's id of a payment, its venue, the account that took it and its booking's reference: what a refund of it needs. */
export async function findRefundTarget(db: Executor, paymentId: string) {
  return db
    .selectFrom('payments')
    .innerJoin('bookings', 'bookings.id', 'payments.booking_id')
    .select(['payments.provider_id', 'payments.venue_id', 'payments.provider_account', 'bookings.reference'])
    .where('payments.id', '=', paymentId)
    .executeTakeFirstOrThrow();
}

/**
 * Locks a booking's row until the transaction ends (payments, refunds and status changes of one
 * booking then happen one after the other) and reads it; undefined when there is no such booking.
 */
export async function lockBooking(trx: Tx, id: string) {
  await lockRow(trx, 'bookings', id);
  return trx
    .selectFrom('bookings')
    .select(['id', 'reference', 'venue_id', 'status', 'total_cents', 'adjustment_cents', 'pay_by', 'deposit_percent', 'balance_due_on'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The cancellation policy a booking was placed under (JSON, see refund-policy.ts) and its
 * adjustment (fees kept, less goodwill refunds); undefined when there is no such booking.
 */
export async function findRefundTerms(
  db: Executor,
  bookingId: string,
): Promise<{ refund_policy: string; adjustment_cents: number } | undefined> {
  return db.selectFrom('bookings').select(['refund_policy', 'adjustment_cents']).where('id', '=', bookingId).executeTakeFirst();
}

/** Adds `deltaCents` (signed) to a booking's adjustment, inside the transaction that locked it. */
export async function addBookingAdjustment(trx: Tx, bookingId: string, deltaCents: number, at: string): Promise<void> {
  if (deltaCents === 0) return;
  await trx
    .updateTable('bookings')
    .set((eb) => ({ adjustment_cents: eb('adjustment_cents', '+', deltaCents), updated_at: at }))
    .where('id', '=', bookingId)
    .execute();
}

/** Sets a booking's adjustment, inside the transaction that locked it. */
export async function setBookingAdjustment(trx: Tx, bookingId: string, cents: number, at: string): Promise<void> {
  await trx.updateTable('bookings').set({ adjustment_cents: cents, updated_at: at }).where('id', '=', bookingId).execute();
}

/** Refunds Mollie has not finished (REFUNDS_UNSETTLED), oldest first, at most `limit`. */
export async function listUnsettledRefunds(db: Executor, limit: number): Promise<RefundRow[]> {
  return db
    .selectFrom('refunds')
    .selectAll()
    .where('status', 'in', REFUNDS_UNSETTLED)
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
