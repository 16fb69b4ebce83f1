import type { Selectable } from 'kysely';
import type { BookingTable, Executor, Tx } from '../../db/schema.js';
import type { PaymentRow } from './payments.repository.js';

/** The columns of a booking that paying it needs. */
export type PayingBookingRow = Pick<
  Selectable<BookingTable>,
  | 'id'
  | 'reference'
  | 'venue_id'
  | 'slot_id'
  | 'status'
  | 'group_size'
  | 'organiser_email'
  | 'language'
  | 'total_cents'
  | 'adjustment_cents'
  | 'pay_by'
  | 'deposit_percent'
  | 'balance_due_on'
  | 'payment_expires_at'
  | 'payment_window_minutes'
>;

export async function findPayingBooking(db: Executor, id: string): Promise<PayingBookingRow | undefined> {
  return db
    .selectFrom('bookings')
    .select([
      'id',
      'reference',
      'venue_id',
      'slot_id',
      'status',
      'group_size',
      'organiser_email',
      'language',
      'total_cents',
      'adjustment_cents',
      'pay_by',
      'deposit_percent',
      'balance_due_on',
      'payment_expires_at',
      'payment_window_minutes',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * A Mollie payment of the booking for this amount that the organiser can still be sent to: open
 * with its checkout known, or `creating` (Mollie's answer was lost: asked again with the same id,
 * Mollie answers the same payment). The newest first.
 */
export async function findPendingCheckout(db: Executor, bookingId: string, amountCents: number): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .where('method', '=', 'mollie')
    .where('amount_cents', '=', amountCents)
    .where((eb) => eb.or([eb.and([eb('status', '=', 'open'), eb('checkout_url', 'is not', null)]), eb('status', '=', 'creating')]))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** What Groupz has counted as refunded of one payment (refunds that took, or may take, money back). */
export async function refundedOfPayment(
  trx: Tx,
  paymentId: string,
  counted: readonly string[],
  causes?: { only?: readonly string[]; except?: readonly string[] },
): Promise<number> {
  let query = trx
    .selectFrom('refunds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.val(0)).as('cents'))
    .where('payment_id', '=', paymentId)
    .where('status', 'in', counted);
  if (causes?.only) query = query.where('cause', 'in', causes.only);
  if (causes?.except) query = query.where('cause', 'not in', causes.except);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.cents);
}
