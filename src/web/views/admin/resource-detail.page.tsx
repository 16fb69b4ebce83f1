import { wholeNumberText } from '../../../core/catalog/admin-fields.js';
import type { Language } from '../../../core/shared/language.js';
import { count } from '../../../core/i18n/i18n.js';
import type { ClosureForm, HoursForm, LinkForm, ResourceForm } from '../../../core/resources/resource-admin.service.js';
import type { ResourceSettings } from '../../../core/resources/resource-overview.service.js';
import type { Resource } from '../../../core/resources/resource.js';
import { formatDateTime } from '../../../core/i18n/format.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';
import { WEEKDAYS, weekdayName } from './resource-labels.js';
import { RESOURCE_LABELS, ResourceFields } from './resources.page.js';

/** What each form of the page last sent (or the resource as stored), to show back. */
export interface ResourceForms {
  details: ResourceForm;
  hours: HoursForm;
  closure: ClosureForm;
  link: LinkForm;
}

export const EMPTY_CLOSURE: ClosureForm = { fromDate: '', fromTime: '', untilDate: '', untilTime: '', reason: '' };

/** The forms' values as the resource is stored: its details and hours (numbers written the page's `lang` way); empty closure and link forms. */
export function resourceFormsOf(resource: Resource, lang: Language): ResourceForms {
  const hours: HoursForm = {};
  for (const day of resource.hours) {
    hours[`open${day.weekday}`] = 'yes';
    hours[`opens${day.weekday}`] = day.opens;
    hours[`closes${day.weekday}`] = day.closes;
  }
  return {
    details: { venueId: resource.venueId, name: resource.name, kind: resource.kind, capacity: wholeNumberText(resource.capacity, lang) },
    hours,
    closure: EMPTY_CLOSURE,
    link: { activityId: '', buffer: '0' },
  };
}

const HOURS_LABELS: Record<string, MessageKey> = {
  hours: 'resources_admin.hours',
  ...Object.fromEntries(
    WEEKDAYS.flatMap((d) => [[`opens${d}`, 'resources_admin.opens'] as const, [`closes${d}`, 'resources_admin.closes'] as const]),
  ),
};

const CLOSURE_LABELS: Record<string, MessageKey> = {
  fromDate: 'resources_admin.from_date',
  fromTime: 'resources_admin.from_time',
  untilDate: 'resources_admin.until_date',
  untilTime: 'resources_admin.until_time',
  reason: 'resources_admin.reason',
};

const LINK_LABELS: Record<string, MessageKey> = { activityId: 'resources_admin.activity', buffer: 'resources_admin.buffer' };

/** The errors of one form of the page: those at its fields. */
function errorsOf(errors: FieldMessages, labels: Record<string, MessageKey>): FieldMessages {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field in labels));
}

function HoursForm({ ui, resource, values, errors }: { ui: AdminUi; resource: Resource; values: HoursForm; errors: FieldMessages }) {
  const { t } = ui;
  const timeInput = (name: string, label: string) => (
    <>
      <label for={name} class="visually-hidden">
        {label}
      </label>
      {errors[name] && (
        <p class="error" id={`${name}-error`} data-testid={`error-${name}`}>
          {errors[name]}
        </p>
      )}
      <input
        id={name}
        name={name}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        size={5}
        maxLength={5}
        placeholder="09:00"
        value={values[name] ?? ''}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        aria-invalid={errors[name] ? 'true' : undefined}
      />
    </>
  );
  return (
    <form method="post" action={`/admin/resources/${resource.id}/hours`} novalidate data-testid="hours-form">
      <ErrorSummary ui={ui} errors={errors} labels={HOURS_LABELS} />
      <CsrfField ui={ui} />
      <p class="hint" id="hours">
        {t('resources_admin.hours_intro')}
      </p>
      {errors.hours && (
        <p class="error" data-testid="error-hours">
          {errors.hours}
        </p>
      )}
      <DataTable
        caption={t('resources_admin.hours')}
        testId="hours"
        columns={[t('resources_admin.day'), t('resources_admin.opens'), t('resources_admin.closes')]}
        rows={WEEKDAYS}
        row={(day) => {
          const name = weekdayName(ui, day);
          return (
            <tr key={day}>
              <th scope="row">
                <input id={`open${day}`} name={`open${day}`} type="checkbox" value="yes" checked={values[`open${day}`] === 'yes'} />{' '}
                <label for={`open${day}`}>{t('resources_admin.open_on', { day: name })}</label>
              </th>
              <td>{timeInput(`opens${day}`, `${t('resources_admin.opens')} (${name})`)}</td>
              <td>{timeInput(`closes${day}`, `${t('resources_admin.closes')} (${name})`)}</td>
            </tr>
          );
        }}
      />
      <button type="submit">{t('resources_admin.save_hours')}</button>
    </form>
  );
}

interface Props {
  ui: AdminUi;
  settings: ResourceSettings;
  values: ResourceForms;
  errors: FieldMessages;
  saved: boolean;
}

/** A resource's settings: its details, weekly hours, closures and the activities that use it, each in a form of its own. */
export function ResourceDetailPage({ ui, settings, values, errors, saved }: Props) {
  const { t, lang } = ui;
  const { resource, links, linkable } = settings;
  const base = `/admin/resources/${resource.id}`;
  const closureErrors = errorsOf(errors, CLOSURE_LABELS);
  const linkErrors = errorsOf(errors, LINK_LABELS);
  const input = (name: keyof ClosureForm, type: 'date' | 'text') => (
    <InputField
      id={name}
      name={name}
      label={t(CLOSURE_LABELS[name]!)}
      error={closureErrors[name]}
      type={type}
      {...(type === 'text' && name !== 'reason'
        ? { inputmode: 'numeric' as const, autocomplete: 'off', placeholder: '09:00', maxLength: 5 }
        : {})}
      {...(name === 'reason' ? { maxLength: 200 } : {})}
      value={values.closure[name]}
    />
  );
  return (
    <AdminLayout ui={ui} title={resource.name}>
      <p class="breadcrumb">
        <a href="/admin/resources">{t('resources_admin.back')}</a>
        {' · '}
        <a href={`${base}/planning`}>{t('resources_admin.planning')}</a>
      </p>
      <h1>{resource.name}</h1>
      {saved && (
        <p class="notice success" role="status" data-testid="saved">
          {t('resources_admin.saved')}
        </p>
      )}

      <h2>{t('resources_admin.details')}</h2>
      <form method="post" action={base} novalidate class="narrow-form" data-testid="details-form">
        <ErrorSummary ui={ui} errors={errorsOf(errors, RESOURCE_LABELS)} labels={RESOURCE_LABELS} />
        <CsrfField ui={ui} />
        <ResourceFields ui={ui} values={values.details} errors={errors} />
        <button type="submit">{t('resources_admin.save')}</button>
      </form>

      <h2>{t('resources_admin.hours')}</h2>
      <HoursForm ui={ui} resource={resource} values={values.hours} errors={errorsOf(errors, HOURS_LABELS)} />

      <h2>{t('resources_admin.closures')}</h2>
      <p class="hint">{t('resources_admin.closures_intro')}</p>
      <DataTable
        caption={t('resources_admin.closures')}
        testId="closures"
        columns={[
          t('resources_admin.from'),
          t('resources_admin.until'),
          t('resources_admin.reason'),
          { hidden: t('resources_admin.remove') },
        ]}
        rows={resource.closures}
        empty={<p data-testid="closures-none">{t('resources_admin.no_closures')}</p>}
        row={(closure) => (
          <tr key={closure.id} data-closure={closure.id}>
            <td>{formatDateTime(closure.startsAt, lang)}</td>
            <td>{formatDateTime(closure.endsAt, lang)}</td>
            <td>{closure.reason}</td>
            <td>
              <form method="post" action={`${base}/closures/${closure.id}/delete`} class="inline-form">
                <CsrfField ui={ui} />
                <button
                  type="submit"
                  class="button-danger"
                  aria-label={t('resources_admin.remove_closure', { from: formatDateTime(closure.startsAt, lang) })}
                >
                  {t('resources_admin.remove')}
                </button>
              </form>
            </td>
          </tr>
        )}
      />
      <form method="post" action={`${base}/closures`} novalidate class="narrow-form" data-testid="closure-form">
        <ErrorSummary ui={ui} errors={closureErrors} labels={CLOSURE_LABELS} />
        <CsrfField ui={ui} />
        {input('fromDate', 'date')}
        {input('fromTime', 'text')}
        {input('untilDate', 'date')}
        {input('untilTime', 'text')}
        {input('reason', 'text')}
        <button type="submit">{t('resources_admin.add_closure')}</button>
      </form>

      <h2>{t('resources_admin.links')}</h2>
      <p class="hint">{t('resources_admin.links_intro')}</p>
      <DataTable
        caption={t('resources_admin.links')}
        testId="links"
        columns={[t('resources_admin.activity'), t('resources_admin.buffer'), { hidden: t('resources_admin.unlink') }]}
        rows={links}
        empty={<p data-testid="links-none">{t('resources_admin.no_links')}</p>}
        row={(link) => (
          <tr key={`${link.activityId}-${link.part?.id ?? ''}`} data-activity={link.activityId}>
            <th scope="row">
              <a href={`/admin/activities/${link.activityId}`}>{link.activity.title[lang]}</a>
            </th>
            <td>{t('resources_admin.minutes', { n: count(link.bufferMinutes) })}</td>
            <td>
              {link.part ? (
                <a href={`/admin/activities/${link.activityId}/programme`}>{t('resources_admin.in_programme_part')}</a>
              ) : (
                <form method="post" action={`${base}/links/${link.activityId}/delete`} class="inline-form">
                  <CsrfField ui={ui} />
                  <button
                    type="submit"
                    class="button-secondary"
                    aria-label={t('resources_admin.unlink_activity', { activity: link.activity.title[lang] })}
                  >
                    {t('resources_admin.unlink')}
                  </button>
                </form>
              )}
            </td>
          </tr>
        )}
      />
      {linkable.length === 0 ? (
        <p class="hint" data-testid="no-linkable">
          {t('resources_admin.no_linkable')}
        </p>
      ) : (
        <form method="post" action={`${base}/links`} novalidate class="narrow-form" data-testid="link-form">
          <ErrorSummary ui={ui} errors={linkErrors} labels={LINK_LABELS} />
          <CsrfField ui={ui} />
          <Field name="activityId" label={t('resources_admin.activity')} error={linkErrors.activityId}>
            {(describedBy, invalid) => (
              <select id="activityId" name="activityId" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                <option value="">{t('resources_admin.choose_activity')}</option>
                {linkable.map((activity) => (
                  <option key={activity.id} value={activity.id} selected={activity.id === values.link.activityId}>
                    {activity.title[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <InputField
            id="buffer"
            name="buffer"
            label={t('resources_admin.buffer')}
            hint={t('resources_admin.buffer_hint')}
            error={linkErrors.buffer}
            type="text"
            inputmode="numeric"
            autocomplete="off"
            value={values.link.buffer}
          />
          <button type="submit">{t('resources_admin.link')}</button>
        </form>
      )}
    </AdminLayout>
  );
}
