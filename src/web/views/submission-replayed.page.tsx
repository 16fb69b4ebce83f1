import type { BookingStatus } from '../../core/shared/booking-status.js';
import { STATUS_LABELS } from '../../core/i18n/status-labels.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';

/**
 * The answer to a confirmation sent again (a double click, Back and Confirm, "change details" and
 * Confirm): the booking it placed before, by reference and status, where its link is and where to
 * ask for it again. Never the link itself: see submitBooking.
 */
export function SubmissionReplayedPage({ ui, reference, status }: { ui: Ui; reference: string; status: BookingStatus }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('submission.replayed_title')}>
      <h1>{t('submission.replayed_title')}</h1>
      <p data-testid="submission-replayed">{t('submission.replayed_text', { reference, status: t(STATUS_LABELS[status]) })}</p>
      <p>{t('submission.change_hint')}</p>
      <p>
        <a href="/manage-link">{t('lost_link.ask')}</a>
      </p>
      <p>
        <a href="/">{t('activities.back')}</a>
      </p>
    </Layout>
  );
}
