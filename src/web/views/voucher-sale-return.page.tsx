import type { Venue } from '../../core/catalog/activity.js';
import type { VoucherSaleState } from '../../core/vouchers/voucher-sale.service.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';
import { vouchersUrl } from '../venue-urls.js';

const TITLES = {
  paid: 'voucher_sale.paid_title',
  failed: 'voucher_sale.failed_title',
  waiting: 'voucher_sale.waiting_title',
} as const;

/**
 * The sale's page, where its form's post leads and Mollie's checkout sends the buyer back: what
 * Mollie says of the payment (asked on the way here): open, with the link that goes on to pay it;
 * paid, and the voucher is on its way to the buyer's address; not paid, and a way to try again; or
 * still processing, with a link to look again (no automatic refresh, WCAG 2.2.1).
 */
export function VoucherSaleReturnPage({
  ui,
  venue,
  sale,
  path,
  payable,
}: {
  ui: Ui;
  venue: Venue;
  sale: VoucherSaleState;
  path: string;
  /** Its checkout is still open: the page offers the pay link (`<path>/pay`). */
  payable: boolean;
}) {
  const { t } = ui;
  const title = t(payable ? 'voucher_sale.pay_title' : TITLES[sale.outcome]);
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <div data-testid={`voucher-sale-${sale.outcome}`}>
        {sale.outcome === 'paid' && <p class="notice success">{t('voucher_sale.paid', { email: sale.buyerEmail })}</p>}
        {sale.outcome === 'failed' && (
          <>
            <p class="notice error">{t('voucher_sale.failed')}</p>
            <p class="actions">
              <a class="button" href={vouchersUrl(venue)} data-testid="voucher-try-again">
                {t('voucher_sale.try_again')}
              </a>
            </p>
          </>
        )}
        {payable && (
          <>
            <p class="notice">{t('voucher_sale.pay_intro', { email: sale.buyerEmail })}</p>
            <p class="actions">
              <a class="button" href={`${path}/pay`} data-testid="voucher-pay">
                {t('voucher_sale.pay')}
              </a>
            </p>
          </>
        )}
        {sale.outcome === 'waiting' && (
          <>
            {!payable && <p class="notice">{t('voucher_sale.waiting', { email: sale.buyerEmail })}</p>}
            <p class="actions">
              <a class="button" href={path} data-testid="voucher-check-again">
                {t('voucher_sale.check_again')}
              </a>
            </p>
          </>
        )}
      </div>
    </Layout>
  );
}
