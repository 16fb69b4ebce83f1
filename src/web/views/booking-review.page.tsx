import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { PriceBreakdown } from '../../core/catalog/pricing.js';
import type { PlacedStatus } from '../../core/bookings/booking.service.js';
import type { EarlierBookings } from '../../core/bookings/earlier-bookings.service.js';
import { STATUS_LABELS } from '../../core/i18n/status-labels.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import type { MessageKey } from '../i18n/i18n.js';
import { BookingTerms, TermsVersionField } from './booking-terms.js';
import type { BookingFormValues } from './booking-form.page.js';
import { OrganiserDetails, PriceTable } from './components.js';
import { Layout } from './layout.js';
import { deadlineText } from './deadline.js';
import { SlotSummary } from './slot-summary.js';
import type { Ui } from './ui.js';

interface Props {
  ui: Ui;
  activity: Activity;
  slot: Slot;
  values: BookingFormValues;
  price: PriceBreakdown;
  /** What confirming places: an option (until its deadline), a request or a booking. */
  status: PlacedStatus;
  optionExpiresAt: Date | null;
  /** What the organiser booked on this slot before (see findEarlierBookings). */
  earlier: EarlierBookings;
  /** The venue's current booking terms, which confirming accepts; undefined when it published none. */
  terms: VenueTerms | undefined;
  /** Why confirming did not place the booking (the terms changed since the page was shown). */
  refusal?: string | undefined;
}

/** The form's id: the language switcher's buttons submit it (see Layout). */
const REVIEW_FORM_ID = 'booking-review';

const CONFIRM_LABELS: Record<PlacedStatus, MessageKey> = {
  option: 'option.place',
  requested: 'option.send_request',
  confirmed: 'review.confirm',
};

/**
 * The booking this form placed already, or the organiser's other bookings of the slot: reference,
 * size and status, and where the link is (mailed to the booking's address), never the link itself.
 */
function EarlierNotice({ ui, earlier, email }: { ui: Ui; earlier: EarlierBookings; email: string }) {
  const { t } = ui;
  const { placed, others } = earlier;
  if (!placed && others.length === 0) return null;
  const item = (b: { reference: string; groupSize: number; status: keyof typeof STATUS_LABELS }) =>
    t('review.earlier_item', {
      reference: b.reference,
      persons: t('price.persons', { n: b.groupSize }),
      status: t(STATUS_LABELS[b.status]),
    });
  return (
    <section class="notice warning earlier-bookings" role="status" data-testid={placed ? 'review-placed' : 'review-earlier'}>
      <h2>{t(placed ? 'review.placed_title' : 'review.earlier_title')}</h2>
      {placed && <p>{t('review.placed_text', { booking: item(placed) })}</p>}
      {others.length > 0 && (
        <>
          <p>{t('review.earlier_text', { email })}</p>
          <ul>
            {others.map((b) => (
              <li key={b.reference}>{item(b)}</li>
            ))}
          </ul>
        </>
      )}
      <p>
        <a href="/manage-link">{t('lost_link.ask')}</a>
      </p>
    </section>
  );
}

/**
 * Step two: everything the organiser entered and the price, to confirm or change. When the
 * organiser has other active bookings of the slot, confirming is "book another group anyway".
 */
export function BookingReviewPage({ ui, activity, slot, values, price, status, optionExpiresAt, earlier, terms, refusal }: Props) {
  const { t } = ui;
  const another = !earlier.placed && earlier.others.length > 0;
  const carried = Object.entries({ ...values, acceptTerms: values.acceptTerms ? 'yes' : '', option: values.option ? 'yes' : 'no' });
  return (
    <Layout ui={ui} title={t('review.title')} languageForm={REVIEW_FORM_ID}>
      <h1>{t('review.title')}</h1>
      <p class="lead">{t('review.intro')}</p>
      {refusal && (
        <p class="notice error" role="alert" data-testid="booking-refusal">
          {refusal}
        </p>
      )}
      <SlotSummary ui={ui} activity={activity} slot={slot} />
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
      <EarlierNotice ui={ui} earlier={earlier} email={values.email} />
      <OrganiserDetails ui={ui} details={values} />
      <PriceTable ui={ui} price={price} />
      <h2>{t('manage.terms')}</h2>
      <BookingTerms ui={ui} venue={activity.venue} terms={terms} />
      <form method="post" action={`/book/${slot.id}`} class="actions" id={REVIEW_FORM_ID}>
        {carried.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={String(value)} />
        ))}
        <input type="hidden" name="step" value="review" />
        <TermsVersionField terms={terms} />
        {another && <input type="hidden" name="another" value="yes" />}
        <button type="submit" name="action" value="confirm">
          {t(another ? 'review.book_another' : CONFIRM_LABELS[status])}
        </button>
        <button type="submit" name="action" value="edit" class="button-secondary">
          {t('review.edit')}
        </button>
      </form>
    </Layout>
  );
}
