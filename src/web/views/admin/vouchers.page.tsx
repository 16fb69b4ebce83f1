import type { Venue } from '../../../core/catalog/activity.js';
import { formatDate, formatMoney } from '../../../core/i18n/format.js';
import { can } from '../../../core/staff/staff.js';
import { type Voucher, VOUCHER_LIST_STATUSES } from '../../../core/vouchers/voucher.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { VoucherFilterValues } from '../../voucher-filters.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';
import { Select } from './booking-list.page.js';
import { dateText, ORIGIN_LABELS, voucherName, voucherStateNote } from './voucher-labels.js';
import { count } from '../../../core/i18n/i18n.js';

/** A voucher's last valid day, and after it whether it expired (by `today`), is not paid yet or lapsed. */
export function ValidThrough({ ui, voucher, today }: { ui: AdminUi; voucher: Voucher; today: string }) {
  const note = voucherStateNote(ui, voucher, today);
  return (
    <>
      {dateText(ui, voucher.validUntil)}
      {note && (
        <>
          {' '}
          <strong class="warning" data-testid="voucher-state">
            {note}
          </strong>
        </>
      )}
    </>
  );
}

const LABELS: Record<string, MessageKey> = {
  status: 'vouchers.filter.status',
  venue: 'vouchers.venue',
  on: 'vouchers.export.on',
  from: 'vouchers.export.from',
  to: 'vouchers.export.to',
};

const STATUS_LABELS: Record<(typeof VOUCHER_LIST_STATUSES)[number], MessageKey> = {
  active: 'vouchers.filter.active',
  spent: 'vouchers.filter.spent',
  expired: 'vouchers.filter.expired',
  pending: 'vouchers.filter.pending',
};

interface Props {
  ui: AdminUi;
  values: VoucherFilterValues;
  errors: FieldMessages;
  /** null when the filter was refused. */
  vouchers: Voucher[] | null;
  venues: Venue[];
  today: string;
  /** The most a list shows: a list this long may have been cut short. */
  limit: number;
}

/** A venue select (`venue`), for members of several venues (or a venue asked for all the same); `id` tells the page's several apart. */
function VenueSelect({
  ui,
  id,
  values,
  error,
  venues,
}: Pick<Props, 'ui' | 'values' | 'venues'> & { id: string; error?: string | undefined }) {
  if (venues.length < 2 && values.venue === '') return null;
  const options = [{ value: '', label: ui.t('vouchers.filter.all_venues') }, ...venues.map((v) => ({ value: v.id, label: v.name }))];
  return (
    <Field name={id} label={ui.t('vouchers.venue')} error={error}>
      {(describedBy, invalid) => (
        <select id={id} name="venue" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={option.value === values.venue}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The vouchers of the venues in scope (an admin's name their venue), narrowed by state and venue:
 * code, origin, dates, amounts and holder; then the accountant's two exports. Each voucher links
 * to its ledger; on a phone each row is a card.
 */
export function VoucherListPage({ ui, values, errors, vouchers, venues, today, limit }: Props) {
  const { t, lang } = ui;
  const venueNames = venues.length > 1 ? new Map(venues.map((v) => [v.id, v.name])) : undefined;
  const money = (cents: number) => formatMoney(cents, lang);
  return (
    <AdminLayout ui={ui} title={t('vouchers.title')}>
      <h1>{t('vouchers.title')}</h1>
      <p class="hint">{t('vouchers.intro')}</p>
      {can(ui.staff, 'bookings.write') && (
        <p>
          <a href="/admin/vouchers/new" data-testid="voucher-new">
            {t('vouchers.new')}
          </a>
        </p>
      )}
      <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
      <form method="get" action="/admin/vouchers" class="filters" novalidate data-testid="voucher-filter">
        <Select
          name="status"
          label={t('vouchers.filter.status')}
          value={values.status}
          error={errors.status}
          options={[
            { value: '', label: t('vouchers.filter.all') },
            ...VOUCHER_LIST_STATUSES.map((status) => ({ value: status, label: t(STATUS_LABELS[status]) })),
          ]}
        />
        <VenueSelect ui={ui} id="venue" values={values} error={errors.venue} venues={venues} />
        <button type="submit">{t('vouchers.filter.submit')}</button>
      </form>
      {vouchers && vouchers.length >= limit && (
        <p class="notice" data-testid="voucher-truncated">
          {t('vouchers.truncated', { shown: count(vouchers.length) })}
        </p>
      )}
      {vouchers && (
        <DataTable
          caption={t('vouchers.title')}
          testId="voucher-list"
          columns={[
            t('vouchers.col.code'),
            venueNames && t('vouchers.venue'),
            t('vouchers.col.origin'),
            t('vouchers.col.issued'),
            t('vouchers.col.initial'),
            t('vouchers.col.balance'),
            t('vouchers.col.valid_until'),
            t('vouchers.col.holder'),
          ]}
          rows={vouchers}
          empty={<p class="notice">{t('vouchers.none')}</p>}
          row={(voucher) => {
            return (
              <tr key={voucher.id} data-voucher={voucher.id}>
                <th scope="row">
                  <a href={`/admin/vouchers/${voucher.id}`} class="voucher-hint">
                    {voucherName(voucher.codeHint)}
                  </a>
                </th>
                {venueNames && <td data-testid="voucher-venue">{venueNames.get(voucher.venueId)}</td>}
                <td>{t(ORIGIN_LABELS[voucher.origin])}</td>
                <td>{formatDate(voucher.issuedAt ?? voucher.createdAt, lang)}</td>
                <td class="money">{money(voucher.initialCents)}</td>
                <td class="money" data-testid="voucher-balance">
                  {money(voucher.balanceCents)}
                </td>
                <td>
                  <ValidThrough ui={ui} voucher={voucher} today={today} />
                </td>
                <td>{[voucher.recipientName, voucher.buyerName].filter(Boolean).join(' / ')}</td>
              </tr>
            );
          }}
        />
      )}
      <h2>{t('vouchers.exports')}</h2>
      <p class="hint">{t('vouchers.exports_intro')}</p>
      <form method="get" action="/admin/vouchers.csv" class="filters" novalidate data-testid="voucher-balances-export">
        <InputField id="on" name="on" type="date" label={t('vouchers.export.on')} error={errors.on} value={values.on || today} />
        <VenueSelect ui={ui} id="balances-venue" values={values} venues={venues} />
        <button type="submit">{t('vouchers.export.balances')}</button>
      </form>
      <form method="get" action="/admin/voucher-movements.csv" class="filters" novalidate data-testid="voucher-movements-export">
        <InputField id="from" name="from" type="date" label={t('vouchers.export.from')} error={errors.from} value={values.from} />
        <InputField id="to" name="to" type="date" label={t('vouchers.export.to')} error={errors.to} value={values.to} />
        <VenueSelect ui={ui} id="movements-venue" values={values} venues={venues} />
        <button type="submit">{t('vouchers.export.movements')}</button>
      </form>
    </AdminLayout>
  );
}
