import type { InvoiceListItem } from '../../core/invoices/invoice-list.service.js';
import type { InvoiceStatus } from '../../core/invoices/invoice-status.js';
import { documentTitle } from '../../core/invoices/invoice-texts.js';
import { formatDate, formatMoney } from '../../core/i18n/format.js';
import { startOfLocalDay } from '../../core/shared/time.js';
import type { MessageKey } from '../i18n/i18n.js';
import { organiserInvoiceUrl } from '../invoice-urls.js';
import { DataTable } from './data-table.js';
import type { Ui } from './ui.js';

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, MessageKey> = {
  open: 'invoice_list.status.open',
  overdue: 'invoice_list.status.overdue',
  paid: 'invoice_list.status.paid',
  credited: 'invoice_list.status.credited',
  settled: 'invoice_list.status.settled',
};

/** A day (YYYY-MM-DD) as pages write dates; '–' for none. */
export function dayText(day: string | null, ui: Ui): string {
  return day === null ? '–' : formatDate(startOfLocalDay(day), ui.lang);
}

/** A document's status; an overdue one stands out (as overdue balances do). */
export function InvoiceStatusText({ ui, status }: { ui: Ui; status: InvoiceStatus }) {
  const text = ui.t(INVOICE_STATUS_LABELS[status]);
  return status === 'overdue' ? (
    <strong class="warning" data-testid="invoice-overdue">
      {text}
    </strong>
  ) : (
    <>{text}</>
  );
}

/** What a document is called by its kind and purpose, as its PDF is titled: "Aanbetalingsfactuur", "Creditnota"... */
export function invoiceTitle(item: Pick<InvoiceListItem, 'kind' | 'purpose'>, lang: Ui['lang']): string {
  return documentTitle({ kind: item.kind, purpose: item.purpose, language: lang });
}

/** The title of a document, and for a credit note the invoice it corrects. */
export function InvoiceKindText({ ui, item }: { ui: Ui; item: Pick<InvoiceListItem, 'kind' | 'purpose' | 'correctsNumber'> }) {
  return (
    <>
      {invoiceTitle(item, ui.lang)}
      {item.correctsNumber !== null && (
        <>
          <br />
          <span class="meta">{ui.t('invoice_list.corrects', { number: item.correctsNumber })}</span>
        </>
      )}
    </>
  );
}

/** The PDF and UBL links of a document; each link names its document for screen readers. */
export function InvoiceFiles({ ui, number, url }: { ui: Ui; number: string; url: (extension: 'pdf' | 'xml') => string }) {
  const of = <span class="visually-hidden"> {ui.t('invoice_list.of', { number })}</span>;
  return (
    <>
      <a href={url('pdf')} data-testid="invoice-pdf">
        {ui.t('invoice_list.pdf')}
        {of}
      </a>
      {' · '}
      <a href={url('xml')} data-testid="invoice-ubl">
        {ui.t('invoice_list.ubl')}
        {of}
      </a>
    </>
  );
}

/** A document's first cells in a list: its number (the row's header), kind, date and due date. */
function InvoiceLeadCells({ ui, item }: { ui: Ui; item: InvoiceListItem }) {
  return (
    <>
      <th scope="row">{item.number}</th>
      <td data-testid="invoice-kind">
        <InvoiceKindText ui={ui} item={item} />
      </td>
      <td>{dayText(item.issueDate, ui)}</td>
      <td>{dayText(item.dueOn, ui)}</td>
    </>
  );
}

/** A document's last cells in a list: its amount, its status and its files. */
export function InvoiceTailCells({ ui, item, url }: { ui: Ui; item: InvoiceListItem; url: (extension: 'pdf' | 'xml') => string }) {
  return (
    <>
      <td class="money" data-testid="invoice-amount">
        {formatMoney(item.totalCents, ui.lang)}
      </td>
      <td data-testid="invoice-status">
        <InvoiceStatusText ui={ui} status={item.status} />
      </td>
      <td>
        <InvoiceFiles ui={ui} number={item.number} url={url} />
      </td>
    </>
  );
}

/**
 * A booking's invoices and credit notes, oldest first: number, kind, date, due date, amount,
 * status and the files. A table of the shared kind: on a phone each document is a card.
 */
export function InvoiceList({
  ui,
  invoices,
  fileUrl,
}: {
  ui: Ui;
  invoices: readonly InvoiceListItem[];
  /** Where a document's file is (PDF or UBL): the organiser's and the staff's differ. */
  fileUrl: (item: InvoiceListItem, extension: 'pdf' | 'xml') => string;
}) {
  const { t } = ui;
  return (
    <DataTable
      caption={t('invoice_list.title')}
      testId="invoices"
      columns={[
        { figure: t('invoice_list.col.number') },
        { figure: t('invoice_list.col.kind') },
        { figure: t('invoice_list.col.date') },
        { figure: t('invoice_list.col.due') },
        { figure: t('invoice_list.col.amount') },
        { figure: t('invoice_list.col.status') },
        t('invoice_list.col.files'),
      ]}
      rows={invoices}
      row={(item) => (
        <tr key={item.id} data-number={item.number} data-status={item.status}>
          <InvoiceLeadCells ui={ui} item={item} />
          <InvoiceTailCells ui={ui} item={item} url={(extension) => fileUrl(item, extension)} />
        </tr>
      )}
    />
  );
}

/** The manage page's section of the booking's documents, with the organiser's links; nothing while there are none. */
export function ManageInvoices({ ui, token, invoices }: { ui: Ui; token: string; invoices: readonly InvoiceListItem[] }) {
  if (invoices.length === 0) return null;
  return (
    <section id="invoices" data-testid="manage-invoices">
      <h2>{ui.t('invoice_list.title')}</h2>
      <p class="hint">{ui.t('invoice_list.intro')}</p>
      <InvoiceList ui={ui} invoices={invoices} fileUrl={(item, extension) => organiserInvoiceUrl(token, item.number, extension)} />
    </section>
  );
}
