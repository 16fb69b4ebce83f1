import type { ExpressionBuilder, Selectable } from 'kysely';
import type { BookingTable, Database, Executor, Tx } from '../../db/schema.js';
import type { PaymentStatus } from './payment.js';
import type { PaymentRow } from './payments.repository.js';

/** The statuses of a Mollie payment whose outcome Mollie may still change. */
const UNSETTLED: readonly PaymentStatus[] = ['open', 'pending', 'authorized'];

/** The booking's Mollie payments whose outcome Mollie may still change: to ask before giving up on them. */
export async function listUnsettledPayments(db: Executor, bookingId: string): Promise<PaymentRow[]> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .where('method', '=', 'mollie')
    .where('provider_id', 'is not', null)
    .where('status', 'in', ['creating', ...UNSETTLED])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Bookings awaiting payment whose window ended at or before `at`, oldest window first. `asks`:
 * only those with a Mollie payment still in play (Mollie is asked before they expire), or only
 * those without (they expire without a call): so bookings Mollie cannot answer for never crowd
 * out the ones that need no call.
 */
export async function listPaymentWindowsPassed(
  db: Executor,
  range: { after?: string; until: string },
  asks: boolean,
  limit: number,
): Promise<Selectable<BookingTable>[]> {
  let query = db.selectFrom('bookings').selectAll().where('status', '=', 'awaiting_payment').where('payment_expires_at', '<=', range.until);
  if (range.after !== undefined) query = query.where('payment_expires_at', '>', range.after);
  const inPlay = (eb: ExpressionBuilder<Database, 'bookings'>) =>
    eb.exists(
      eb
        .selectFrom('payments')
        .select('payments.id')
        .whereRef('payments.booking_id', '=', 'bookings.id')
        .where('payments.method', '=', 'mollie')
        .where('payments.provider_id', 'is not', null)
        .where('payments.status', 'in', ['creating', ...UNSETTLED]),
    );
  query = query.where((eb) => (asks ? inPlay(eb) : eb.not(inPlay(eb))));
  return query.orderBy('payment_expires_at').orderBy('id').limit(limit).execute();
}

/**
 * Mollie payments still open, pending or authorized, created and last updated (or asked about,
 * see touchPayment) at or before `before`: to ask Mollie about (a webhook may be lost), the
 * longest unheard first, so each waits its turn however many stay open.
 */
export async function listPaymentsToCheck(db: Executor, before: string, limit: number): Promise<PaymentRow[]> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('method', '=', 'mollie')
    .where('provider_id', 'is not', null)
    .where('status', 'in', UNSETTLED)
    .where('created_at', '<=', before)
    .where('updated_at', '<=', before)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Records that Mollie was asked about a payment whose status did not change (it goes to the back of the queue). */
export async function touchPayment(db: Executor, id: string, status: string, at: string): Promise<void> {
  await db.updateTable('payments').set({ updated_at: at }).where('id', '=', id).where('status', '=', status).execute();
}

/**
 * Marks `canceled` the payments still `creating` without Mollie's id that were created at or
 * before `before`: Mollie never answered their creation and the organiser has long left; a
 * later checkout makes a new one. Returns how many.
 */
export async function cancelAbandonedCreating(trx: Tx, before: string, at: string): Promise<number> {
  const result = await trx
    .updateTable('payments')
    .set({ status: 'canceled', updated_at: at })
    .where('method', '=', 'mollie')
    .where('status', '=', 'creating')
    .where('provider_id', 'is', null)
    .where('created_at', '<=', before)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
