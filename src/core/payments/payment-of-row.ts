import type { Executor } from '../../db/schema.js';
import { type BookingPayment, bookingPayment, payingBookingOf } from './payment-state.js';
import { moneyOf } from './payments.repository.js';

/** The columns of a booking its payment state follows from. */
export interface PayingRow {
  id: string;
  status: string;
  pay_by: string;
  deposit_percent: number;
  total_cents: number;
  adjustment_cents: number;
  balance_due_on: string | null;
}

/** A booking's payment state from its row and its ledger. */
export async function paymentOfRow(db: Executor, row: PayingRow): Promise<BookingPayment> {
  return bookingPayment(payingBookingOf(row), await moneyOf(db, row.id));
}
