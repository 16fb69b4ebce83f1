import type { ActivityEntry } from '../../../core/activity-log/activity-log.js';
import { formatDateTimeSeconds } from '../../../core/i18n/format.js';
import type { AdminUi } from './admin-ui.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';
import { ACTION_LABELS, actionLabel, actorLabel, detailName, detailValue } from './activity-log-labels.js';

/** The actions the filter offers: every labelled one and every one that occurs in the visible entries. */
export function filterActions(occurring: string[]): string[] {
  return [...new Set([...Object.keys(ACTION_LABELS), ...occurring])].sort();
}

function DetailList({ ui, detail }: { ui: AdminUi; detail: ActivityEntry['detail'] }) {
  const pairs = Object.entries(detail);
  if (pairs.length === 0) return null;
  return (
    <ul class="meta">
      {pairs.map(([key, value]) => (
        <li key={key}>
          {detailName(ui, key)}: {detailValue(ui, key, value)}
        </li>
      ))}
    </ul>
  );
}

export interface ActivityLogFilter {
  action: string;
  email: string;
}

export function ActivityLogPage({
  ui,
  entries,
  actions,
  filter,
  older,
  paged,
}: {
  ui: AdminUi;
  entries: ActivityEntry[];
  actions: string[];
  filter: ActivityLogFilter;
  /** Where the next, older page starts, or null on the last page. */
  older: Date | null;
  /** Whether this page is an older one (then a link back to the newest is offered). */
  paged: boolean;
}) {
  const { t, lang } = ui;
  return (
    <AdminLayout ui={ui} title={t('activity_log.title')}>
      <h1>{t('activity_log.title')}</h1>
      {ui.staff.role !== 'admin' && <p class="hint">{t('activity_log.scope_venue')}</p>}
      <form method="get" action="/admin/activity" class="filters" novalidate data-testid="activity-log-filter">
        <label for="action">{t('activity_log.filter_action')}</label>
        <select id="action" name="action">
          <option value="">{t('activity_log.filter_any_action')}</option>
          {actions.map((action) => (
            <option key={action} value={action} selected={action === filter.action}>
              {actionLabel(ui, action)}
            </option>
          ))}
        </select>
        <label for="email">{t('activity_log.filter_email')}</label>
        <input id="email" name="email" type="email" maxLength={254} value={filter.email} />
        <button type="submit">{t('activity_log.filter_submit')}</button>
      </form>
      <DataTable
        caption={t('activity_log.title')}
        testId="activity-log-entries"
        columns={[
          t('activity_log.time'),
          t('activity_log.who'),
          t('activity_log.action'),
          t('activity_log.target'),
          t('activity_log.details'),
          t('activity_log.client'),
        ]}
        rows={entries}
        empty={<p>{t('activity_log.none')}</p>}
        row={(entry) => (
          <tr key={entry.id} data-action={entry.action}>
            <td>
              <time datetime={entry.at.toISOString()}>{formatDateTimeSeconds(entry.at, lang)}</time>
            </td>
            <td>{actorLabel(ui, entry)}</td>
            <td>{actionLabel(ui, entry.action)}</td>
            <td>{entry.target ?? '—'}</td>
            <td>
              <DetailList ui={ui} detail={entry.detail} />
            </td>
            <td>{entry.client ?? '—'}</td>
          </tr>
        )}
      />
      <p>
        {paged && <a href={activityLogUrl(filter)}>{t('activity_log.newest')}</a>}
        {paged && older && ' · '}
        {older && (
          <a href={activityLogUrl(filter, older)} rel="next" data-testid="older">
            {t('activity_log.older')}
          </a>
        )}
      </p>
    </AdminLayout>
  );
}

/** The activity log page's URL for a filter, optionally from a cursor. */
function activityLogUrl(filter: ActivityLogFilter, before?: Date): string {
  const params = new URLSearchParams();
  if (filter.action) params.set('action', filter.action);
  if (filter.email) params.set('email', filter.email);
  if (before) params.set('before', before.toISOString());
  const query = params.toString();
  return query ? `/admin/activity?${query}` : '/admin/activity';
}
