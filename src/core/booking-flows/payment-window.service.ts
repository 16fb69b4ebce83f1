import type { Selectable } from 'kysely';
import type { BookingTable, Db } from '../../db/schema.js';
import { bookingToChange, changeStatus } from './status-change.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { settlePayment } from './checkout.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { listPaymentWindowsPassed, listUnsettledPayments } from '../payments/payment-window.repository.js';
import { moneyOf, type RefundRow } from '../payments/payments.repository.js';
import { recordRefund, sendRefunds, voucherPartOf } from './refund.service.js';

/**
 * How long after its window a booking waits for Mollie's answer before it expires whatever Mollie
 * says (or does not say: the venue's key removed or revoked, Mollie down). iDEAL and card payments
 * are final within minutes, well inside two hours; a payment Mollie settles later still is a late
 * payment (checkout.service.ts), which takes the places again if free and is refunded otherwise.
 * So no booking holds its places for ever on a Mollie that does not answer.
 */
export const PAYMENT_GRACE_MINUTES = 120;

/**
 * The most Mollie calls one run makes (each may wait up to the client's 15-second timeout); the
 * bookings left wait for the next run. The lifecycle job's lease covers them (booking-lifecycle.service.ts).
 */
export const PAYMENT_WINDOW_CALLS_PER_RUN = 50;

const MINUTE = 60_000;

/**
 * Ends the payment window of bookings awaiting payment whose window has passed. Mollie is asked
 * first about each one's payments still in play (a webhook may be late or lost): one paid
 * confirms the booking instead. When Mollie does not answer, the booking is left for the next run,
 * until its window is PAYMENT_GRACE_MINUTES behind: then it expires whatever Mollie says.
 * Otherwise the booking expires: status `expired` and its places back on the slot in one
 * transaction (changeStatus, conditional on the status and the window as read), the history
 * entry and the organiser's `payment_expired` mail; what was paid of it (a part short of the
 * deposit, say) is refunded in that transaction (cause `late_payment`) and sent to Mollie after
 * the commit. A payment made after this is a late payment (checkout.service.ts): the places
 * again if free, else refunded.
 *
 * Each run takes, oldest window first: the bookings past the grace, then those needing no call
 * to Mollie, then those that do, at most PAYMENT_WINDOW_CALLS_PER_RUN calls: bookings Mollie
 * cannot answer for never keep the others waiting.
 */
export async function expireUnpaid(db: Db, clock: Clock, context: PaymentContext, limit: number): Promise<number> {
  const now = clock.now();
  const graceEnd = new Date(now.getTime() - PAYMENT_GRACE_MINUTES * MINUTE).toISOString();
  const budget = { calls: PAYMENT_WINDOW_CALLS_PER_RUN };
  const batches: [Selectable<BookingTable>[], boolean][] = [
    [await listPaymentWindowsPassed(db, { until: graceEnd }, false, limit), true],
    [await listPaymentWindowsPassed(db, { until: graceEnd }, true, limit), true],
    [await listPaymentWindowsPassed(db, { after: graceEnd, until: now.toISOString() }, false, limit), false],
    [await listPaymentWindowsPassed(db, { after: graceEnd, until: now.toISOString() }, true, limit), false],
  ];
  let expired = 0;
  let seen = 0;
  const errors: unknown[] = [];
  for (const [rows, pastGrace] of batches) {
    for (const row of rows) {
      seen += 1;
      try {
        if (await expireOne(db, clock, context, row, pastGrace, budget)) expired += 1;
      } catch (error) {
        errors.push(error);
      }
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${seen} unpaid bookings failed`);
  return expired;
}

/** Whether Mollie says a payment of the booking is paid; undefined when it cannot say now (or this run asked enough). */
async function paidAtMollie(db: Db, clock: Clock, context: PaymentContext, bookingId: string, budget: { calls: number }) {
  for (const payment of await listUnsettledPayments(db, bookingId)) {
    if (budget.calls <= 0) return undefined;
    budget.calls -= 1;
    try {
      const settled = await settlePayment(db, clock, context, payment.id);
      if (settled.status === 'paid') return true;
    } catch (error) {
      if (error instanceof DomainError && error.code === 'payment_unavailable') return undefined;
      throw error;
    }
  }
  return false;
}

async function expireOne(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  row: Selectable<BookingTable>,
  pastGrace: boolean,
  budget: { calls: number },
): Promise<boolean> {
  let paid: boolean | undefined;
  try {
    paid = await paidAtMollie(db, clock, context, row.id, budget);
  } catch (error) {
    // Past the grace nothing Mollie says (or fails to say) keeps the places any longer.
    if (!pastGrace) throw error;
  }
  if (paid === true) return false;
  if (paid === undefined && !pastGrace) return false;
  let refunds: RefundRow[] = [];
  const changed = await db.transaction().execute((trx) =>
    changeStatus(trx, clock, bookingToChange(row), {
      to: 'expired',
      actor: { by: 'system' },
      action: 'booking.payment_expired',
      window: 'passed',
      // What came in (a part of the deposit, say) does not stay with an expired booking.
      refund: async (tx) => {
        const { paidCents, refundedCents } = await moneyOf(tx, row.id);
        const cents = paidCents - refundedCents;
        if (cents <= 0) return 0;
        refunds = await recordRefund(tx, clock, {
          bookingId: row.id,
          amountCents: cents,
          cause: 'late_payment',
          reason: '',
          by: { by: 'system' },
        });
        return { cents, by: 'policy', paidCents: cents, voucherCents: await voucherPartOf(tx, refunds) };
      },
    }),
  );
  if (refunds.length > 0) await sendRefunds(db, clock, context, refunds);
  return changed;
}
