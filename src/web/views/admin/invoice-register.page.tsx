import { formatMoney, formatRate } from '../../../core/i18n/format.js';
import {
  type InvoiceRegister,
  REGISTER_STATUSES,
  type RegisterFilter,
  type SellerTotals,
  type VatTotal,
} from '../../../core/invoices/invoice-list.service.js';
import type { AdminUi } from './admin-ui.js';
import { invoiceFilterQuery, type InvoiceFilterValues } from '../../invoice-filters.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { staffInvoiceUrl } from '../../invoice-urls.js';
import { ErrorSummary, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { dayText, INVOICE_STATUS_LABELS, InvoiceKindText, InvoiceTailCells } from '../invoice-list.js';
import { AdminLayout } from './admin-layout.js';
import { Select } from './booking-list.page.js';
import { count } from '../../../core/i18n/i18n.js';

const LABELS: Record<string, MessageKey> = {
  from: 'invoice_register.filter.from',
  to: 'invoice_register.filter.to',
  status: 'invoice_register.filter.status',
  venue: 'invoice_register.filter.venue',
};

/** A venue the register can be narrowed to. */
export interface VenueChoice {
  id: string;
  name: string;
}

interface Props {
  ui: AdminUi;
  values: InvoiceFilterValues;
  errors: FieldMessages;
  /** The period and status read; null when the filter was refused. */
  filter: RegisterFilter | null;
  register: InvoiceRegister | null;
  /** The venues in the member's scope; with several, the filter offers them. */
  venues: VenueChoice[];
}

/** A rate's row of amounts: net, VAT and total. */
function AmountCells({ ui, total }: { ui: AdminUi; total: Pick<VatTotal, 'netCents' | 'vatCents'> }) {
  return (
    <>
      <td class="money">{formatMoney(total.netCents, ui.lang)}</td>
      <td class="money">{formatMoney(total.vatCents, ui.lang)}</td>
      <td class="money">{formatMoney(total.netCents + total.vatCents, ui.lang)}</td>
    </>
  );
}

/** Per seller, its rates' sums and its total: what its documents add up to. */
function SellerTotalsTable({ ui, sellers }: { ui: AdminUi; sellers: SellerTotals[] }) {
  const { t, lang } = ui;
  return (
    <DataTable
      caption={t('invoice_register.seller_totals')}
      testId="invoice-seller-totals"
      columns={[
        t('invoice_register.col.seller'),
        t('invoice_register.col.rate'),
        t('invoice_register.col.net'),
        t('invoice_register.col.vat'),
        t('invoice_register.col.total'),
      ]}
      rows={sellers}
      row={(seller) => (
        <>
          {seller.totals.map((total) => (
            <tr key={`${seller.venueId}-${seller.seller}-${total.vatRateBp}`} data-venue={seller.venueId} data-rate={total.vatRateBp}>
              <th scope="row">{seller.seller}</th>
              <td>{formatRate(total.vatRateBp, lang)}</td>
              <AmountCells ui={ui} total={total} />
            </tr>
          ))}
          <tr key={`${seller.venueId}-${seller.seller}-all`} data-venue={seller.venueId} data-rate="all" class="subtotal">
            <th scope="row">{seller.seller}</th>
            <td>{t('invoice_register.totals_all')}</td>
            <AmountCells ui={ui} total={seller} />
          </tr>
        </>
      )}
    />
  );
}

/**
 * The invoice register of the venues in scope: the documents issued in a period (this month unless
 * chosen), narrowed by status and venue, with their totals per VAT rate (and per seller) and the
 * period's CSV export. A document's kind goes under its number, its due date under its date and
 * its booking under its customer, so that the list fits a desktop's width without scrolling.
 */
export function InvoiceRegisterPage({ ui, values, errors, filter, register, venues }: Props) {
  const { t, lang } = ui;
  const money = (cents: number) => formatMoney(cents, lang);
  // A member of one venue has nothing to choose; a venue asked for all the same is shown, with its error if refused.
  const venueFilter = venues.length > 1 || values.venue !== '';
  return (
    <AdminLayout ui={ui} title={t('invoice_register.title')}>
      <h1>{t('invoice_register.title')}</h1>
      <p class="hint">{t('invoice_register.intro')}</p>
      <form method="get" action="/admin/invoices" class="filters" novalidate data-testid="invoice-filter">
        <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
        <InputField id="from" label={t(LABELS.from!)} error={errors.from} name="from" type="date" value={values.from} />
        <InputField id="to" label={t(LABELS.to!)} error={errors.to} name="to" type="date" value={values.to} />
        <Select
          name="status"
          label={t(LABELS.status!)}
          value={values.status}
          error={errors.status}
          options={[
            { value: '', label: t('invoice_register.filter.all') },
            ...REGISTER_STATUSES.map((status) => ({
              value: status,
              label: status === 'credited' ? t('invoice_register.filter.credited') : t(INVOICE_STATUS_LABELS[status]),
            })),
          ]}
        />
        {venueFilter && (
          <Select
            name="venue"
            label={t(LABELS.venue!)}
            value={values.venue}
            error={errors.venue}
            options={[
              { value: '', label: t('invoice_register.filter.all_venues') },
              ...venues.map((venue) => ({ value: venue.id, label: venue.name })),
            ]}
          />
        )}
        <button type="submit">{t('invoice_register.filter.submit')}</button>
      </form>

      {filter && register && (
        <>
          <p data-testid="invoice-period">{t('invoice_register.period', { from: dayText(filter.from, ui), to: dayText(filter.to, ui) })}</p>
          {register.matched > register.entries.length && (
            <p class="notice" data-testid="invoice-truncated">
              {t('invoice_register.truncated', { shown: count(register.entries.length), matched: count(register.matched) })}
            </p>
          )}
          <DataTable
            caption={t('invoice_register.title')}
            testId="invoice-register"
            class="data invoice-register"
            columns={[
              t('invoice_list.col.number'),
              t('invoice_list.col.date'),
              t('invoice_register.col.seller'),
              t('invoice_register.col.buyer_booking'),
              t('invoice_register.col.net'),
              t('invoice_register.col.vat'),
              t('invoice_register.col.total'),
              t('invoice_list.col.status'),
              t('invoice_list.col.files'),
            ]}
            rows={register.entries}
            empty={<p class="notice">{t('invoice_register.none')}</p>}
            row={(entry) => (
              <tr key={entry.id} data-number={entry.number} data-status={entry.status}>
                <th scope="row">
                  {entry.number}
                  <br />
                  <span class="meta" data-testid="invoice-kind">
                    <InvoiceKindText ui={ui} item={entry} />
                  </span>
                </th>
                <td>
                  {dayText(entry.issueDate, ui)}
                  {entry.dueOn !== null && (
                    <>
                      <br />
                      <span class="meta">{t('invoice_register.due', { date: dayText(entry.dueOn, ui) })}</span>
                    </>
                  )}
                </td>
                <td data-testid="invoice-seller">{entry.seller}</td>
                <td>
                  {entry.buyer}
                  <br />
                  <a href={`/admin/bookings/${entry.bookingId}`} class="meta">
                    {entry.bookingReference}
                  </a>
                </td>
                <td class="money">{money(entry.netCents)}</td>
                <td class="money">{money(entry.vatCents)}</td>
                <InvoiceTailCells ui={ui} item={entry} url={(extension) => staffInvoiceUrl(entry.id, extension)} />
              </tr>
            )}
          />
          {register.matched > 0 && (
            <>
              <h2>{t('invoice_register.totals')}</h2>
              <DataTable
                caption={t('invoice_register.totals')}
                testId="invoice-totals"
                columns={[
                  t('invoice_register.col.rate'),
                  t('invoice_register.col.net'),
                  t('invoice_register.col.vat'),
                  t('invoice_register.col.total'),
                ]}
                rows={register.totals}
                row={(total) => (
                  <tr key={total.vatRateBp} data-rate={total.vatRateBp}>
                    <th scope="row">{formatRate(total.vatRateBp, lang)}</th>
                    <AmountCells ui={ui} total={total} />
                  </tr>
                )}
                foot={
                  <tr data-rate="all">
                    <th scope="row">{t('invoice_register.totals_all')}</th>
                    <AmountCells ui={ui} total={register} />
                  </tr>
                }
              />
              {register.sellers.length > 1 && (
                <>
                  <h2>{t('invoice_register.seller_totals')}</h2>
                  <p class="hint">{t('invoice_register.seller_totals_intro')}</p>
                  <SellerTotalsTable ui={ui} sellers={register.sellers} />
                </>
              )}
            </>
          )}
          <p>
            <a href={`/admin/invoices.csv${invoiceFilterQuery(values)}`} class="button button-secondary" download data-testid="invoice-csv">
              {t('invoice_register.csv')}
            </a>{' '}
            <a href={`/admin/invoices.zip${invoiceFilterQuery(values)}`} class="button button-secondary" download data-testid="invoice-zip">
              {t('invoice_register.zip')}
            </a>
          </p>
        </>
      )}
    </AdminLayout>
  );
}
