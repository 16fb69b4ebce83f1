import type { Venue } from '../../../core/catalog/activity.js';
import { browserLabel } from './user-agent.js';
import { formatDateTime } from '../../../core/i18n/format.js';
import type { StaffDetail } from '../../../core/staff/staff-admin.service.js';
import { actsOn, type Role } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { Field } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField, PostButton } from './admin-layout.js';
import { RoleSelect, roleLabel, stateLabel, VenueField, venueLabel } from './staff-list.page.js';

export function StaffDetailPage({
  ui,
  detail,
  venues,
  roles,
  roleForm,
  notice,
  error,
}: {
  ui: AdminUi;
  detail: StaffDetail;
  venues: Venue[];
  roles: Role[];
  /** The role form's values: the member's own, or what was just refused. */
  roleForm: { role: string; venue: string };
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { t, lang } = ui;
  const { member, state, venue, sessionList } = detail;
  const base = `/admin/staff/${member.id}`;
  const own = member.id === ui.staff.id;
  return (
    <AdminLayout ui={ui} title={member.name}>
      <p>
        <a href="/admin/staff">{t('staff.to_list')}</a>
      </p>
      <h1>{member.name}</h1>
      {notice && (
        <p class="notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {error && (
        <div class="error-summary" role="alert" tabindex={-1} data-testid="form-errors">
          <p>{error}</p>
        </div>
      )}
      <dl class="summary" data-testid="staff-member">
        <dt>{t('staff.email')}</dt>
        <dd>{member.email}</dd>
        <dt>{t('staff.role')}</dt>
        <dd>{roleLabel(ui, member.role)}</dd>
        <dt>{t('staff.venue')}</dt>
        <dd>{venueLabel(ui, venue)}</dd>
        <dt>{t('staff.state')}</dt>
        <dd data-testid="staff-state">{stateLabel(ui, state)}</dd>
      </dl>

      <h2>{t('staff.sessions')}</h2>
      <DataTable
        caption={t('staff.sessions')}
        testId="sessions"
        columns={[t('account.session_browser'), t('account.session_started'), t('account.session_last_seen')]}
        rows={sessionList}
        empty={<p>{t('staff.sessions_none')}</p>}
        row={(session) => (
          <tr key={session.token_hash}>
            <td title={session.user_agent || undefined}>{browserLabel(ui, session.user_agent)}</td>
            <td>{formatDateTime(new Date(session.created_at), lang)}</td>
            <td>{formatDateTime(new Date(session.last_seen_at), lang)}</td>
          </tr>
        )}
      />

      {own ? (
        <p class="hint">
          {t('staff.own_account')} <a href="/admin/account">{t('admin.nav.account')}</a>
        </p>
      ) : !actsOn(ui.staff, member.role) ? (
        <p class="hint" data-testid="admins-only">
          {t('staff.admins_only')}
        </p>
      ) : (
        <>
          {sessionList.length > 0 && <PostButton ui={ui} action={`${base}/sessions/end`} label={t('staff.end_sessions')} />}

          <h2>{t('staff.change_role')}</h2>
          <form method="post" action={`${base}/role`} class="narrow-form" data-testid="change-role">
            <CsrfField ui={ui} />
            <Field name="role" label={t('staff.role')}>
              {() => <RoleSelect ui={ui} roles={roles} value={roleForm.role} />}
            </Field>
            {ui.staff.role === 'admin' && <VenueField ui={ui} venues={venues} value={roleForm.venue} />}
            <button type="submit">{t('staff.save_role')}</button>
          </form>

          <h2>{t('staff.access')}</h2>
          {member.disabled ? (
            <PostButton ui={ui} action={`${base}/enable`} label={t('staff.enable')} />
          ) : (
            <>
              <p class="hint">{t('staff.disable_hint')}</p>
              <PostButton ui={ui} action={`${base}/disable`} label={t('staff.disable')} danger />
              <p class="hint">{t('staff.reissue_hint')}</p>
              <PostButton ui={ui} action={`${base}/setup-link`} label={t('staff.reissue')} danger />
            </>
          )}
        </>
      )}
    </AdminLayout>
  );
}
