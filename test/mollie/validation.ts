/**
 * What the stand-in checks of a new payment or refund, as Mollie's API reference describes the
 * parameters: an amount in EUR with a two-decimal string value, a description, a redirect URL, and
 * for a refund no more than what remains. A refusal names the field, as Mollie's 422 answers do.
 */

export interface FieldError {
  field?: string;
  detail: string;
}

/** The locales Mollie's checkout takes (the ones Groupz might send, and their neighbours). */
const LOCALES = new Set(['en_US', 'en_GB', 'nl_NL', 'nl_BE', 'fr_FR', 'fr_BE', 'de_DE', 'de_AT', 'de_CH', 'es_ES', 'it_IT']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** An amount parameter as integer cents, or why it is refused. */
function amountCents(value: unknown): number | FieldError {
  if (!isObject(value)) return { field: 'amount', detail: 'The amount is required.' };
  if (value.currency !== 'EUR') return { field: 'amount.currency', detail: 'The currency is not supported.' };
  const match = typeof value.value === 'string' ? /^(\d{1,7})\.(\d{2})$/.exec(value.value) : null;
  if (!match) return { field: 'amount.value', detail: 'The amount contains an invalid value.' };
  const cents = Number(match[1]) * 100 + Number(match[2]);
  if (cents < 1) return { field: 'amount', detail: 'The amount is lower than the minimum.' };
  return cents;
}

function metadataError(metadata: unknown): FieldError | undefined {
  if (metadata !== undefined && metadata !== null && JSON.stringify(metadata).length > 1024) {
    return { field: 'metadata', detail: 'The metadata is too large; it may be 1024 bytes at most.' };
  }
  return undefined;
}

export interface ValidPayment {
  amountCents: number;
  description: string;
  redirectUrl: string;
  webhookUrl: string | null;
  locale: string | null;
  metadata: unknown;
}

export function validPayment(input: unknown): { payment: ValidPayment } | { error: FieldError } {
  if (!isObject(input)) return { error: { detail: 'The request body is empty.' } };
  const cents = amountCents(input.amount);
  if (typeof cents !== 'number') return { error: cents };
  const { description, redirectUrl, webhookUrl, locale, metadata } = input;
  if (typeof description !== 'string' || description.trim() === '') {
    return { error: { field: 'description', detail: 'The description is required.' } };
  }
  if (description.length > 255) return { error: { field: 'description', detail: 'The description is too long.' } };
  if (redirectUrl === undefined || redirectUrl === null) {
    return { error: { field: 'redirectUrl', detail: 'The redirect URL is required.' } };
  }
  if (!isHttpUrl(redirectUrl)) return { error: { field: 'redirectUrl', detail: 'The redirect URL is invalid.' } };
  if (webhookUrl !== undefined && webhookUrl !== null && !isHttpUrl(webhookUrl)) {
    return { error: { field: 'webhookUrl', detail: 'The webhook URL is invalid.' } };
  }
  if (locale !== undefined && locale !== null && (typeof locale !== 'string' || !LOCALES.has(locale))) {
    return { error: { field: 'locale', detail: 'The locale is not supported.' } };
  }
  const tooLarge = metadataError(metadata);
  if (tooLarge) return { error: tooLarge };
  return {
    payment: {
      amountCents: cents,
      description,
      redirectUrl,
      webhookUrl: (webhookUrl as string | null | undefined) ?? null,
      locale: (locale as string | null | undefined) ?? null,
      metadata: metadata ?? null,
    },
  };
}

export interface ValidRefund {
  amountCents: number;
  description: string;
  metadata: unknown;
}

export function validRefund(input: unknown, remaining: number): { refund: ValidRefund } | { error: FieldError } {
  if (!isObject(input)) return { error: { detail: 'The request body is empty.' } };
  const cents = amountCents(input.amount);
  if (typeof cents !== 'number') return { error: cents };
  if (cents > remaining) {
    return { error: { field: 'amount', detail: 'The amount is higher than the amount that can be refunded for this payment.' } };
  }
  const description = input.description ?? '';
  if (typeof description !== 'string' || description.length > 255) {
    return { error: { field: 'description', detail: 'The description is invalid.' } };
  }
  const tooLarge = metadataError(input.metadata);
  if (tooLarge) return { error: tooLarge };
  return { refund: { amountCents: cents, description, metadata: input.metadata ?? null } };
}
