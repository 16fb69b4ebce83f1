import type { BookingDetails } from '../../core/bookings/booking.js';
import { isChangeable } from '../../core/bookings/booking-changes.js';
import { HOLDS_PLACES } from '../../core/shared/booking-status.js';
import { formatDate, formatMoney } from '../../core/i18n/format.js';
import type { RefundCause, RefundStatus } from '../../core/payments/payment.js';
import type { RefundOutlook } from '../../core/booking-flows/policy-refund.service.js';
import type { MessageKey } from '../i18n/i18n.js';
import { RefundNow, RefundPolicyText } from './refund-policy.js';
import type { Ui } from './ui.js';

export const REFUND_CAUSE_LABELS: Record<RefundCause, MessageKey> = {
  policy: 'refunds.cause.policy',
  size_change: 'refunds.cause.size_change',
  late_payment: 'refunds.cause.late_payment',
  staff: 'refunds.cause.staff',
  provider: 'refunds.cause.provider',
};

export const REFUND_STATUS_LABELS: Record<RefundStatus, MessageKey> = {
  creating: 'refunds.status.creating',
  queued: 'refunds.status.queued',
  pending: 'refunds.status.pending',
  processing: 'refunds.status.processing',
  refunded: 'refunds.status.refunded',
  failed: 'refunds.status.failed',
  canceled: 'refunds.status.canceled',
};

/** A refund cause or status as stored, in words (an unknown one by its code). */
export function refundLabel<K extends string>(ui: Ui, labels: Record<K, MessageKey>, code: string): string {
  return Object.hasOwn(labels, code) ? ui.t(labels[code as K]) : code;
}

/**
 * The manage page's cancellation policy: until the booking is cancelled, expired or has taken
 * place, the one it was placed under, with its dates still ahead at `now`; what cancelling now
 * would give back while it can still be cancelled; and the refunds so far. Left out for a booking without policy, payment or refund.
 */
export function ManageRefunds({
  ui,
  booking,
  outlook,
  now,
}: {
  ui: Ui;
  booking: BookingDetails;
  outlook: RefundOutlook | undefined;
  now: Date;
}) {
  if (!outlook) return null;
  const { cancelNow, refunds } = outlook;
  // A booking cancelled, expired or taken place is promised nothing more: only its refunds are listed.
  const ahead = HOLDS_PLACES[booking.status] && booking.status !== 'completed';
  if ((!ahead || (cancelNow.policy.length === 0 && cancelNow.netPaidCents <= 0)) && refunds.length === 0) return null;
  return (
    <section data-testid="manage-refunds">
      <h2>{ui.t('refunds.policy.title')}</h2>
      {ahead && <RefundPolicyText ui={ui} policy={cancelNow.policy} startsAt={booking.slot.startsAt} now={now} />}
      {isChangeable(booking.status) && <RefundNow ui={ui} quote={cancelNow} />}
      {refunds.length > 0 && (
        <>
          <h3>{ui.t('refunds.list.title')}</h3>
          <ul data-testid="refund-list">
            {refunds.map((refund) => (
              <li key={refund.id} data-status={refund.status}>
                {ui.t('refunds.list.item', {
                  amount: formatMoney(refund.amount_cents, ui.lang),
                  date: formatDate(new Date(refund.created_at), ui.lang),
                  cause: refundLabel(ui, REFUND_CAUSE_LABELS, refund.cause),
                  status: refundLabel(ui, REFUND_STATUS_LABELS, refund.status),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
