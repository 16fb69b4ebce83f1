import type { Venue } from '../../../core/catalog/activity.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { StaffForm, StaffOverview, StaffState } from '../../../core/staff/staff-admin.service.js';
import type { Role } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField } from './admin-layout.js';

const STATE_LABELS: Record<StaffState, MessageKey> = {
  active: 'staff.state_active',
  setup_pending: 'staff.state_setup_pending',
  setup_expired: 'staff.state_setup_expired',
  disabled: 'staff.state_disabled',
};

/** The setup mail's languages to choose from: one, or both together. */
const MAIL_LANGUAGES: [string, MessageKey][] = [
  ['nl', 'staff.mail_language_nl'],
  ['en', 'staff.mail_language_en'],
  ['both', 'staff.mail_language_both'],
];

const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: 'role.admin',
  manager: 'role.manager',
  staff: 'role.staff',
  viewer: 'role.viewer',
};

export function roleLabel(ui: AdminUi, role: Role): string {
  return ui.t(ROLE_LABELS[role]);
}

export function stateLabel(ui: AdminUi, state: StaffState): string {
  return ui.t(STATE_LABELS[state]);
}

/** A venue's name as staff pages show it, or "none" for the platform's admins. */
export function venueLabel(ui: AdminUi, venue: Venue | null): string {
  return venue ? `${venue.name} (${venue.city})` : ui.t('staff.no_venue');
}

/**
 * A select of roles, the chosen one selected. Being required, it starts with an empty placeholder
 * option, as HTML requires of a required select that shows one option at a time.
 */
export function RoleSelect({
  ui,
  roles,
  value,
  describedBy,
  invalid,
}: {
  ui: AdminUi;
  roles: Role[];
  value: string;
  describedBy?: string | undefined;
  invalid?: boolean;
}) {
  return (
    <select id="role" name="role" required aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
      <option value="" selected={!roles.some((role) => role === value)}>
        {ui.t('staff.choose_role')}
      </option>
      {roles.map((role) => (
        <option key={role} value={role} selected={role === value}>
          {roleLabel(ui, role)}
        </option>
      ))}
    </select>
  );
}

/** The venue of a member: a select for an admin (empty for platform admins), fixed to their own for a manager. */
export function VenueField({ ui, venues, value, error }: { ui: AdminUi; venues: Venue[]; value: string; error?: string | undefined }) {
  const { t } = ui;
  if (ui.staff.role !== 'admin') {
    return <p class="hint">{t('staff.venue_own', { venue: venues[0] ? venueLabel(ui, venues[0]) : '' })}</p>;
  }
  return (
    <Field name="venue" label={t('staff.venue')} hint={t('staff.venue_hint')} error={error}>
      {(describedBy, invalid) => (
        <select id="venue" name="venue" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          <option value="">{t('staff.no_venue')}</option>
          {venues.map((venue) => (
            <option key={venue.id} value={venue.slug} selected={venue.slug === value}>
              {venueLabel(ui, venue)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

const FORM_LABELS: Record<string, MessageKey> = {
  email: 'staff.email',
  name: 'staff.name',
  role: 'staff.role',
  venue: 'staff.venue',
};

export function StaffListPage({
  ui,
  members,
  venues,
  roles,
  form,
  errors = {},
}: {
  ui: AdminUi;
  members: StaffOverview[];
  venues: Venue[];
  roles: Role[];
  form: StaffForm;
  errors?: FieldMessages;
}) {
  const { t } = ui;
  const showVenue = ui.staff.role === 'admin';
  const text = (name: 'email' | 'name', type: string, maxLength: number) => (
    <InputField
      id={name}
      label={t(FORM_LABELS[name]!)}
      error={errors[name]}
      name={name}
      type={type}
      required
      maxLength={maxLength}
      autocomplete="off"
      value={form[name]}
    />
  );
  return (
    <AdminLayout ui={ui} title={t('staff.title')}>
      <h1>{t('staff.title')}</h1>
      <DataTable
        caption={t('staff.title')}
        testId="staff-list"
        columns={[t('staff.name'), t('staff.email'), t('staff.role'), showVenue && t('staff.venue'), t('staff.state'), t('staff.sessions')]}
        rows={members}
        empty={<p>{t('staff.none')}</p>}
        row={({ member, state, venue, sessions }) => (
          <tr key={member.id} data-staff-id={member.id}>
            <th scope="row">
              <a href={`/admin/staff/${member.id}`}>{member.name}</a>
            </th>
            <td>{member.email}</td>
            <td>{roleLabel(ui, member.role)}</td>
            {showVenue && <td>{venueLabel(ui, venue)}</td>}
            <td data-testid="staff-state">{stateLabel(ui, state)}</td>
            <td data-testid="staff-sessions">{sessions}</td>
          </tr>
        )}
      />

      <h2 id="add">{t('staff.add_title')}</h2>
      <p class="hint">{t(showVenue ? 'staff.add_intro' : 'staff.add_intro_manager')}</p>
      <ErrorSummary ui={ui} errors={errors} labels={FORM_LABELS} />
      <form method="post" action="/admin/staff" class="narrow-form" novalidate data-testid="add-staff">
        <CsrfField ui={ui} />
        {text('email', 'email', 254)}
        {text('name', 'text', 100)}
        <Field name="role" label={t('staff.role')} error={errors.role}>
          {(describedBy, invalid) => <RoleSelect ui={ui} roles={roles} value={form.role} describedBy={describedBy} invalid={invalid} />}
        </Field>
        <VenueField ui={ui} venues={venues} value={form.venue} error={errors.venue} />
        <Field name="language" label={t('staff.mail_language')} hint={t('staff.mail_language_hint')}>
          {(describedBy) => (
            <select id="language" name="language" aria-describedby={describedBy}>
              {MAIL_LANGUAGES.map(([value, label]) => (
                <option key={value} value={value} selected={form.language === value}>
                  {t(label)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">{t('staff.add_submit')}</button>
      </form>
    </AdminLayout>
  );
}
