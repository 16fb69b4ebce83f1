import type { InvoiceListItem } from '../../../core/invoices/invoice-list.service.js';
import type { AdminUi } from './admin-ui.js';
import { staffInvoiceUrl } from '../../invoice-urls.js';
import { InvoiceList } from '../invoice-list.js';

/** The booking's invoices and credit notes on its page in the back office, with their status and files. */
export function BookingInvoices({ ui, invoices }: { ui: AdminUi; invoices: readonly InvoiceListItem[] }) {
  return (
    <section id="invoices" data-testid="booking-invoices">
      <h2>{ui.t('invoice_list.title')}</h2>
      {invoices.length === 0 ? (
        <p class="meta">{ui.t('invoice_list.none')}</p>
      ) : (
        <InvoiceList ui={ui} invoices={invoices} fileUrl={(item, extension) => staffInvoiceUrl(item.id, extension)} />
      )}
    </section>
  );
}
