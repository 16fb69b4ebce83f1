/**
 * The money of a booking: payments in (Mollie, a bank transfer, or a gift voucher: core/vouchers/),
 * refunds out. The state of a Mollie payment comes from Mollie (its webhook, or a fetch), never
 * from the browser.
 */
export const PAYMENT_METHODS = ['mollie', 'bank', 'voucher'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** `creating`: recorded by Groupz, not yet answered by Mollie; the rest are Mollie's statuses. */
export const PAYMENT_STATUSES = ['creating', 'open', 'pending', 'authorized', 'paid', 'canceled', 'expired', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/**
 * How far a payment has come: its status only ever moves forward (a stale or repeated answer, a
 * return page racing the webhook, never moves it back); a final status (rank 3) never changes.
 */
export const PAYMENT_STATUS_RANK: Record<PaymentStatus, number> = {
  creating: 0,
  open: 1,
  pending: 2,
  authorized: 2,
  paid: 3,
  canceled: 3,
  expired: 3,
  failed: 3,
};

/** The statuses a payment may still move to from `status` (PAYMENT_STATUS_RANK). */
export function paymentStatusesBefore(status: PaymentStatus): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((other) => PAYMENT_STATUS_RANK[other] < PAYMENT_STATUS_RANK[status]);
}

/**
 * Why a refund failed, when Groupz knows better than Mollie's no: `account_gone`, the Mollie
 * account that took the payment has no key here any more (the venue's key was replaced or
 * removed), so staff refund it in that account themselves.
 */
export const REFUND_FAILURES = ['account_gone'] as const;
export type RefundFailure = (typeof REFUND_FAILURES)[number];

/** `creating` until Mollie answered; `refunded` for a refund by bank at once. */
export const REFUND_STATUSES = ['creating', 'queued', 'pending', 'processing', 'refunded', 'failed', 'canceled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

/** `provider`: a refund the venue made itself in Mollie's dashboard, recorded when Mollie reports it. */
export const REFUND_CAUSES = ['policy', 'size_change', 'late_payment', 'staff', 'provider'] as const;
export type RefundCause = (typeof REFUND_CAUSES)[number];

/**
 * What a booking's organiser sees of its money (the manage page, `GET /api/v1/manage/{token}`):
 * - `none`: nothing to pay online (paid at the venue);
 * - `due`: something is to be paid now (`dueNowCents`), the booking holds its places meanwhile;
 * - `partly_paid`: the deposit is in, the rest is due on `balanceDueOn`;
 * - `invoice`: paid on invoice, due on `balanceDueOn`;
 * - `paid`: nothing outstanding;
 * - `refunding`: a cancelled or expired booking with a refund Mollie has not paid out yet;
 * - `refunded`: a cancelled or expired booking that had money refunded, every refund done.
 */
export const BOOKING_PAYMENT_STATUSES = ['none', 'due', 'partly_paid', 'invoice', 'paid', 'refunding', 'refunded'] as const;
export type BookingPaymentStatus = (typeof BOOKING_PAYMENT_STATUSES)[number];
