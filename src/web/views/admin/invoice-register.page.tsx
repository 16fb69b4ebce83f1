import { formatMoney, formatRate } from '../../../core/i18n/format.js';
import { type InvoiceRegister, REGISTER_STATUSES, type RegisterFilter } from '../../../core/invoices/invoice-list.service.js';
import type { AdminUi } from './admin-ui.js';
import { invoiceFilterQuery, type InvoiceFilterValues } from '../../invoice-filters.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { staffInvoiceUrl } from '../../invoice-urls.js';
import { ErrorSummary, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { dayText, INVOICE_STATUS_LABELS, InvoiceLeadCells, InvoiceTailCells } from '../invoice-list.js';
import { AdminLayout } from './admin-layout.js';
import { Select } from './booking-list.page.js';

const LABELS: Record<string, MessageKey> = {
  from: 'invoice_register.filter.from',
  to: 'invoice_register.filter.to',
  status: 'invoice_register.filter.status',
};

interface Props {
  ui: AdminUi;
  values: InvoiceFilterValues;
  errors: FieldMessages;
  /** The period and status read; null when the filter was refused. */
  filter: RegisterFilter | null;
  register: InvoiceRegister | null;
  /** Several venues in scope: each document names its venue. */
  showVenue: boolean;
}

/**
 * The invoice register of the venues in scope: the documents issued in a period (this month unless
 * chosen), narrowed by status, with their totals per VAT rate and the period's CSV export.
 */
export function InvoiceRegisterPage({ ui, values, errors, filter, register, showVenue }: Props) {
  const { t, lang } = ui;
  const money = (cents: number) => formatMoney(cents, lang);
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
        <button type="submit">{t('invoice_register.filter.submit')}</button>
      </form>

      {filter && register && (
        <>
          <p data-testid="invoice-period">{t('invoice_register.period', { from: dayText(filter.from, ui), to: dayText(filter.to, ui) })}</p>
          {register.matched > register.entries.length && (
            <p class="notice" data-testid="invoice-truncated">
              {t('invoice_register.truncated', { shown: register.entries.length, matched: register.matched })}
            </p>
          )}
          <DataTable
            caption={t('invoice_register.title')}
            testId="invoice-register"
            columns={[
              t('invoice_list.col.number'),
              t('invoice_list.col.kind'),
              t('invoice_list.col.date'),
              t('invoice_list.col.due'),
              t('invoice_register.col.booking'),
              t('invoice_register.col.buyer'),
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
                <InvoiceLeadCells ui={ui} item={entry} />
                <td>
                  <a href={`/admin/bookings/${entry.bookingId}`}>{entry.bookingReference}</a>
                  {showVenue && <span class="meta"> · {entry.venueName}</span>}
                </td>
                <td>{entry.buyer}</td>
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
                    <td class="money">{money(total.netCents)}</td>
                    <td class="money">{money(total.vatCents)}</td>
                    <td class="money">{money(total.netCents + total.vatCents)}</td>
                  </tr>
                )}
                foot={
                  <tr data-rate="all">
                    <th scope="row">{t('invoice_register.totals_all')}</th>
                    <td class="money">{money(register.netCents)}</td>
                    <td class="money">{money(register.vatCents)}</td>
                    <td class="money">{money(register.totalCents)}</td>
                  </tr>
                }
              />
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
