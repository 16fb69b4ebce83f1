import { formatCount } from '../../../core/i18n/format.js';
import type { ActivitySummary } from '../../../core/catalog/activity-admin.repository.js';
import type { Venue } from '../../../core/catalog/activity.js';
import type { ResourceForm } from '../../../core/resources/resource-admin.service.js';
import type { Resource } from '../../../core/resources/resource.js';
import { RESOURCE_KINDS } from '../../../core/resources/resource.js';
import { can } from '../../../core/staff/staff.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';
import { hoursSummary, KIND_LABELS } from './resource-labels.js';

export const RESOURCE_LABELS: Record<string, MessageKey> = {
  venueId: 'resources_admin.venue',
  name: 'resources_admin.name',
  kind: 'resources_admin.kind',
  capacity: 'resources_admin.capacity',
};

/** A resource's name, kind and capacity (and, for a new one of an admin, its venue): the form that makes or changes it. */
export function ResourceFields({
  ui,
  values,
  errors,
  venues,
}: {
  ui: AdminUi;
  values: ResourceForm;
  errors: FieldMessages;
  /** The venues to choose from, for a new resource of a member with more than one; none when editing. */
  venues?: readonly Venue[];
}) {
  const { t } = ui;
  return (
    <>
      {venues && venues.length > 1 && (
        <Field name="venueId" label={t('resources_admin.venue')} error={errors.venueId}>
          {(describedBy, invalid) => (
            <select id="venueId" name="venueId" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
              <option value="">{t('resources_admin.choose_venue')}</option>
              {venues.map((venue) => (
                <option key={venue.id} value={venue.id} selected={venue.id === values.venueId}>
                  {venue.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <InputField
        id="name"
        name="name"
        label={t('resources_admin.name')}
        error={errors.name}
        type="text"
        maxLength={80}
        required
        value={values.name}
      />
      <Field name="kind" label={t('resources_admin.kind')} hint={t('resources_admin.kind_hint')} error={errors.kind}>
        {(describedBy, invalid) => (
          <select id="kind" name="kind" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
            {RESOURCE_KINDS.map((kind) => (
              <option key={kind} value={kind} selected={values.kind === kind}>
                {t(KIND_LABELS[kind])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField
        id="capacity"
        name="capacity"
        label={t('resources_admin.capacity')}
        hint={t('resources_admin.capacity_hint')}
        error={errors.capacity}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        required
        value={values.capacity}
      />
    </>
  );
}

interface Props {
  ui: AdminUi;
  resources: { resource: Resource; activities: ActivitySummary[] }[];
  venues: Venue[];
  values: ResourceForm;
  errors: FieldMessages;
  saved: boolean;
}

/** The venue's resources (every venue's for an admin), with the form that adds one for members who change the catalogue. */
export function ResourceListPage({ ui, resources, venues, values, errors, saved }: Props) {
  const { t, lang } = ui;
  const venueNames = venues.length > 1 ? new Map(venues.map((v) => [v.id, v.name])) : undefined;
  const editor = can(ui.staff, 'catalog.write');
  return (
    <AdminLayout ui={ui} title={t('resources_admin.title')}>
      <h1>{t('resources_admin.title')}</h1>
      <p class="hint">{t('resources_admin.intro')}</p>
      {saved && (
        <p class="notice success" role="status" data-testid="saved">
          {t('resources_admin.saved')}
        </p>
      )}
      <DataTable
        caption={t('resources_admin.list')}
        testId="resource-list"
        columns={[
          t('resources_admin.name'),
          venueNames && t('resources_admin.venue'),
          t('resources_admin.kind'),
          t('resources_admin.capacity'),
          t('resources_admin.hours'),
          t('resources_admin.activities'),
          { hidden: t('resources_admin.planning') },
        ]}
        rows={resources}
        empty={<p data-testid="resources-none">{t('resources_admin.none')}</p>}
        row={({ resource, activities }) => (
          <tr key={resource.id} data-resource={resource.id}>
            <th scope="row">{editor ? <a href={`/admin/resources/${resource.id}`}>{resource.name}</a> : resource.name}</th>
            {venueNames && <td data-testid="resource-venue">{venueNames.get(resource.venueId)}</td>}
            <td>{t(KIND_LABELS[resource.kind])}</td>
            <td>{formatCount(resource.capacity, lang)}</td>
            <td data-testid="resource-hours">{hoursSummary(ui, resource)}</td>
            <td data-testid="resource-activities">
              {activities.length === 0 ? t('resources_admin.no_activities') : activities.map((a) => a.title[lang]).join(', ')}
            </td>
            <td>
              <a href={`/admin/resources/${resource.id}/planning`}>{t('resources_admin.planning')}</a>
            </td>
          </tr>
        )}
      />
      {editor && (
        <>
          <h2>{t('resources_admin.new')}</h2>
          <form method="post" action="/admin/resources" novalidate class="narrow-form" data-testid="resource-form">
            <ErrorSummary ui={ui} errors={errors} labels={RESOURCE_LABELS} />
            <CsrfField ui={ui} />
            <ResourceFields ui={ui} values={values} errors={errors} venues={venues} />
            <button type="submit">{t('resources_admin.add')}</button>
          </form>
        </>
      )}
    </AdminLayout>
  );
}
