import type { StaffBookingDetails } from '../../../core/bookings/booking-admin.js';
import { isChangeable } from '../../../core/bookings/booking-changes.js';
import { can } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { PostButton } from './admin-layout.js';

/**
 * Revoking and re-issuing the booking's private links (members who may change bookings only), while
 * the booking is still open: a cancelled, expired or completed one has nothing left to manage.
 */
export function BookingLinksPanel({ ui, booking }: { ui: AdminUi; booking: Pick<StaffBookingDetails, 'id' | 'email' | 'status'> }) {
  if (!can(ui.staff, 'bookings.write') || !isChangeable(booking.status)) return null;
  const { t } = ui;
  const base = `/admin/bookings/${booking.id}/links`;
  return (
    <section data-testid="booking-links">
      <h2>{t('booking_links.title')}</h2>
      <p class="hint">{t('booking_links.manage_hint', { email: booking.email })}</p>
      <PostButton ui={ui} action={`${base}/manage`} label={t('booking_links.reissue_manage')} danger />
      <p class="hint">{t('booking_links.participant_hint')}</p>
      <PostButton ui={ui} action={`${base}/participants`} label={t('booking_links.reissue_participant')} danger />
    </section>
  );
}
