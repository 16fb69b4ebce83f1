import { randomBytes } from 'node:crypto';
import { mollieProvider } from '../src/adapters/mollie/mollie-provider.js';
import { settleFromWebhook } from '../src/core/booking-flows/payment-webhook.service.js';
import type { PaymentContext } from '../src/core/payments/payment-context.js';
import type { PaymentSettings } from '../src/core/payments/payment-settings.js';
import type { Clock } from '../src/core/shared/clock.js';
import type { Db } from '../src/db/schema.js';
import { startMollie, type TestMollie } from './mollie/payments.js';

const SECRET_KEY = randomBytes(32);

/**
 * The payment context of the services under test: these settings (the stand-in's, from
 * test/mollie/payments.ts) or, without them, no Mollie key at all, so nothing is paid online and
 * Mollie is never asked.
 */
export function testPaymentContext(settings?: PaymentSettings, secretKey: Buffer = SECRET_KEY): PaymentContext {
  return {
    settings: settings ?? { provider: mollieProvider(), platformKey: null, windowMinutes: 30 },
    secretKey,
    publicUrl: 'http://bookings.test', // test/app.ts TEST_PUBLIC_URL
  };
}

/** No online payment: what the booking tests that are not about paying use. */
export const NO_PAYMENTS: PaymentContext = testPaymentContext();

/**
 * The stand-in with its webhooks handed to the core as the web layer's route does
 * (on the database `db()` gives then), and the payment context at it. Mollie's
 * own expiry of an open payment is well after Groupz's window, so a late payment can happen.
 */
export async function startSettlingMollie(clock: Clock, db: () => Db): Promise<{ mollie: TestMollie; context: PaymentContext }> {
  const mollie = await startMollie({ clock, expiryMinutes: 24 * 60, webhooks: 'drop' });
  const context = testPaymentContext(mollie.settings);
  mollie.standIn.deliverWebhooksWith(async (_url, body) => {
    await settleFromWebhook(db(), clock, context, new URLSearchParams(body).get('id') ?? '', null);
    return 200;
  });
  return { mollie, context };
}
