import type { AuditEntry } from '../../../core/audit-log/audit-log.js';
import { formatDateTimeSeconds } from '../../../core/i18n/format.js';
import type { AdminUi } from '../../admin/admin-ui.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';
import { ACTION_LABELS, actionLabel, actorLabel } from './audit-labels.js';

/** The actions the filter offers: every labelled one and every one that occurs in the visible entries. */
export function filterActions(occurring: string[]): string[] {
  return [...new Set([...Object.keys(ACTION_LABELS), ...occurring])].sort();
}

function DetailList({ detail }: { detail: AuditEntry['detail'] }) {
  const pairs = Object.entries(detail);
  if (pairs.length === 0) return null;
  return (
    <ul class="meta">
      {pairs.map(([key, value]) => (
        <li key={key}>
          {key}: {value === null ? '—' : String(value)}
        </li>
      ))}
    </ul>
  );
}

export interface AuditFilter {
  action: string;
  email: string;
}

export function AuditPage({
  ui,
  entries,
  actions,
  filter,
  older,
  paged,
}: {
  ui: AdminUi;
  entries: AuditEntry[];
  actions: string[];
  filter: AuditFilter;
  /** Where the next, older page starts, or null on the last page. */
  older: Date | null;
  /** Whether this page is an older one (then a link back to the newest is offered). */
  paged: boolean;
}) {
  const { t, lang } = ui;
  return (
    <AdminLayout ui={ui} title={t('audit.title')}>
      <h1>{t('audit.title')}</h1>
      {ui.staff.role !== 'admin' && <p class="hint">{t('audit.scope_venue')}</p>}
      <form method="get" action="/admin/audit" class="filters" data-testid="audit-filter">
        <label for="action">{t('audit.filter_action')}</label>
        <select id="action" name="action">
          <option value="">{t('audit.filter_any_action')}</option>
          {actions.map((action) => (
            <option key={action} value={action} selected={action === filter.action}>
              {actionLabel(ui, action)}
            </option>
          ))}
        </select>
        <label for="email">{t('audit.filter_email')}</label>
        <input id="email" name="email" type="email" maxLength={254} value={filter.email} />
        <button type="submit">{t('audit.filter_submit')}</button>
      </form>
      <DataTable
        caption={t('audit.title')}
        testId="audit-entries"
        columns={[t('audit.time'), t('audit.who'), t('audit.action'), t('audit.target'), t('audit.details'), t('audit.client')]}
        rows={entries}
        empty={<p>{t('audit.none')}</p>}
        row={(entry) => (
          <tr key={entry.id} data-action={entry.action}>
            <td>
              <time datetime={entry.at.toISOString()}>{formatDateTimeSeconds(entry.at, lang)}</time>
            </td>
            <td>{actorLabel(ui, entry)}</td>
            <td>{actionLabel(ui, entry.action)}</td>
            <td>{entry.target ?? '—'}</td>
            <td>
              <DetailList detail={entry.detail} />
            </td>
            <td>{entry.client ?? '—'}</td>
          </tr>
        )}
      />
      <p>
        {paged && <a href={auditUrl(filter)}>{t('audit.newest')}</a>}
        {paged && older && ' · '}
        {older && (
          <a href={auditUrl(filter, older)} rel="next" data-testid="older">
            {t('audit.older')}
          </a>
        )}
      </p>
    </AdminLayout>
  );
}

/** The audit page's URL for a filter, optionally from a cursor. */
function auditUrl(filter: AuditFilter, before?: Date): string {
  const params = new URLSearchParams();
  if (filter.action) params.set('action', filter.action);
  if (filter.email) params.set('email', filter.email);
  if (before) params.set('before', before.toISOString());
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}
