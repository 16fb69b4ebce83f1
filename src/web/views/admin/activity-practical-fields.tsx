import type { ActivityForm } from '../../../core/catalog/activity-admin.service.js';
import { ACTIVITY_STATUSES, WHEELCHAIR_ACCESS } from '../../../core/catalog/activity.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { AdminUi } from './admin-ui.js';
import { Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { STATUS_LABELS, WHEELCHAIR_LABELS } from '../practical-labels.js';

/** The labels of the status and practical information fields, for the form's error summary. */
export const PRACTICAL_LABELS: Record<string, MessageKey> = {
  status: 'activity_status.label',
  minAge: 'practical_form.min_age',
  maxAge: 'practical_form.max_age',
  bringNl: 'practical_form.bring_nl',
  bringEn: 'practical_form.bring_en',
  wheelchair: 'practical_form.wheelchair',
  accessibilityNl: 'practical_form.accessibility_nl',
  accessibilityEn: 'practical_form.accessibility_en',
};

type Select = 'status' | 'wheelchair';
type Textarea = 'bringNl' | 'bringEn' | 'accessibilityNl' | 'accessibilityEn';

interface Props {
  ui: AdminUi;
  values: ActivityForm;
  errors: FieldMessages;
}

/** The activity form's choice of who sees the activity (published, unpublished, archived). */
export function ActivityStatusField({ ui, values, errors }: Props) {
  return select(ui, values, errors, 'status', ACTIVITY_STATUSES, (status) => STATUS_LABELS[status], ui.t('activity_status.hint'));
}

/** The activity form's practical information: ages, what to bring, accessibility. */
export function PracticalFields({ ui, values, errors }: Props) {
  const { t } = ui;
  const age = (name: 'minAge' | 'maxAge', hint: MessageKey) => (
    <InputField
      id={name}
      label={t(PRACTICAL_LABELS[name]!)}
      error={errors[name]}
      hint={t(hint)}
      name={name}
      type="text"
      inputmode="numeric"
      autocomplete="off"
      value={values[name]}
    />
  );
  const textarea = (name: Textarea, hint: MessageKey) => (
    <Field name={name} label={t(PRACTICAL_LABELS[name]!)} error={errors[name]} hint={t(hint)}>
      {(describedBy, invalid) => (
        <textarea id={name} name={name} rows={3} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {values[name]}
        </textarea>
      )}
    </Field>
  );
  return (
    <>
      <h2>{t('practical_form.title')}</h2>
      {age('minAge', 'practical_form.min_age_hint')}
      {age('maxAge', 'practical_form.max_age_hint')}
      {textarea('bringNl', 'practical_form.bring_hint')}
      {textarea('bringEn', 'practical_form.bring_hint')}
      {select(ui, values, errors, 'wheelchair', WHEELCHAIR_ACCESS, (access) => WHEELCHAIR_LABELS[access])}
      {textarea('accessibilityNl', 'practical_form.accessibility_hint')}
      {textarea('accessibilityEn', 'practical_form.accessibility_hint')}
    </>
  );
}

function select<V extends string>(
  ui: AdminUi,
  values: ActivityForm,
  errors: FieldMessages,
  name: Select,
  choices: readonly V[],
  label: (choice: V) => MessageKey,
  hint?: string,
) {
  return (
    <Field name={name} label={ui.t(PRACTICAL_LABELS[name]!)} error={errors[name]} hint={hint}>
      {(describedBy, invalid) => (
        <select id={name} name={name} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {choices.map((choice) => (
            <option key={choice} value={choice} selected={values[name] === choice}>
              {ui.t(label(choice))}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
