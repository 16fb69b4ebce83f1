import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { formatDate, formatTime } from '../../core/i18n/format.js';
import type { Ui } from './ui.js';

/** An option's deadline as people read it, in Amsterdam time: "zaterdag 13 juni 2026 om 10:00". */
export function deadlineText(ui: Ui, deadline: Date): string {
  return ui.t('option.deadline', { date: formatDate(deadline, ui.lang), time: formatTime(deadline) });
}

/**
 * Why the organiser's confirmation was just refused (the option expired), for the panel to say so.
 * The confirm route provides it when it shows the manage page again with the refusal.
 */
export const OptionRefusal = createContext<string | undefined>(undefined);

/**
 * On the manage page: an option's deadline and the button that confirms it; a request waiting for
 * the venue; an option that expired. Nothing for any other status.
 */
export function OptionPanel({ ui, booking }: { ui: Ui; booking: BookingDetails }) {
  const { t } = ui;
  const refusal = useContext(OptionRefusal);
  const onRequest = booking.activity.rules.bookingMode === 'request';
  if (booking.status === 'option' && booking.optionExpiresAt) {
    return (
      <section class="card" data-testid="option-panel">
        <h2>{t('option.panel_title')}</h2>
        {refusal && (
          <p class="notice error" role="alert" data-testid="option-refusal">
            {refusal}
          </p>
        )}
        <p data-testid="option-deadline">{t('option.panel_held', { deadline: deadlineText(ui, booking.optionExpiresAt) })}</p>
        {onRequest && <p>{t('option.panel_request_note')}</p>}
        {/* The manage page's own path (/b/<token>), whatever its query. */}
        <form method="post" action={`${ui.path.split('?')[0]}/confirm`} data-testid="option-confirm">
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
        <p class="notice error" role={refusal ? 'alert' : undefined} data-testid={refusal ? 'option-refusal' : undefined}>
          {refusal ?? t('option.expired_text')}
        </p>
        <p>
          <a href={`/activities/${booking.activity.slug}`}>{t('option.book_again')}</a>
        </p>
      </section>
    );
  }
  return null;
}
