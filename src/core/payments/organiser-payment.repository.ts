import type { Selectable } from 'kysely';
import type { BookingTable, Executor } from '../../db/schema.js';
import { prepared } from '../../db/prepared-query.js';

/** What a booking's payment state is computed from, with its payment window's end (findPaymentTerms). */
export type PaymentTerms = Pick<
  Selectable<BookingTable>,
  | 'status'
  | 'pay_by'
  | 'deposit_percent'
  | 'total_cents'
  | 'adjustment_cents'
  | 'balance_due_on'
  | 'payment_expires_at'
  | 'billing_reference'
>;

/** What a booking's payment state is computed from, with its payment window's end. */
export async function findPaymentTerms(db: Executor, bookingId: string): Promise<PaymentTerms | undefined> {
  return paymentTermsOf.first(db, { bookingId });
}

const paymentTermsOf = prepared((db, p: { bookingId: string }) =>
  db
    .selectFrom('bookings')
    .select([
      'status',
      'pay_by',
      'deposit_percent',
      'total_cents',
      'adjustment_cents',
      'balance_due_on',
      'payment_expires_at',
      'billing_reference',
    ])
    .where('id', '=', p.bookingId),
);
