import { Layout } from './layout.js';
import { managePath } from './manage-actions.js';
import { payPath } from './payment-section.js';
import type { Ui } from './ui.js';

/** The pay link when the provider cannot be reached: why, a link to try again, and the way back to the booking. */
export function PaymentUnavailablePage({ ui, token }: { ui: Ui; token: string }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('payment.unavailable_title')}>
      <h1>{t('payment.unavailable_title')}</h1>
      <p data-testid="error-message">{t('error.payment_unavailable')}</p>
      <p class="actions">
        <a class="button" href={payPath(token)} data-testid="pay-again">
          {t('payment.try_again')}
        </a>
        <a class="button button-secondary" href={managePath(token)}>
          {t('payment.back')}
        </a>
      </p>
    </Layout>
  );
}
