/**
 * The payment provider as core sees it: Mollie's v2 payments and refunds API, reduced to what
 * Groupz uses. The adapter (src/adapters/mollie/) talks to it through the official client; tests
 * point that client at a local stand-in written from Mollie's API reference (test/mollie/).
 * Amounts are integer cents in EUR here; the adapter turns them into Mollie's decimal strings.
 */

/** A payment's status as Mollie reports it (https://docs.mollie.com/reference/status-changes). */
export const PROVIDER_PAYMENT_STATUSES = ['open', 'pending', 'authorized', 'paid', 'canceled', 'expired', 'failed'] as const;
export type ProviderPaymentStatus = (typeof PROVIDER_PAYMENT_STATUSES)[number];

export interface ProviderPayment {
  /** Mollie's id, `tr_...`. */
  id: string;
  status: ProviderPaymentStatus;
  amountCents: number;
  /** What has been refunded of it so far, by anyone (Groupz or the venue in Mollie's dashboard). */
  refundedCents: number;
  /** The hosted checkout to send the organiser to; null once the payment is no longer open. */
  checkoutUrl: string | null;
  paidAt: Date | null;
  /** Groupz's own payment id, sent with the payment as metadata. */
  reference: string | null;
}

export interface NewProviderPayment {
  amountCents: number;
  /** What the organiser's bank statement shows: the booking's reference, never personal data. */
  description: string;
  /** Where the checkout sends the organiser back to (a Groupz page). */
  redirectUrl: string;
  /** Where Mollie reports status changes (`POST id=tr_...`). */
  webhookUrl: string;
  /** Groupz's payment id: metadata, and the idempotency key, so a retry after a lost answer creates no second payment. */
  reference: string;
  locale: 'nl_NL' | 'en_US';
}

export const PROVIDER_REFUND_STATUSES = ['queued', 'pending', 'processing', 'refunded', 'failed', 'canceled'] as const;
export type ProviderRefundStatus = (typeof PROVIDER_REFUND_STATUSES)[number];

export interface ProviderRefund {
  /** Mollie's id, `re_...`. */
  id: string;
  status: ProviderRefundStatus;
  amountCents: number;
}

export interface NewProviderRefund {
  amountCents: number;
  /** Shown to the organiser by their bank: the booking's reference and why. */
  description: string;
  /** Groupz's refund id: the idempotency key. */
  reference: string;
}

/** What the provider said of an API key: accepted, refused, or no answer (the key is then not judged). */
export type KeyCheck = 'valid' | 'invalid' | 'unreachable';

/** The provider could not be reached or answered with an error: the caller tries again later. */
export class ProviderUnavailable extends Error {
  override readonly name: string = 'ProviderUnavailable';
}

/**
 * The provider answered with a clear "no" to this request (Mollie's 422: an amount above what can
 * be refunded, a payment that was never paid): trying the same again will not help. A kind of
 * ProviderUnavailable, so callers that only know that one still stop here.
 */
export class ProviderRefused extends ProviderUnavailable {
  override readonly name: string = 'ProviderRefused';
  constructor(
    message: string,
    /** The request's field Mollie named, e.g. `amount`. */
    readonly field: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface PaymentProvider {
  createPayment(apiKey: string, payment: NewProviderPayment): Promise<ProviderPayment>;
  /** The payment as the provider knows it now; undefined when the key knows no such payment. */
  getPayment(apiKey: string, id: string): Promise<ProviderPayment | undefined>;
  createRefund(apiKey: string, paymentId: string, refund: NewProviderRefund): Promise<ProviderRefund>;
  checkKey(apiKey: string): Promise<KeyCheck>;
}
