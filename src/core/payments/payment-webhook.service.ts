import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { settleByProviderId } from './checkout.service.js';
import { mollieKeyFor } from './mollie-key.js';
import type { PaymentContext } from './payment-context.js';
import { findPaymentByProviderId } from './payments.repository.js';

/**
 * Mollie's webhook call for the payment `providerId`: settles it (settleByProviderId). Throws
 * (`payment_unavailable`) only when Mollie cannot be asked, so that it calls again. An unknown id,
 * or a payment whose venue has no usable key any more, is done with: Groupz can do nothing with it
 * and the expiry job ends a booking that stays unpaid.
 */
export async function settleFromWebhook(db: Db, clock: Clock, context: PaymentContext, providerId: string): Promise<void> {
  try {
    await settleByProviderId(db, clock, context, providerId);
  } catch (error) {
    if (await keyMissing(db, context, providerId)) return;
    throw error;
  }
}

/** Whether the venue of a known payment has no key Groupz can ask Mollie with (none set, or one that does not open). */
async function keyMissing(db: Db, context: PaymentContext, providerId: string): Promise<boolean> {
  const payment = await findPaymentByProviderId(db, providerId);
  if (!payment) return false;
  try {
    return (await mollieKeyFor(db, context.secretKey, context.settings, payment.venue_id)) === null;
  } catch {
    return true;
  }
}
