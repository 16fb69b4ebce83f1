import type { ActivitySummary } from '../../../core/catalog/activity-admin.repository.js';
import type { PartForm } from '../../../core/resources/programme-admin.service.js';
import type { Resource } from '../../../core/resources/resource.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';

/** Minutes from the programme's start as a clock reads a duration: 90 → "1:30". */
export function sinceStart(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

export const PART_LABELS: Record<string, MessageKey> = {
  titleNl: 'programmes_admin.title_nl',
  titleEn: 'programmes_admin.title_en',
  offset: 'programmes_admin.offset',
  duration: 'programmes_admin.length',
  partActivityId: 'programmes_admin.activity',
  resources: 'programmes_admin.resources',
};

/** The errors of the part form: those at its fields and at a resource's buffer. */
export function partErrors(errors: FieldMessages): FieldMessages {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field in PART_LABELS || field.startsWith('buffers.')));
}

interface Props {
  ui: AdminUi;
  action: string;
  submit: string;
  values: PartForm;
  errors: FieldMessages;
  choices: readonly ActivitySummary[];
  resources: readonly Resource[];
}

/** A part's form: titles, its time within the programme, the stand-alone activity it is, and the resources it uses with their buffers. */
export function PartFormFields({ ui, action, submit, values, errors, choices, resources }: Props) {
  const { t, lang } = ui;
  const text = (name: 'titleNl' | 'titleEn' | 'offset' | 'duration', numeric = false) => (
    <InputField
      id={name}
      name={name}
      label={t(PART_LABELS[name]!)}
      hint={name === 'offset' ? t('programmes_admin.offset_hint') : undefined}
      error={errors[name]}
      type="text"
      inputmode={numeric ? 'numeric' : undefined}
      autocomplete={numeric ? 'off' : undefined}
      maxLength={numeric ? undefined : 80}
      value={values[name]}
    />
  );
  const named = Object.fromEntries(resources.map((r) => [`buffers.${r.id}`, t('programmes_admin.buffer_of', { name: r.name })]));
  return (
    <form method="post" action={action} novalidate class="narrow-form" data-testid="part-form">
      <ErrorSummary ui={ui} errors={errors} labels={PART_LABELS} named={named} />
      <CsrfField ui={ui} />
      {text('titleNl')}
      {text('titleEn')}
      {text('offset', true)}
      {text('duration', true)}
      <Field
        name="partActivityId"
        label={t('programmes_admin.activity')}
        hint={t('programmes_admin.part_activity_hint')}
        error={errors.partActivityId}
      >
        {(describedBy, invalid) => (
          <select id="partActivityId" name="partActivityId" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
            <option value="">{t('programmes_admin.no_activity')}</option>
            {choices.map((activity) => (
              <option key={activity.id} value={activity.id} selected={activity.id === values.partActivityId}>
                {activity.title[lang]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset id="resources" tabindex={-1} aria-describedby={errors.resources ? 'resources-error' : 'resources-hint'}>
        <legend>{t('programmes_admin.resources')}</legend>
        <p class="hint" id="resources-hint">
          {t('programmes_admin.resources_hint')}
        </p>
        {errors.resources && (
          <p class="error" id="resources-error" data-testid="error-resources">
            {errors.resources}
          </p>
        )}
        <DataTable
          caption={t('programmes_admin.resources')}
          testId="part-resources"
          columns={[t('programmes_admin.resources'), t('programmes_admin.buffer')]}
          rows={resources}
          empty={<p data-testid="no-venue-resources">{t('programmes_admin.no_venue_resources')}</p>}
          row={(resource) => {
            const buffer = `buffers.${resource.id}`;
            return (
              <tr key={resource.id}>
                <th scope="row">
                  <input
                    id={`resource-${resource.id}`}
                    name="resources"
                    type="checkbox"
                    value={resource.id}
                    checked={values.resources.includes(resource.id)}
                  />{' '}
                  <label for={`resource-${resource.id}`}>{t('programmes_admin.uses', { name: resource.name })}</label>
                </th>
                <td>
                  <label for={buffer} class="visually-hidden">
                    {named[buffer]}
                  </label>
                  {errors[buffer] && (
                    <p class="error" id={`${buffer}-error`} data-testid={`error-${buffer}`}>
                      {errors[buffer]}
                    </p>
                  )}
                  <input
                    id={buffer}
                    name={buffer}
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    size={5}
                    value={values.buffers[resource.id] ?? '0'}
                    aria-describedby={errors[buffer] ? `${buffer}-error` : undefined}
                    aria-invalid={errors[buffer] ? 'true' : undefined}
                  />
                </td>
              </tr>
            );
          }}
        />
      </fieldset>
      <button type="submit">{submit}</button>
    </form>
  );
}
