import type { BookingDetails } from '../../core/bookings/booking.js';
import { cancelDeadline, isChangeable } from '../../core/bookings/booking-changes.js';
import { Layout } from './layout.js';
import { deadlineText } from './deadline.js';
import { managePath } from './manage-actions.js';
import type { ManageRefusal } from './manage.page.js';
import { SlotSummary } from './slot-summary.js';
import type { Ui } from './ui.js';
import { VenueContact } from './venue-details.js';
import type { PolicyRefundQuote } from '../../core/booking-flows/policy-refund.service.js';
import { RefundNow, RefundPolicyText } from './refund-policy.js';
import { count } from '../../core/i18n/i18n.js';

/** The cancellation policy that applies to this booking. */
function CancelPolicy({ ui, booking }: { ui: Ui; booking: BookingDetails }) {
  const { t } = ui;
  const deadline = deadlineText(ui, cancelDeadline(booking));
  return (
    <p data-testid="cancel-policy">
      {booking.status === 'confirmed'
        ? t('manage.cancel.policy_confirmed', {
            hours: count(booking.activity.rules.cancelUntilHours),
            deadline,
            venue: booking.activity.venue.name,
          })
        : t('manage.cancel.policy_open', { deadline })}
    </p>
  );
}

/** Asks the organiser to confirm the cancellation, stating the policy; or says why it is not possible. */
export function ManageCancelPage({
  ui,
  booking,
  token,
  refusal,
  refund,
  now,
}: {
  ui: Ui;
  booking: BookingDetails;
  token: string;
  now: Date;
  refusal?: ManageRefusal | undefined;
  /** What the booking's cancellation policy gives back if they cancel now. */
  refund?: PolicyRefundQuote | undefined;
}) {
  const { t } = ui;
  const base = managePath(token);
  return (
    <Layout ui={ui} title={t('manage.cancel.title')}>
      <h1>{t('manage.cancel.title')}</h1>
      {refusal && (
        <p class="error-summary" role="alert" data-testid="refusal" data-code={refusal.code}>
          {refusal.message}
        </p>
      )}
      <p class="reference">
        {t('manage.reference')} <strong data-testid="booking-reference">{booking.reference}</strong>
      </p>
      <SlotSummary ui={ui} activity={booking.activity} slot={booking.slot} />
      {isChangeable(booking.status) && <CancelPolicy ui={ui} booking={booking} />}
      {isChangeable(booking.status) && refund && (refund.policy.length > 0 || refund.netPaidCents > 0) && (
        <div data-testid="cancel-refund">
          <RefundPolicyText ui={ui} policy={refund.policy} startsAt={booking.slot.startsAt} now={now} />
          <RefundNow ui={ui} quote={refund} />
        </div>
      )}
      {!refusal && (
        <form method="post" action={`${base}/cancel`} data-testid="cancel-form">
          <p>{t('manage.cancel.question', { n: count(booking.groupSize) })}</p>
          <button type="submit" class="button-danger">
            {t('manage.cancel.confirm')}
          </button>
        </form>
      )}
      <p class="actions">
        <a class="button button-secondary" href={base}>
          {refusal ? t('manage.back') : t('manage.cancel.keep')}
        </a>
      </p>
      <VenueContact ui={ui} venue={booking.activity.venue} />
    </Layout>
  );
}
