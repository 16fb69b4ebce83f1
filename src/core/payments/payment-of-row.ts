import type { Executor } from '../../db/schema.js';
import { type BookingPayment, bookingPayment, type PayingColumns, payingBookingOf } from './payment-state.js';
import { moneyOf } from './payments.repository.js';

/** The columns of a booking its payment state follows from, with its id to find its ledger. */
export type PayingRow = PayingColumns & { id: string };

/** A booking's payment state from its row and its ledger. */
export async function paymentOfRow(db: Executor, row: PayingRow): Promise<BookingPayment> {
  return bookingPayment(payingBookingOf(row), await moneyOf(db, row.id));
}
