import type { OpenBalance } from '../../../core/booking-flows/balances.service.js';
import { formatDate, formatMoney } from '../../../core/i18n/format.js';
import { startOfLocalDay } from '../../../core/shared/time.js';
import type { AdminUi } from './admin-ui.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';

/** What staff still have to receive: every booking of their venue that owes money, by due date. */
export function BalancesPage({
  ui,
  balances,
  overdue,
  showVenue,
}: {
  ui: AdminUi;
  balances: OpenBalance[];
  overdue: boolean;
  showVenue: boolean;
}) {
  const { t, lang } = ui;
  const total = balances.reduce((sum, b) => sum + b.outstandingCents, 0);
  const query = overdue ? '?overdue=1' : '';
  return (
    <AdminLayout ui={ui} title={t('balances.title')}>
      <h1>{t('balances.title')}</h1>
      <p class="hint">{t('balances.intro')}</p>
      <form method="get" action="/admin/balances" class="filters" data-testid="balances-filter">
        <label for="overdue">{t('money.overdue')}</label>
        <select id="overdue" name="overdue">
          <option value="">{t('balances.filter.all')}</option>
          <option value="1" selected={overdue}>
            {t('balances.filter.overdue')}
          </option>
        </select>
        <button type="submit" class="button-secondary">
          {t('balances.filter.submit')}
        </button>
      </form>
      <p data-testid="balances-total">{t('balances.total', { amount: formatMoney(total, lang) })}</p>
      <DataTable
        caption={t('balances.title')}
        testId="balances"
        columns={[
          t('balances.col.booking'),
          t('balances.col.organiser'),
          t('balances.col.visit'),
          t('balances.col.total'),
          t('balances.col.paid'),
          t('balances.col.outstanding'),
          t('balances.col.due'),
        ]}
        rows={balances}
        empty={<p class="meta">{t('balances.none')}</p>}
        row={(b) => (
          <tr key={b.id} data-reference={b.reference} class={b.overdue ? 'overdue' : undefined}>
            <th scope="row">
              <a href={`/admin/bookings/${b.id}`}>{b.reference}</a>
              <br />
              <span class="meta">
                {b.activityTitle[lang]}
                {showVenue && ` · ${b.venueName}`}
              </span>
            </th>
            <td>
              {b.organiserName}
              {b.organisation && (
                <>
                  <br />
                  <span class="meta">{b.organisation}</span>
                </>
              )}
            </td>
            <td>{formatDate(b.startsAt, lang)}</td>
            <td>{formatMoney(b.totalCents, lang)}</td>
            <td>{formatMoney(b.paidCents, lang)}</td>
            <td data-testid="outstanding">{formatMoney(b.outstandingCents, lang)}</td>
            <td>
              {b.dueOn ? formatDate(startOfLocalDay(b.dueOn), lang) : '–'}
              {b.overdue && (
                <>
                  {' '}
                  <strong class="warning" data-testid="overdue">
                    {t('money.overdue')}
                  </strong>
                </>
              )}
            </td>
          </tr>
        )}
      />
      <p>
        <a href={`/admin/balances.csv${query}`} class="button button-secondary" download>
          {t('balances.csv')}
        </a>
      </p>
    </AdminLayout>
  );
}
