import { formatDateTime } from '../../../core/i18n/format.js';
import type { StaffMember } from '../../../core/staff/staff.js';
import type { AdminUi } from '../../admin/admin-ui.js';
import { AdminLayout } from './admin-layout.js';

/** The one-time setup link, shown once right after it is made: only its hash is stored. */
export function StaffSetupLinkPage({
  ui,
  member,
  link,
  hours,
  expiresAt,
}: {
  ui: AdminUi;
  member: StaffMember;
  link: string;
  hours: number;
  expiresAt: Date;
}) {
  const { t, lang } = ui;
  const title = t('staff.link_title', { name: member.name });
  return (
    <AdminLayout ui={ui} title={title}>
      <h1>{title}</h1>
      <p>{t('staff.link_intro', { name: member.name, email: member.email, until: formatDateTime(expiresAt, lang), hours })}</p>
      <p>
        <label for="setup-link">{t('staff.link_label')}</label>
        <input id="setup-link" type="text" readOnly value={link} size={80} data-testid="setup-link" />
      </p>
      <p class="notice" role="status">
        {t('staff.link_once')}
      </p>
      <p>
        <a href={`/admin/staff/${member.id}`}>{t('staff.to_member', { name: member.name })}</a> ·{' '}
        <a href="/admin/staff">{t('staff.to_list')}</a>
      </p>
    </AdminLayout>
  );
}
