import type { PaymentProvider } from './payment-provider.js';

/** How the platform takes payments (Config.payments, GROUPZ_MOLLIE_* and GROUPZ_PAYMENT_WINDOW). */
export interface PaymentSettings {
  /** Mollie, through its official client (src/adapters/mollie/). */
  provider: PaymentProvider;
  /** The platform-wide Mollie API key, for venues without their own; null when not set. */
  platformKey: string | null;
  /** How long a booking that must be paid now holds its places unpaid, in minutes (30 by default). */
  windowMinutes: number;
}
