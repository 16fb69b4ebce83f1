import type { BookingDetails } from '../../core/bookings/booking.js';
import { PriceTable } from './components.js';
import { Layout } from './layout.js';
import { SlotSummary } from './slot-summary.js';
import type { Ui } from './ui.js';

/** The page behind a booking's private manage link; right after booking it is the confirmation. */
export function ManagePage({ ui, booking, justBooked }: { ui: Ui; booking: BookingDetails; justBooked: boolean }) {
  const { t } = ui;
  const title = justBooked ? t('manage.confirmed_title') : t('manage.title');
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      {justBooked && <p class="notice success">{t('manage.confirmed_intro')}</p>}
      <p class="reference">
        {t('manage.reference')} <strong data-testid="booking-reference">{booking.reference}</strong>
      </p>
      <p class="notice">{t('manage.private_link')}</p>
      <SlotSummary ui={ui} activity={booking.activity} slot={booking.slot} />
      <dl class="summary">
        <dt>{t('manage.status')}</dt>
        <dd data-testid="booking-status">{t(`status.${booking.status}`)}</dd>
        <dt>{t('booking.group_size')}</dt>
        <dd>{t('price.persons', { n: booking.groupSize })}</dd>
        <dt>{t('booking.name')}</dt>
        <dd>{booking.name}</dd>
        {booking.organisation && (
          <>
            <dt>{t('booking.organisation')}</dt>
            <dd>{booking.organisation}</dd>
          </>
        )}
        {booking.notes && (
          <>
            <dt>{t('booking.notes')}</dt>
            <dd class="notes">{booking.notes}</dd>
          </>
        )}
      </dl>
      <PriceTable ui={ui} price={booking.price} />
    </Layout>
  );
}
