import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { PriceBreakdown } from '../../core/catalog/pricing.js';
import type { PlacedStatus } from '../../core/bookings/booking.service.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import type { MessageKey } from '../i18n/i18n.js';
import { BookingTerms } from './booking-terms.js';
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
  /** The venue's current booking terms, which confirming accepts; undefined when it published none. */
  terms: VenueTerms | undefined;
}

const CONFIRM_LABELS: Record<PlacedStatus, MessageKey> = {
  option: 'option.place',
  requested: 'option.send_request',
  confirmed: 'review.confirm',
};

/** Step two: everything the organiser entered and the price, to confirm or change. */
export function BookingReviewPage({ ui, activity, slot, values, price, status, optionExpiresAt, terms }: Props) {
  const { t } = ui;
  const carried = Object.entries({ ...values, acceptTerms: values.acceptTerms ? 'yes' : '', option: values.option ? 'yes' : 'no' });
  return (
    <Layout ui={ui} title={t('review.title')}>
      <h1>{t('review.title')}</h1>
      <p class="lead">{t('review.intro')}</p>
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
      <OrganiserDetails ui={ui} details={values} />
      <PriceTable ui={ui} price={price} />
      <h2>{t('manage.terms')}</h2>
      <BookingTerms ui={ui} venue={activity.venue} terms={terms} />
      <form method="post" action={`/book/${slot.id}`} class="actions">
        {carried.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={String(value)} />
        ))}
        <button type="submit" name="action" value="confirm">
          {t(CONFIRM_LABELS[status])}
        </button>
        <button type="submit" name="action" value="edit" class="secondary">
          {t('review.edit')}
        </button>
      </form>
    </Layout>
  );
}
