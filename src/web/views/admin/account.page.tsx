import { formatDateTime } from '../../../core/i18n/format.js';
import type { SessionRow } from '../../../core/staff/session.repository.js';
import type { AdminUi } from '../../admin/admin-ui.js';
import { AdminLayout, PostButton } from './admin-layout.js';

export function AccountPage({ ui, sessions, current }: { ui: AdminUi; sessions: SessionRow[]; current: string }) {
  const { t, lang, staff } = ui;
  return (
    <AdminLayout ui={ui} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      <p>
        {staff.name} · {staff.email} · {t(`role.${staff.role}`)}
      </p>
      <h2>{t('account.sessions')}</h2>
      <table data-testid="sessions">
        <thead>
          <tr>
            <th scope="col">{t('account.session_browser')}</th>
            <th scope="col">{t('account.session_started')}</th>
            <th scope="col">{t('account.session_last_seen')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('account.session_actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.token_hash}>
              <td>{session.user_agent || t('account.session_unknown_browser')}</td>
              <td>{formatDateTime(new Date(session.created_at), lang)}</td>
              <td>{formatDateTime(new Date(session.last_seen_at), lang)}</td>
              <td>
                {session.token_hash === current ? (
                  t('account.session_this')
                ) : (
                  <PostButton
                    ui={ui}
                    action="/admin/account/sessions/end"
                    name="session"
                    value={session.token_hash}
                    label={t('account.session_end')}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions.length > 1 && (
        <PostButton ui={ui} action="/admin/account/sessions/end" name="session" value="others" label={t('account.sessions_end_others')} />
      )}
    </AdminLayout>
  );
}
