import type { Activity } from '../../../core/catalog/activity.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { AdminUi } from './admin-ui.js';
import { Field, InputField, WHOLE_NUMBER_INPUT } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { count } from '../../../core/i18n/i18n.js';
import type { PartyValues } from '../../party-form.js';

/** The group size and the organiser's details as staff typed them (a refused form comes back as typed). */
export interface OrganiserFieldValues {
  groupSize: string;
  name: string;
  email: string;
  phone: string;
  organisation: string;
  notes: string;
}

/** A booking's change as staff typed it: the organiser's fields and, for an activity with price categories, the counts of each. */
export type StaffEditValues = OrganiserFieldValues & { party: PartyValues };

export type OrganiserField = keyof OrganiserFieldValues;

export const ORGANISER_FIELD_LABELS: Record<OrganiserField, MessageKey> = {
  groupSize: 'booking.group_size',
  name: 'booking.name',
  email: 'booking.email',
  phone: 'booking.phone',
  organisation: 'booking.organisation',
  notes: 'booking.notes',
};

const TEXT_FIELDS: { name: Exclude<OrganiserField, 'groupSize' | 'notes'>; type: string; required: boolean; maxLength: number }[] = [
  { name: 'name', type: 'text', required: true, maxLength: 120 },
  { name: 'email', type: 'email', required: true, maxLength: 254 },
  { name: 'phone', type: 'tel', required: true, maxLength: 32 },
  { name: 'organisation', type: 'text', required: false, maxLength: 160 },
];

/**
 * The group size and the organiser's fields of a back-office form (a booking for a caller, a
 * change). Each control's id is `prefix` + its name, so two forms can share a page; `errors` are
 * keyed by those ids. Someone else's details: the browser offers no autofill of the staff's own.
 */
export function OrganiserFields(props: {
  ui: AdminUi;
  prefix: string;
  activity: Pick<Activity, 'minGroupSize' | 'maxGroupSize'>;
  values: OrganiserFieldValues;
  errors: FieldMessages;
  /** Whether to ask the group size (false where the group is counted per price category beside these fields). */
  groupSize?: boolean;
}) {
  const { ui, prefix, activity, values, errors, groupSize = true } = props;
  const { t } = ui;
  const id = (name: OrganiserField) => `${prefix}${name}`;
  return (
    <>
      {groupSize && (
        <InputField
          id={id('groupSize')}
          name="groupSize"
          label={t('booking.group_size')}
          hint={t('activity.group_range', { min: count(activity.minGroupSize), max: count(activity.maxGroupSize) })}
          error={errors[id('groupSize')]}
          {...WHOLE_NUMBER_INPUT}
          required
          value={values.groupSize}
        />
      )}
      {TEXT_FIELDS.map((f) => (
        <InputField
          key={f.name}
          id={id(f.name)}
          name={f.name}
          label={t(ORGANISER_FIELD_LABELS[f.name]) + (f.required ? '' : ` ${t('form.optional')}`)}
          error={errors[id(f.name)]}
          type={f.type}
          autocomplete="off"
          required={f.required}
          maxLength={f.maxLength}
          value={values[f.name]}
        />
      ))}
      <Field name={id('notes')} label={`${t('booking.notes')} ${t('form.optional')}`} error={errors[id('notes')]}>
        {(describedBy, invalid) => (
          <textarea
            id={id('notes')}
            name="notes"
            rows={3}
            maxLength={2000}
            aria-describedby={describedBy}
            aria-invalid={invalid ? 'true' : undefined}
          >
            {values.notes}
          </textarea>
        )}
      </Field>
    </>
  );
}

/** ErrorSummary's labels for these fields under `prefix`. */
export function organiserFieldLabels(prefix: string): Record<string, MessageKey> {
  return Object.fromEntries(Object.entries(ORGANISER_FIELD_LABELS).map(([name, key]) => [`${prefix}${name}`, key]));
}
