import { randomUUID } from 'node:crypto';
import type { PaymentContext } from '../src/core/payments/payment-context.js';
import type { RefundPolicy } from '../src/core/catalog/refund-policy.js';
import type { Clock } from '../src/core/shared/clock.js';
import type { Db } from '../src/db/schema.js';
import { TEST_MOLLIE_KEY, type TestMollie } from './mollie/payments.js';

/**
 * Bookings with money in them, for the refund tests, made the way the checkout leaves them: the
 * booking placed under a cancellation policy and paying online, a Mollie payment created at the
 * stand-in through the real client and paid there, and the matching `payments` row.
 * (Replace by the checkout's startCheckout/settlePayment once they are on main.)
 */

/** A payment context at the stand-in: the platform's key serves every venue. */
export function paymentContextOf(mollie: TestMollie): PaymentContext {
  return { settings: mollie.settings, secretKey: Buffer.alloc(32, 7), publicUrl: 'https://bookings.groupz.test' };
}

/** Sets the policy the booking was placed under and how it pays (as placing it under these terms would). */
export async function placeUnderPolicy(db: Db, bookingId: string, policy: RefundPolicy, depositPercent = 100): Promise<void> {
  await db
    .updateTable('bookings')
    .set({ refund_policy: JSON.stringify(policy), pay_by: 'online', deposit_percent: depositPercent })
    .where('id', '=', bookingId)
    .execute();
}

/** Pays `amountCents` of the booking at the stand-in (paid there) and records the payment as settled. */
export async function payAtMollie(db: Db, clock: Clock, mollie: TestMollie, bookingId: string, amountCents: number): Promise<string> {
  const booking = await db.selectFrom('bookings').select(['venue_id', 'reference']).where('id', '=', bookingId).executeTakeFirstOrThrow();
  const id = randomUUID();
  const created = await mollie.settings.provider.createPayment(TEST_MOLLIE_KEY, {
    amountCents,
    description: `Groupz ${booking.reference}`,
    redirectUrl: `https://bookings.groupz.test/return/${id}`,
    webhookUrl: 'https://bookings.groupz.test/payments/webhook',
    reference: id,
    locale: 'nl_NL',
  });
  mollie.standIn.setStatus(created.id, 'paid');
  const at = clock.now().toISOString();
  await db
    .insertInto('payments')
    .values({
      id,
      booking_id: bookingId,
      venue_id: booking.venue_id,
      method: 'mollie',
      provider_id: created.id,
      amount_cents: amountCents,
      status: 'paid',
      created_at: at,
      updated_at: at,
      paid_at: at,
    })
    .execute();
  return created.id;
}

/** The booking's refunds as recorded, oldest first. */
export function refundRows(db: Db, bookingId: string) {
  return db.selectFrom('refunds').selectAll().where('booking_id', '=', bookingId).orderBy('created_at').orderBy('id').execute();
}

/** What the stand-in refunded of the booking's Mollie payments, in cents, per refund. */
export function refundsAtMollie(mollie: TestMollie, providerIds: string[]) {
  return mollie.standIn
    .refunds()
    .filter((refund) => providerIds.includes(refund.paymentId))
    .map((refund) => ({ id: refund.id, amountCents: refund.amountCents, status: refund.status }));
}
