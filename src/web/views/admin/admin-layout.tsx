import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../i18n/i18n.js';
import { can, type Permission } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { CSRF_FIELD } from '../../csrf.js';
import { SESSION_SCRIPT_PATH } from '../../admin-assets.js';
import { Layout } from '../layout.js';

const NAV: { href: string; label: MessageKey; permission: Permission }[] = [
  { href: '/admin', label: 'admin.nav.schedule', permission: 'bookings.read' },
  { href: '/admin/bookings', label: 'admin.nav.bookings', permission: 'bookings.read' },
  { href: '/admin/balances', label: 'admin.nav.balances', permission: 'bookings.read' },
  { href: '/admin/invoices', label: 'admin.nav.invoices', permission: 'bookings.read' },
  { href: '/admin/activities', label: 'admin.nav.activities', permission: 'bookings.read' },
  { href: '/admin/resources', label: 'admin.nav.resources', permission: 'bookings.read' },
  { href: '/admin/discounts', label: 'admin.nav.discounts', permission: 'bookings.read' },
  { href: '/admin/vouchers', label: 'admin.nav.vouchers', permission: 'bookings.read' },
  { href: '/admin/venues', label: 'admin.nav.venues', permission: 'catalog.write' },
  { href: '/admin/staff', label: 'admin.nav.staff', permission: 'staff.manage' },
  { href: '/admin/activity', label: 'admin.nav.activity_log', permission: 'activity_log.read' },
  { href: '/admin/personal-data', label: 'admin.nav.personal_data', permission: 'privacy.requests' },
  { href: '/admin/security', label: 'admin.nav.security', permission: 'platform.security' },
  { href: '/admin/backups', label: 'admin.nav.backups', permission: 'platform.backups' },
  { href: '/admin/privacy/register', label: 'privacy.register.nav', permission: 'platform.privacy' },
];

/** The token every back-office form posts back. */
export function CsrfField({ ui }: { ui: AdminUi }) {
  return <input type="hidden" name={CSRF_FIELD} value={ui.csrf} />;
}

/** A button that posts (every change in the back office is a POST with the form token). */
export function PostButton({
  ui,
  action,
  label,
  name,
  value,
  danger,
}: {
  ui: AdminUi;
  action: string;
  label: string;
  name?: string;
  value?: string;
  danger?: boolean;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ui={ui} />
      <button type="submit" name={name} value={value} class={danger ? 'button-danger' : undefined}>
        {label}
      </button>
    </form>
  );
}

function SessionNotice({ ui }: { ui: AdminUi }) {
  const minutes = Math.round(ui.idleTimeoutSeconds / 60);
  return (
    <div class="session-notice">
      <p>
        {ui.t('admin.signed_in_as', { name: ui.staff.name })} · <a href="/admin/account">{ui.t('admin.nav.account')}</a>
      </p>
      <p class="hint">{ui.t('admin.idle_note', { minutes })}</p>
      <p
        id="idle-warning"
        class="warning"
        role="alert"
        hidden
        data-idle-seconds={String(ui.idleTimeoutSeconds)}
        data-login-url="/staff/login?reason=expired"
      >
        {ui.t('admin.idle_warning')}
      </p>
      <form method="post" action="/staff/logout" class="inline-form">
        <CsrfField ui={ui} />
        <button type="submit" class="button-secondary">
          {ui.t('admin.logout')}
        </button>
      </form>
    </div>
  );
}

export function AdminLayout({ ui, title, children }: { ui: AdminUi; title: string; children: ComponentChildren }) {
  const header = (
    <>
      <nav class="admin-nav" aria-label={ui.t('admin.nav.label')}>
        <ul>
          {NAV.filter((item) => can(ui.staff, item.permission)).map((item) => (
            <li key={item.href}>
              <a href={item.href} aria-current={ui.path.split('?')[0] === item.href ? 'page' : undefined}>
                {ui.t(item.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SessionNotice ui={ui} />
    </>
  );
  return (
    <Layout ui={ui} title={title} header={header} scripts={[SESSION_SCRIPT_PATH]} privacyNote={ui.t('admin.privacy_note')} wide>
      {children}
    </Layout>
  );
}
