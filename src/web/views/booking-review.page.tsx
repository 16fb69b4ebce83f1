import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { PriceBreakdown } from '../../core/catalog/pricing.js';
import type { PlacedStatus } from '../../core/booking-flows/booking.service.js';
import type { EarlierBooking, EarlierBookings } from '../../core/bookings/earlier-bookings.service.js';
import { STATUS_LABELS } from '../../core/i18n/status-labels.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import type { MessageKey } from '../i18n/i18n.js';
import { BookingTerms, TermsVersionField } from './booking-terms.js';
import type { BookingFormValues } from './booking-form.page.js';
import { OrganiserDetails, PriceTable } from './components.js';
import { Layout } from './layout.js';
import { deadlineText } from './deadline.js';
import { BillingSummary } from './billing-fields.js';
import { SlotSummary } from './slot-summary.js';
import { policyApplies, RefundPolicySection } from './refund-policy.js';
import { PaymentPlan, type PaymentPlanView } from './payment-plan.js';
import type { Ui } from './ui.js';
import type { Subgroup } from '../../core/resources/rotation.js';
import { count } from '../../core/i18n/i18n.js';

interface Props {
  ui: Ui;
  activity: Activity;
  slot: Slot;
  values: BookingFormValues;
  price: PriceBreakdown;
  /** What confirming places: an option (until its deadline), a request or a booking. */
  status: PlacedStatus;
  optionExpiresAt: Date | null;
  /** What this form's submission key placed before (see findEarlierBookings). */
  earlier: EarlierBookings;
  /** The venue's current booking terms, which confirming accepts; undefined when it published none. */
  terms: VenueTerms | undefined;
  /** Why confirming did not place the booking (the terms changed since the page was shown). */
  refusal?: string | undefined;
  /** What is paid when (payment-plan.tsx); undefined when not known (a rule refuses the group). */
  paymentPlan?: PaymentPlanView | undefined;
  /** The time the page is made: the policy leaves out deadlines already past. */
  now: Date;
  /** A programme as the group would do it (its subgroups' parts at their times); none for an ordinary activity. */
  programme: readonly Subgroup[];
}

/** The form's id: the language switcher's buttons submit it (see Layout). */
const REVIEW_FORM_ID = 'booking-review';

const CONFIRM_LABELS: Record<PlacedStatus, MessageKey> = {
  option: 'option.place',
  requested: 'option.send_request',
  confirmed: 'review.confirm',
};

/**
 * The booking this form placed already (only the form that carries its key gets here): reference,
 * size and status, and where the link is (mailed to the booking's address), never the link itself.
 */
function PlacedNotice({ ui, placed }: { ui: Ui; placed: EarlierBooking | undefined }) {
  const { t } = ui;
  if (!placed) return null;
  const booking = t('review.placed_item', {
    reference: placed.reference,
    persons: t('price.persons', { n: count(placed.groupSize) }),
    status: t(STATUS_LABELS[placed.status]),
  });
  return (
    <section class="notice warning earlier-bookings" role="status" data-testid="review-placed">
      <h2>{t('review.placed_title')}</h2>
      <p>{t('review.placed_text', { booking })}</p>
      <p>
        <a href="/manage-link">{t('lost_link.ask')}</a>
      </p>
    </section>
  );
}

/** Step two: everything the organiser entered and the price, to confirm or change. */
export function BookingReviewPage({
  ui,
  activity,
  slot,
  values,
  price,
  status,
  optionExpiresAt,
  earlier,
  terms,
  refusal,
  paymentPlan,
  now,
  programme,
}: Props) {
  const { t } = ui;
  const { party, extras, ...fields } = values;
  const carried = [
    ...Object.entries({ ...fields, acceptTerms: values.acceptTerms ? 'yes' : '', option: values.option ? 'yes' : 'no' }),
    ...Object.entries(party).map(([key, count]) => [`party.${key}`, count] as const),
    ...Object.entries(extras).map(([id, typed]) => [`extras.${id}`, typed] as const),
  ];
  return (
    <Layout ui={ui} title={t('review.title')} languageForm={REVIEW_FORM_ID}>
      <h1>{t('review.title')}</h1>
      <p class="lead">{t('review.intro')}</p>
      {refusal && (
        <p class="notice error" role="alert" data-testid="booking-refusal">
          {refusal}
        </p>
      )}
      <SlotSummary ui={ui} activity={activity} slot={slot} programme={programme} />
      {optionExpiresAt && (
        <p class="notice" data-testid="review-kind">
          {t('option.review_option', { deadline: deadlineText(ui, optionExpiresAt) })}
        </p>
      )}
      {status === 'requested' && (
        <p class="notice" data-testid="review-kind">
          {t('option.review_request')}
        </p>
      )}
      <PlacedNotice ui={ui} placed={earlier.placed} />
      <OrganiserDetails ui={ui} details={values} />
      <BillingSummary ui={ui} values={values} />
      <PriceTable ui={ui} price={price} />
      {policyApplies(activity) && <RefundPolicySection ui={ui} policy={activity.refundPolicy} startsAt={slot.startsAt} now={now} />}
      {paymentPlan && <PaymentPlan ui={ui} plan={paymentPlan} />}
      <h2>{t('manage.terms')}</h2>
      <BookingTerms ui={ui} venue={activity.venue} terms={terms} />
      <form method="post" action={`/book/${slot.id}`} class="actions" id={REVIEW_FORM_ID}>
        {carried.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={String(value)} />
        ))}
        <input type="hidden" name="step" value="review" />
        <TermsVersionField terms={terms} />
        <button type="submit" name="action" value="confirm" data-testid="review-confirm">
          {t(status === 'confirmed' && paymentPlan && paymentPlan.nowCents > 0 ? 'review.confirm_and_pay' : CONFIRM_LABELS[status])}
        </button>
        <button type="submit" name="action" value="edit" class="button-secondary">
          {t('review.edit')}
        </button>
      </form>
    </Layout>
  );
}
