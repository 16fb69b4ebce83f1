import type { BookingDetails } from '../../core/bookings/booking.js';
import { STATUS_LABELS } from './admin/booking-labels.js';
import { OrganiserDetails, PriceTable } from './components.js';
import { Layout } from './layout.js';
import { OptionPanel } from './option-panel.js';
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
      <p>
        {t('manage.status')}: <strong data-testid="booking-status">{t(STATUS_LABELS[booking.status])}</strong>
      </p>
      <OptionPanel ui={ui} booking={booking} />
      <OrganiserDetails ui={ui} details={booking} />
      <PriceTable ui={ui} price={booking.price} />
    </Layout>
  );
}
