import type { MollieApiError, MollieClient, Payment, Refund } from '@mollie/api-client';
import {
  type KeyCheck,
  type NewProviderPayment,
  type NewProviderRefund,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderPaymentStatus,
  type ProviderRefund,
  type ProviderRefundStatus,
  ProviderRefused,
  ProviderUnavailable,
} from '../../core/payments/payment-provider.js';

/** Mollie's own API, the default of GROUPZ_MOLLIE_API_URL. */
export const MOLLIE_API_URL = 'https://api.mollie.com/v2/';

/** Integer cents as Mollie's amount: EUR with a decimal string, "12.50". */
function amountOf(cents: number): { currency: 'EUR'; value: string } {
  return { currency: 'EUR', value: (cents / 100).toFixed(2) };
}

/** Mollie's decimal string as integer cents (exact: parsed as text, never as a float). */
function centsOf(amount: { value: string } | undefined): number {
  if (!amount) return 0;
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount.value);
  if (!match) throw new ProviderUnavailable(`unexpected amount ${amount.value}`);
  const cents = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -cents : cents;
}

function paymentOf(payment: Payment): ProviderPayment {
  const reference = (payment.metadata as { reference?: unknown } | null)?.reference;
  return {
    id: payment.id,
    status: payment.status as ProviderPaymentStatus,
    amountCents: centsOf(payment.amount),
    refundedCents: centsOf(payment.amountRefunded),
    checkoutUrl: payment.getCheckoutUrl(),
    paidAt: payment.paidAt ? new Date(payment.paidAt) : null,
    reference: typeof reference === 'string' ? reference : null,
  };
}

function refundOf(refund: Refund): ProviderRefund {
  return { id: refund.id, status: refund.status as ProviderRefundStatus, amountCents: centsOf(refund.amount) };
}

// The official client (and the HTTP stack it brings) is loaded at the first call to Mollie, not when
// the platform starts. Its error class comes with it: only a loaded client throws one.
let ApiError: typeof MollieApiError | undefined;
async function loadClient() {
  const mollie = await import('@mollie/api-client');
  ApiError = mollie.MollieApiError;
  return mollie;
}

/** A failure of Mollie's API itself (an HTTP answer), with its status. */
function isApiError(error: unknown): error is MollieApiError {
  return ApiError !== undefined && error instanceof ApiError;
}

/** Any failure but Mollie's clear "no" is the provider being unavailable: the caller tries again later. */
function unavailable(error: unknown): ProviderUnavailable {
  if (error instanceof ProviderUnavailable) return error;
  if (isApiError(error) && error.statusCode === 422) {
    return new ProviderRefused(`Mollie refused: ${error.message}`, error.field ?? null, { cause: error });
  }
  const status = isApiError(error) ? ` (HTTP ${error.statusCode ?? '?'})` : '';
  return new ProviderUnavailable(`Mollie did not answer${status}`, { cause: error });
}

/** How long one call may take, the client's own retries included (it tries a 5xx answer three times, 2 s apart). */
export const MOLLIE_TIMEOUT_MS = 15_000;

/**
 * The call's answer, or ProviderUnavailable after `ms`: the client sets no timeout of its own, so a
 * Mollie that accepts the connection and never answers would otherwise hold the request forever.
 */
async function within<T>(ms: number, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProviderUnavailable(`Mollie did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface MollieOptions {
  /** How long one call may take before it counts as unavailable (MOLLIE_TIMEOUT_MS unless given). */
  timeoutMs?: number;
}

/**
 * Mollie's payments API through the official client, at `apiUrl` (Mollie's own in production; the
 * tests' local stand-in). A client per key: each venue may have its own. Requests that create
 * something carry an idempotency key (Groupz's own id), so the client's retries and ours never
 * create a second payment or refund.
 */
export function mollieProvider(apiUrl: string = MOLLIE_API_URL, options: MollieOptions = {}): PaymentProvider {
  const timeoutMs = options.timeoutMs ?? MOLLIE_TIMEOUT_MS;
  const apiEndpoint = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  const client = async (apiKey: string): Promise<MollieClient> =>
    (await loadClient()).createMollieClient({ apiKey, apiEndpoint, versionStrings: 'Groupz/1' });
  return {
    async createPayment(apiKey: string, payment: NewProviderPayment): Promise<ProviderPayment> {
      try {
        return paymentOf(
          await within(
            timeoutMs,
            (await client(apiKey)).payments.create({
              amount: amountOf(payment.amountCents),
              description: payment.description,
              redirectUrl: payment.redirectUrl,
              webhookUrl: payment.webhookUrl,
              locale: payment.locale as never,
              metadata: { reference: payment.reference },
              idempotencyKey: payment.reference,
            }),
          ),
        );
      } catch (error) {
        throw unavailable(error);
      }
    },
    async getPayment(apiKey: string, id: string): Promise<ProviderPayment | undefined> {
      // What a webhook reports is anyone's text: an id Mollie never gives is no payment of ours.
      if (!/^tr_[A-Za-z0-9]{1,64}$/.test(id)) return undefined;
      try {
        return paymentOf(await within(timeoutMs, (await client(apiKey)).payments.get(id)));
      } catch (error) {
        if (isApiError(error) && error.statusCode === 404) return undefined;
        throw unavailable(error);
      }
    },
    async createRefund(apiKey: string, paymentId: string, refund: NewProviderRefund): Promise<ProviderRefund> {
      try {
        return refundOf(
          await within(
            timeoutMs,
            (await client(apiKey)).paymentRefunds.create({
              paymentId,
              amount: amountOf(refund.amountCents),
              description: refund.description,
              metadata: { reference: refund.reference },
              idempotencyKey: refund.reference,
            }),
          ),
        );
      } catch (error) {
        throw unavailable(error);
      }
    },
    async getRefund(apiKey: string, paymentId: string, refundId: string): Promise<ProviderRefund | undefined> {
      if (!/^tr_[A-Za-z0-9]{1,64}$/.test(paymentId) || !/^re_[A-Za-z0-9]{1,64}$/.test(refundId)) return undefined;
      try {
        return refundOf(await within(timeoutMs, (await client(apiKey)).paymentRefunds.get(refundId, { paymentId })));
      } catch (error) {
        if (isApiError(error) && error.statusCode === 404) return undefined;
        throw unavailable(error);
      }
    },
    async checkKey(apiKey: string): Promise<KeyCheck> {
      try {
        await within(timeoutMs, (await client(apiKey)).methods.list());
        return 'valid';
      } catch (error) {
        return isApiError(error) && error.statusCode === 401 ? 'invalid' : 'unreachable';
      }
    },
  };
}
