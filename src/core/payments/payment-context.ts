import type { PaymentSettings } from './payment-settings.js';

/** What the payment services need beside the database and the clock. */
export interface PaymentContext {
  settings: PaymentSettings;
  /** The platform's secret key, which seals the venues' Mollie keys (mollie-key.ts). */
  secretKey: Buffer;
  /** The platform's public address: the webhook and the checkout's way back are under it. */
  publicUrl: string;
}
