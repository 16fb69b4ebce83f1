import type { BookingDetails } from '../../core/bookings/booking.js';
import { deadlineText } from './deadline.js';
import { managePath } from './manage-actions.js';
import type { Ui } from './ui.js';

/**
 * On the manage page: an option's deadline and the button that confirms it; a request waiting for
 * the venue; an option that expired. Nothing for any other status.
 */
export function OptionPanel({ ui, booking, token }: { ui: Ui; booking: BookingDetails; token: string }) {
  const { t } = ui;
  const onRequest = booking.activity.rules.bookingMode === 'request';
  if (booking.status === 'option' && booking.optionExpiresAt) {
    return (
      <section class="card" data-testid="option-panel">
        <h2>{t('option.panel_title')}</h2>
        <p data-testid="option-deadline">{t('option.panel_held', { deadline: deadlineText(ui, booking.optionExpiresAt) })}</p>
        {onRequest && <p>{t('option.panel_request_note')}</p>}
        <form method="post" action={`${managePath(token)}/confirm`} data-testid="option-confirm">
          <button type="submit">{t('option.confirm')}</button>
        </form>
      </section>
    );
  }
  if (booking.status === 'requested') {
    return (
      <section class="card" data-testid="request-panel">
        <h2>{t('option.requested_title')}</h2>
        <p>{t('option.requested_text')}</p>
      </section>
    );
  }
  if (booking.status === 'expired') {
    return (
      <section class="card" data-testid="option-panel">
        <p class="notice">{t('option.expired_text')}</p>
        <p>
          <a href={`/activities/${booking.activity.slug}`}>{t('option.book_again')}</a>
        </p>
      </section>
    );
  }
  return null;
}
