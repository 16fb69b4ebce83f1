import type { ComponentChildren } from 'preact';
import { browserLabel } from './user-agent.js';
import { formatDateTime } from '../../../core/i18n/format.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { SessionRow } from '../../../core/staff/session.repository.js';
import type { AdminUi } from './admin-ui.js';
import { InputField } from '../components.js';
import { NewPasswordFields } from './staff-auth.pages.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField, PostButton } from './admin-layout.js';

export type AccountSection = 'password' | 'two_factor' | 'recovery';

const DONE: Record<string, MessageKey> = {
  sessions: 'account.done_sessions',
  password: 'account.done_password',
};

interface Props {
  ui: AdminUi;
  sessions: SessionRow[];
  current: string;
  recoveryCodesLeft: number;
  done?: string | undefined;
  /** A refusal: shown above the section's fields, or on the new password when `field` says so. */
  error?: { section: AccountSection; message: string; field?: 'password' } | undefined;
}

/** Password and current code: every credential change proves the person again. */
function ReauthenticationFields({ ui, section, error }: { ui: AdminUi; section: AccountSection; error: string | undefined }) {
  const { t } = ui;
  return (
    <>
      {error && (
        <p class="error" role="alert" id={`${section}-error`} data-testid={`error-${section}`}>
          {error}
        </p>
      )}
      <InputField
        id={`${section}-current_password`}
        label={t('account.current_password')}
        name="current_password"
        type="password"
        autocomplete="current-password"
        required
        maxLength={1024}
      />
      <InputField
        id={`${section}-current_code`}
        label={t('account.current_code')}
        hint={t('auth.code_hint')}
        name="current_code"
        type="text"
        autocomplete="one-time-code"
        required
        maxLength={40}
      />
    </>
  );
}

const CREDENTIAL_FORMS: Record<AccountSection, { action: string; title: MessageKey; submit: MessageKey }> = {
  password: { action: '/admin/account/password', title: 'account.password_title', submit: 'account.password_submit' },
  two_factor: { action: '/admin/account/two-factor/start', title: 'account.two_factor_title', submit: 'account.two_factor_submit' },
  recovery: { action: '/admin/account/recovery-codes', title: 'account.recovery_title', submit: 'account.recovery_submit' },
};

/** A credential change of one section: its title, intro, the re-authentication and its submit button. */
function CredentialForm(props: {
  ui: AdminUi;
  section: AccountSection;
  intro: string;
  error: Props['error'];
  children?: ComponentChildren;
}) {
  const { ui, section, intro, error, children } = props;
  const { action, title, submit } = CREDENTIAL_FORMS[section];
  const message = error?.section === section && !error.field ? error.message : undefined;
  return (
    <section aria-labelledby={`${section}-title`}>
      <h2 id={`${section}-title`}>{ui.t(title)}</h2>
      <p>{intro}</p>
      <form method="post" action={action} class="narrow-form" novalidate>
        <CsrfField ui={ui} />
        <ReauthenticationFields ui={ui} section={section} error={message} />
        {children}
        <button type="submit">{ui.t(submit)}</button>
      </form>
    </section>
  );
}

export function AccountPage({ ui, sessions, current, recoveryCodesLeft, done, error }: Props) {
  const { t, lang, staff } = ui;
  return (
    <AdminLayout ui={ui} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      {done && Object.hasOwn(DONE, done) && (
        <p class="notice" role="status" data-testid="notice">
          {t(DONE[done]!)}
        </p>
      )}
      <p>
        {staff.name} · {staff.email} · {t(`role.${staff.role}`)}
      </p>
      <h2>{t('account.sessions')}</h2>
      <DataTable
        caption={t('account.sessions')}
        testId="sessions"
        columns={[t('account.session_browser'), t('account.session_started'), t('account.session_last_seen'), t('account.session_actions')]}
        rows={sessions}
        row={(session) => (
          <tr key={session.token_hash}>
            <td title={session.user_agent || undefined}>{browserLabel(ui, session.user_agent)}</td>
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
        )}
      />
      {sessions.length > 1 && (
        <PostButton ui={ui} action="/admin/account/sessions/end" name="session" value="others" label={t('account.sessions_end_others')} />
      )}
      <CredentialForm ui={ui} section="password" intro={t('account.password_intro')} error={error}>
        <NewPasswordFields ui={ui} error={error?.field === 'password' ? error.message : undefined} />
      </CredentialForm>
      <CredentialForm ui={ui} section="two_factor" intro={t('account.two_factor_intro')} error={error} />
      <CredentialForm ui={ui} section="recovery" intro={t('account.recovery_intro', { n: recoveryCodesLeft })} error={error} />
    </AdminLayout>
  );
}
