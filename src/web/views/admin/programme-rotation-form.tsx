import type { ProgrammePart } from '../../../core/resources/programme.js';
import type { RotationForm } from '../../../core/resources/rotation-admin.service.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, InputField } from '../components.js';
import { CsrfField } from './admin-layout.js';
import { sinceStart } from './programme-part-form.js';
import type { AdminUi } from './admin-ui.js';

export const ROTATION_LABELS: Record<string, MessageKey> = {
  subgroupSize: 'programmes_admin.subgroup_size',
  rotating: 'programmes_admin.rotating',
};

/** The errors of the subgroups form. */
export function rotationErrors(errors: FieldMessages): FieldMessages {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field in ROTATION_LABELS));
}

interface Props {
  ui: AdminUi;
  action: string;
  parts: readonly ProgrammePart[];
  values: RotationForm;
  errors: FieldMessages;
}

/** A programme's subgroups: the subgroup size (empty: never split) and a box per part saying whether subgroups take turns at it. */
export function RotationFormFields({ ui, action, parts, values, errors }: Props) {
  const { t, lang } = ui;
  return (
    <form method="post" action={action} novalidate class="narrow-form" data-testid="rotation-form">
      <ErrorSummary ui={ui} errors={errors} labels={ROTATION_LABELS} />
      <CsrfField ui={ui} />
      <InputField
        id="subgroupSize"
        name="subgroupSize"
        label={t('programmes_admin.subgroup_size')}
        hint={t('programmes_admin.subgroup_size_hint')}
        error={errors.subgroupSize}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        size={5}
        value={values.subgroupSize}
      />
      <fieldset id="rotating" tabindex={-1} aria-describedby={errors.rotating ? 'rotating-error' : 'rotating-hint'}>
        <legend>{t('programmes_admin.rotating')}</legend>
        <p class="hint" id="rotating-hint">
          {t('programmes_admin.rotating_hint')}
        </p>
        {errors.rotating && (
          <p class="error" id="rotating-error" data-testid="error-rotating">
            {errors.rotating}
          </p>
        )}
        {parts.map((part) => (
          <p key={part.id}>
            <input id={`rotates-${part.id}`} name="rotating" type="checkbox" value={part.id} checked={values.rotating.includes(part.id)} />{' '}
            <label for={`rotates-${part.id}`}>
              {t('programmes_admin.takes_turns', {
                title: part.title[lang],
                time: `${sinceStart(part.offsetMinutes)}–${sinceStart(part.offsetMinutes + part.durationMinutes)}`,
              })}
            </label>
          </p>
        ))}
      </fieldset>
      <button type="submit">{t('programmes_admin.save_subgroups')}</button>
    </form>
  );
}
