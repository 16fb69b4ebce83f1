import type { Db } from '../../db/schema.js';
import type { Job } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { settlePayment } from './checkout.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { cancelAbandonedCreating, listPaymentsToCheck, touchPayment } from '../payments/payment-window.repository.js';
import { checkPendingVoucherSales } from '../vouchers/voucher-sale.service.js';

/** How long a payment stays open, pending or authorized before Groupz asks Mollie itself (a webhook may be lost). */
export const PAYMENT_CHECK_AFTER_MINUTES = 10;
/** How long a payment may stay `creating` without Mollie's id before it is given up (canceled). */
export const CREATING_GIVEN_UP_AFTER_MINUTES = 60;
/** The most payments one run asks Mollie about (each call may wait up to 15 seconds); the rest wait for the next run. */
export const PAYMENT_CHECKS_PER_RUN = 50;

const MINUTE = 60_000;

/**
 * Payments are not left to the webhook alone: a balance paid, or a payment pending at the bank,
 * whose webhook never arrived is settled here. Each run asks Mollie about the payments open,
 * pending or authorized for more than 10 minutes that were not asked about in the last 10
 * (settlePayment applies what Mollie says: a balance paid, a late payment...), the longest unheard
 * first, at most PAYMENT_CHECKS_PER_RUN; the gift voucher sales pending as long, likewise; and
 * marks `canceled` the payments still `creating`
 * without Mollie's id after an hour (Mollie never answered their creation; nobody is waiting on
 * them). Returns how many were asked about and how many given up.
 */
export async function checkPendingPayments(db: Db, clock: Clock, context: PaymentContext): Promise<{ checked: number; canceled: number }> {
  const now = clock.now();
  const before = new Date(now.getTime() - PAYMENT_CHECK_AFTER_MINUTES * MINUTE).toISOString();
  let checked = 0;
  const errors: unknown[] = [];
  for (const payment of await listPaymentsToCheck(db, before, PAYMENT_CHECKS_PER_RUN)) {
    try {
      const settled = await settlePayment(db, clock, context, payment.id);
      checked += 1;
      // Unchanged: to the back of the queue, asked again in 10 minutes at the earliest.
      if (settled.status === payment.status) await touchPayment(db, payment.id, payment.status, clock.now().toISOString());
    } catch (error) {
      if (error instanceof DomainError && error.code === 'payment_unavailable') {
        await touchPayment(db, payment.id, payment.status, clock.now().toISOString());
        continue;
      }
      errors.push(error);
    }
  }
  // Gift vouchers sold online whose webhook was lost: paid, they become usable and are mailed.
  checked += await checkPendingVoucherSales(db, clock, context, new Date(before), PAYMENT_CHECKS_PER_RUN).catch((error: unknown) => {
    errors.push(error);
    return 0;
  });
  const abandoned = new Date(now.getTime() - CREATING_GIVEN_UP_AFTER_MINUTES * MINUTE).toISOString();
  const canceled = await db.transaction().execute((trx) => cancelAbandonedCreating(trx, abandoned, now.toISOString()));
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} payments could not be checked`);
  return { checked, canceled };
}

/**
 * `checkPendingPayments` every minute. Its lease covers a run's calls to Mollie: at most
 * PAYMENT_CHECKS_PER_RUN (50) of at most 15 seconds each, 750 s, with room to spare.
 */
export function paymentCheckJob(db: Db, clock: Clock, context: PaymentContext): Job {
  return { name: 'payment-check', everySeconds: 60, leaseSeconds: 900, run: () => checkPendingPayments(db, clock, context) };
}
