import type { ComponentChildren } from 'preact';
import { count } from '../../core/i18n/i18n.js';
import type { MessageKey } from '../i18n/i18n.js';
import { ErrorSummary, Field, WHOLE_NUMBER_INPUT } from './components.js';
import { type FieldMessages } from '../field-errors.js';
import type { Ui } from './ui.js';

interface Props {
  ui: Ui;
  action: string;
  values: { date: string; groupSize: string };
  errors: FieldMessages;
  dateLabel: MessageKey;
  submitLabel: MessageKey;
  /** The group sizes the search takes, named in the field's hint. */
  groupRange: { min: number; max: number };
  /** Fields shown before the date (the listing's search), with their labels for the error summary. */
  children?: ComponentChildren;
  labels?: Record<string, MessageKey>;
}

/** The date and group-size filter (a GET form) of the listing and activity pages; the listing adds its search fields. */
export function FilterForm({ ui, action, values, errors, dateLabel, submitLabel, groupRange, children, labels }: Props) {
  const { t } = ui;
  const invalid = (field: string) => (errors[field] ? 'true' : undefined);
  return (
    <form method="get" action={action} class="filters" novalidate>
      <ErrorSummary ui={ui} errors={errors} labels={{ ...labels, date: dateLabel, groupSize: 'filters.group_size' }} />
      {children}
      <Field name="date" label={t(dateLabel)} error={errors.date}>
        {(describedBy) => (
          <input id="date" name="date" type="date" value={values.date} aria-describedby={describedBy} aria-invalid={invalid('date')} />
        )}
      </Field>
      <Field
        name="groupSize"
        label={t('filters.group_size')}
        error={errors.groupSize}
        hint={t('activity.group_range', { min: count(groupRange.min), max: count(groupRange.max) })}
      >
        {(describedBy) => (
          <input
            id="groupSize"
            name="groupSize"
            {...WHOLE_NUMBER_INPUT}
            value={values.groupSize}
            aria-describedby={describedBy}
            aria-invalid={invalid('groupSize')}
          />
        )}
      </Field>
      <button type="submit">{t(submitLabel)}</button>
    </form>
  );
}
