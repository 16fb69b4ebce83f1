import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { chargeAttempt, THROTTLE_RULES } from '../throttles/throttle.js';
import { settlePayment } from './checkout.service.js';
import { mollieKeyOfPayment } from '../payments/mollie-key.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { findPaymentByProviderId, type PaymentRow } from '../payments/payments.repository.js';
import { settleVoucherSaleFromWebhook, voucherSaleOfPayment } from '../vouchers/voucher-sale.service.js';

/**
 * Mollie's webhook call for the payment `providerId`, from `client` (its network; null when
 * unknown): settles it (settlePayment), or the gift voucher sale it paid (settleVoucherSale). Throws (`payment_unavailable`) only when Mollie cannot be
 * asked, so that it calls again. An unknown id, or a payment whose venue has no usable key any
 * more, is done with: Groupz can do nothing with it and the expiry job ends a booking that stays
 * unpaid. Only a call for an unknown id counts against the webhook's limit (throws `throttled`
 * past it): Mollie's own calls, in whatever burst, name payments Groupz made.
 */
export async function settleFromWebhook(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  providerId: string,
  client: string | null,
): Promise<void> {
  const payment = await findPaymentByProviderId(db, providerId);
  const voucherId = payment ? undefined : await voucherSaleOfPayment(db, providerId);
  if (voucherId !== undefined) return settleVoucherSaleFromWebhook(db, clock, context, voucherId);
  if (!payment) {
    if (client !== null) await chargeAttempt(db, clock, [{ rule: THROTTLE_RULES.paymentWebhook, subject: client }]);
    return;
  }
  try {
    await settlePayment(db, clock, context, payment.id);
  } catch (error) {
    if (await keyMissing(db, context, payment)) return;
    throw error;
  }
}

/** Whether Groupz has no key of the account that took a payment to ask Mollie with (none set, replaced, or one that does not open). */
async function keyMissing(db: Db, context: PaymentContext, payment: PaymentRow): Promise<boolean> {
  try {
    return (await mollieKeyOfPayment(db, context.secretKey, context.settings, payment)) === null;
  } catch {
    return true;
  }
}
