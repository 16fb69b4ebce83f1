import { ACTIVITY_CATEGORIES } from '../../core/catalog/activity.js';
import type { MessageKey } from '../i18n/i18n.js';
import { CATEGORY_LABELS } from './category-labels.js';
import { Field } from './components.js';
import type { Ui } from './ui.js';

/**
 * The category `<select>` (field `category`): the search's filter and the activity form's choice.
 * `empty` names the first, empty option ("any category", "choose a category").
 */
export function CategoryField({
  ui,
  label,
  empty,
  value,
  error,
}: {
  ui: Ui;
  label: MessageKey;
  empty: MessageKey;
  value: string;
  error?: string | undefined;
}) {
  const { t } = ui;
  return (
    <Field name="category" label={t(label)} error={error}>
      {(describedBy) => (
        <select id="category" name="category" aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined}>
          <option value="">{t(empty)}</option>
          {ACTIVITY_CATEGORIES.map((category) => (
            <option key={category} value={category} selected={value === category}>
              {t(CATEGORY_LABELS[category])}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
