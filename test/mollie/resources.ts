/**
 * The stand-in's state and how it shows it: Mollie's v2 payment and refund resources, written from
 * Mollie's API reference (docs.mollie.com: "Create payment", "Get payment", "Create payment refund",
 * "Handling errors", "Payment status changes"). Amounts are kept as integer cents and shown as
 * Mollie does, `{ currency: 'EUR', value: '12.50' }`.
 */

/** A payment's status; see https://docs.mollie.com/docs/status-change. */
export type StandInPaymentStatus = 'open' | 'pending' | 'authorized' | 'paid' | 'canceled' | 'expired' | 'failed';
export type StandInRefundStatus = 'queued' | 'pending' | 'processing' | 'refunded' | 'failed' | 'canceled';

/** Where each status may go: open and pending ones move on; paid, canceled, expired and failed are final. */
export const PAYMENT_TRANSITIONS: Record<StandInPaymentStatus, readonly StandInPaymentStatus[]> = {
  open: ['pending', 'authorized', 'paid', 'canceled', 'expired', 'failed'],
  pending: ['paid', 'canceled', 'expired', 'failed'],
  authorized: ['paid', 'canceled', 'expired'],
  paid: [],
  canceled: [],
  expired: [],
  failed: [],
};

export interface StandInPayment {
  id: string;
  /** The API key that created it: only that key sees it (each venue may have its own Mollie account). */
  apiKey: string;
  mode: 'test' | 'live';
  status: StandInPaymentStatus;
  amountCents: number;
  refundedCents: number;
  description: string;
  redirectUrl: string;
  webhookUrl: string | null;
  locale: string | null;
  metadata: unknown;
  method: string | null;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
  canceledAt: Date | null;
  expiredAt: Date | null;
  failedAt: Date | null;
}

export interface StandInRefund {
  id: string;
  paymentId: string;
  status: StandInRefundStatus;
  amountCents: number;
  description: string;
  metadata: unknown;
  createdAt: Date;
}

/** Mollie's amount: a decimal string with exactly two decimals. */
export function amountJson(cents: number): { currency: 'EUR'; value: string } {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return { currency: 'EUR', value: `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` };
}

/** A refund may take back what was paid and not yet refunded (a failed refund gives its amount back). */
export function remainingCents(payment: StandInPayment): number {
  return payment.amountCents - payment.refundedCents;
}

const HAL = 'application/hal+json';

export function paymentJson(payment: StandInPayment, apiUrl: string, checkoutUrl: string): Record<string, unknown> {
  const open = payment.status === 'open' || payment.status === 'pending';
  const at = (key: string, date: Date | null) => (date ? { [key]: date.toISOString() } : {});
  return {
    resource: 'payment',
    id: payment.id,
    mode: payment.mode,
    createdAt: payment.createdAt.toISOString(),
    amount: amountJson(payment.amountCents),
    description: payment.description,
    method: payment.method,
    metadata: payment.metadata ?? null,
    status: payment.status,
    isCancelable: false,
    // Omitted once the payment can no longer expire.
    ...(open ? { expiresAt: payment.expiresAt.toISOString() } : {}),
    ...at('paidAt', payment.paidAt),
    ...at('canceledAt', payment.canceledAt),
    ...at('expiredAt', payment.expiredAt),
    ...at('failedAt', payment.failedAt),
    amountRefunded: amountJson(payment.refundedCents),
    amountRemaining: amountJson(remainingCents(payment)),
    ...(payment.status === 'paid' ? { settlementAmount: amountJson(payment.amountCents) } : {}),
    locale: payment.locale,
    profileId: 'pfl_standin',
    sequenceType: 'oneoff',
    redirectUrl: payment.redirectUrl,
    webhookUrl: payment.webhookUrl,
    _links: {
      self: { href: `${apiUrl}payments/${payment.id}`, type: HAL },
      // The hosted checkout, only while the customer can still pay.
      ...(payment.status === 'open' ? { checkout: { href: checkoutUrl, type: 'text/html' } } : {}),
      dashboard: { href: `${new URL(checkoutUrl).origin}/dashboard/payments/${payment.id}`, type: 'text/html' },
      ...(payment.refundedCents > 0 ? { refunds: { href: `${apiUrl}payments/${payment.id}/refunds`, type: HAL } } : {}),
      documentation: { href: 'https://docs.mollie.com/reference/get-payment', type: 'text/html' },
    },
  };
}

export function refundJson(refund: StandInRefund, apiUrl: string): Record<string, unknown> {
  return {
    resource: 'refund',
    id: refund.id,
    amount: amountJson(refund.amountCents),
    status: refund.status,
    createdAt: refund.createdAt.toISOString(),
    description: refund.description,
    metadata: refund.metadata ?? null,
    paymentId: refund.paymentId,
    settlementAmount: amountJson(-refund.amountCents),
    _links: {
      self: { href: `${apiUrl}payments/${refund.paymentId}/refunds/${refund.id}`, type: HAL },
      payment: { href: `${apiUrl}payments/${refund.paymentId}`, type: HAL },
      documentation: { href: 'https://docs.mollie.com/reference/get-refund', type: 'text/html' },
    },
  };
}

/** The payment methods a test profile offers here (GET /v2/methods). */
export const METHODS = [
  { id: 'ideal', description: 'iDEAL' },
  { id: 'creditcard', description: 'Card' },
  { id: 'bancontact', description: 'Bancontact' },
] as const;

export function methodsJson(apiUrl: string, checkoutOrigin: string): Record<string, unknown> {
  const methods = METHODS.map((method) => ({
    resource: 'method',
    id: method.id,
    description: method.description,
    minimumAmount: { value: '0.01', currency: 'EUR' },
    maximumAmount: { value: '50000.00', currency: 'EUR' },
    image: {
      size1x: `${checkoutOrigin}/icons/${method.id}.png`,
      size2x: `${checkoutOrigin}/icons/${method.id}%402x.png`,
      svg: `${checkoutOrigin}/icons/${method.id}.svg`,
    },
    status: 'activated',
    _links: { self: { href: `${apiUrl}methods/${method.id}`, type: HAL } },
  }));
  return {
    count: methods.length,
    _embedded: { methods },
    _links: {
      self: { href: `${apiUrl}methods`, type: HAL },
      documentation: { href: 'https://docs.mollie.com/reference/list-methods', type: 'text/html' },
    },
  };
}

/** Mollie's error answer (https://docs.mollie.com/reference/handling-errors). */
export function errorJson(status: number, title: string, detail: string, field?: string): Record<string, unknown> {
  return {
    status,
    title,
    detail,
    ...(field ? { field } : {}),
    _links: { documentation: { href: 'https://docs.mollie.com/reference/handling-errors', type: 'text/html' } },
  };
}
