import { randomBytes } from 'node:crypto';
import { mollieProvider } from '../src/adapters/mollie/mollie-provider.js';
import type { PaymentContext } from '../src/core/payments/payment-context.js';
import type { PaymentSettings } from '../src/core/payments/payment-settings.js';

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
