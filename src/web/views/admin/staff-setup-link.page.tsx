import { formatDateTime } from '../../../core/i18n/format.js';
import type { StaffMember } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { AdminLayout } from './admin-layout.js';

/**
 * The answer to adding a member: the setup link went to them by mail. An admin adding someone below
 * admin also sees the link, once (only its hash is stored). A manager's answer names only the
 * address, the same whether or not it had an account elsewhere; the member shows in their list
 * once set up.
 */
export function StaffSetupLinkPage({
  ui,
  email,
  member,
  link,
  hours,
  expiresAt,
}: {
  ui: AdminUi;
  email: string;
  member: StaffMember | null;
  link: string | undefined;
  hours: number;
  expiresAt: Date;
}) {
  const { t, lang } = ui;
  const until = formatDateTime(expiresAt, lang);
  const title = t('staff.mailed_title');
  return (
    <AdminLayout ui={ui} title={title}>
      <h1>{title}</h1>
      <p data-testid="link-mailed">{t('staff.mailed_intro', { email, until, hours })}</p>
      {ui.staff.role !== 'admin' && <p>{t('staff.mailed_manager')}</p>}
      {link && member && (
        <>
          <p>{t('staff.link_intro', { name: member.name, email: member.email, until, hours })}</p>
          <p>
            <label for="setup-link">{t('staff.link_label')}</label>
            <input id="setup-link" type="text" readOnly value={link} size={80} data-testid="setup-link" />
          </p>
          <p class="notice" role="status">
            {t('staff.link_once')}
          </p>
        </>
      )}
      <p>
        {member && (
          <>
            <a href={`/admin/staff/${member.id}`}>{t('staff.to_member', { name: member.name })}</a> ·{' '}
          </>
        )}
        <a href="/admin/staff">{t('staff.to_list')}</a>
      </p>
    </AdminLayout>
  );
}
