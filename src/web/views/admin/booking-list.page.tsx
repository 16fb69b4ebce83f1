import { BOOKING_SORTS, type BookingPage, type BookingSort } from '../../../core/bookings/booking-admin.js';
import { BOOKING_STATUSES } from '../../../core/shared/booking-status.js';
import { formatCount, formatDateTime, formatMoney } from '../../../core/i18n/format.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { AdminUi } from './admin-ui.js';
import { filterQuery, type FilterValues } from '../../booking-filters.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';
import { STATUS_LABELS } from './booking-labels.js';
import { count } from '../../../core/i18n/i18n.js';

export interface ActivityChoice {
  id: string;
  label: string;
}

interface Props {
  ui: AdminUi;
  values: FilterValues;
  errors: FieldMessages;
  activities: ActivityChoice[];
  /** null when the filter is refused. */
  result: BookingPage | null;
  /** Several venues in scope: the list names each booking's venue. */
  showVenue: boolean;
}

const SORT_LABELS: Record<BookingSort, MessageKey> = {
  visit_desc: 'bookings.sort.visit_desc',
  visit_asc: 'bookings.sort.visit_asc',
  created_desc: 'bookings.sort.created_desc',
};

const LABELS: Record<string, MessageKey> = {
  q: 'bookings.filter.q',
  status: 'bookings.col.status',
  activity: 'bookings.col.activity',
  from: 'bookings.filter.from',
  to: 'bookings.filter.to',
  paid: 'bookings.col.paid',
  sort: 'bookings.filter.sort',
};

export function Select({
  name,
  label,
  value,
  error,
  options,
}: {
  name: string;
  label: string;
  value: string;
  error: string | undefined;
  options: { value: string; label: string }[];
}) {
  return (
    <Field name={name} label={label} error={error}>
      {(describedBy, invalid) => (
        <select id={name} name={name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {options.map((option) => (
            <option key={option.value} value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function DateInput({ ui, name, value, error }: { ui: AdminUi; name: 'from' | 'to'; value: string; error: string | undefined }) {
  return <InputField id={name} label={ui.t(LABELS[name]!)} error={error} name={name} type="date" value={value} />;
}

/** The bookings of the venues in scope: search, filters, 50 per page, and the same selection as CSV. */
export function BookingListPage({ ui, values, errors, activities, result, showVenue }: Props) {
  const { t, lang } = ui;
  const any = t('bookings.filter.any');
  return (
    <AdminLayout ui={ui} title={t('bookings.title')}>
      <h1>{t('bookings.title')}</h1>
      <form method="get" action="/admin/bookings" class="filters" novalidate>
        <ErrorSummary ui={ui} errors={errors} labels={{ ...LABELS, page: 'bookings.filter.page' }} />
        <InputField
          id="q"
          label={t('bookings.filter.q')}
          hint={t('bookings.filter.q_hint')}
          error={errors.q}
          name="q"
          type="search"
          value={values.q}
        />
        <Select
          name="status"
          label={t('bookings.col.status')}
          value={values.status}
          error={errors.status}
          options={[{ value: '', label: any }, ...BOOKING_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))]}
        />
        <Select
          name="activity"
          label={t('bookings.col.activity')}
          value={values.activity}
          error={errors.activity}
          options={[{ value: '', label: any }, ...activities.map((a) => ({ value: a.id, label: a.label }))]}
        />
        <DateInput ui={ui} name="from" value={values.from} error={errors.from} />
        <DateInput ui={ui} name="to" value={values.to} error={errors.to} />
        <Select
          name="paid"
          label={t('bookings.col.paid')}
          value={values.paid}
          error={errors.paid}
          options={[
            { value: '', label: any },
            { value: 'paid', label: t('bookings.filter.paid') },
            { value: 'unpaid', label: t('bookings.filter.unpaid') },
          ]}
        />
        <Select
          name="sort"
          label={t('bookings.filter.sort')}
          value={values.sort}
          error={errors.sort}
          options={BOOKING_SORTS.map((s) => ({ value: s, label: t(SORT_LABELS[s]) }))}
        />
        <button type="submit">{t('bookings.filter.submit')}</button>
      </form>

      {result && (
        <>
          <p class="actions">
            <span data-testid="result-count">
              {result.total === 1 ? t('bookings.count_one') : t('bookings.count', { n: count(result.total) })}
            </span>
            <a href={`/admin/bookings.csv${filterQuery(values)}`} download>
              {t('bookings.export')}
            </a>
          </p>
          <DataTable
            caption={t('bookings.title')}
            testId="bookings"
            columns={[
              { figure: t('bookings.col.reference') },
              { figure: t('bookings.col.visit') },
              t('bookings.col.activity'),
              t('bookings.col.organiser'),
              { figure: t('bookings.col.group_size') },
              { figure: t('bookings.col.status') },
              { figure: t('bookings.col.paid') },
              { figure: t('bookings.col.total') },
            ]}
            rows={result.items}
            empty={<p class="notice">{t('bookings.none')}</p>}
            row={(item) => (
              <tr key={item.id} data-reference={item.reference}>
                <td>
                  <a href={`/admin/bookings/${item.id}`}>{item.reference}</a>
                </td>
                <td>{formatDateTime(item.startsAt, lang)}</td>
                <td>
                  {item.activityTitle[lang]}
                  {showVenue && <span class="meta"> · {item.venueName}</span>}
                </td>
                <td>
                  {item.name}
                  {item.organisation && <span class="meta"> · {item.organisation}</span>}
                </td>
                <td>{formatCount(item.groupSize, lang)}</td>
                <td>{t(STATUS_LABELS[item.status])}</td>
                <td>{item.paidAt ? t('bookings.yes') : t('bookings.no')}</td>
                <td>{formatMoney(item.totalCents, lang)}</td>
              </tr>
            )}
          />
          {result.pages > 1 && (
            <nav class="actions" aria-label={t('bookings.pages')}>
              {result.page > 1 && (
                <a href={`/admin/bookings${filterQuery(values, { page: String(result.page - 1) })}`} rel="prev">
                  {t('bookings.previous_page')}
                </a>
              )}
              <span>{t('bookings.page_of', { page: result.page, pages: result.pages })}</span>
              {result.page < result.pages && (
                <a href={`/admin/bookings${filterQuery(values, { page: String(result.page + 1) })}`} rel="next">
                  {t('bookings.next_page')}
                </a>
              )}
            </nav>
          )}
        </>
      )}
    </AdminLayout>
  );
}
