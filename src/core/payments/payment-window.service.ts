import type { Db } from '../../db/schema.js';
import { bookingToChange, changeStatus } from '../bookings/status-change.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { settlePayment } from './checkout.service.js';
import { listPaymentWindowsPassed, listUnsettledPayments } from './checkout.repository.js';
import type { PaymentContext } from './payment-context.js';
import type { BookingTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';

/**
 * Ends the payment window of bookings awaiting payment whose window has passed. Mollie is asked
 * first about each one's payments still in play (a webhook may be late or lost): one paid
 * confirms the booking instead. When Mollie does not answer, the booking is left for the next run.
 * Otherwise the booking expires: status `expired` and its places back on the slot in one
 * transaction (changeStatus, conditional on the status and the window as read), the history
 * entry and the organiser's `payment_expired` mail. A payment made after this is a late payment
 * (checkout.service.ts): the places again if free, else refunded.
 */
export async function expireUnpaid(db: Db, clock: Clock, context: PaymentContext, limit: number): Promise<number> {
  const due = await listPaymentWindowsPassed(db, clock.now().toISOString(), limit);
  let expired = 0;
  const errors: unknown[] = [];
  for (const row of due) {
    try {
      if (await expireOne(db, clock, context, row)) expired += 1;
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${due.length} unpaid bookings failed`);
  return expired;
}

async function expireOne(db: Db, clock: Clock, context: PaymentContext, row: Selectable<BookingTable>): Promise<boolean> {
  for (const payment of await listUnsettledPayments(db, row.id)) {
    try {
      const settled = await settlePayment(db, clock, context, payment.id);
      if (settled.status === 'paid') return false;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'payment_unavailable') return false;
      throw error;
    }
  }
  return db.transaction().execute((trx) =>
    changeStatus(trx, clock, bookingToChange(row), {
      to: 'expired',
      actor: { by: 'system' },
      action: 'booking.payment_expired',
      window: 'passed',
    }),
  );
}
