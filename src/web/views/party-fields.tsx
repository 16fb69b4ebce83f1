import type { CategoryLine } from '../../core/catalog/price-categories.js';
import { count, money } from '../../core/i18n/i18n.js';
import type { FieldMessages } from '../field-errors.js';
import type { PartyValues } from '../party-form.js';
import { Field, WHOLE_NUMBER_INPUT } from './components.js';
import type { Ui } from './ui.js';

/** What a category's field (and the activity page) says of its price, limits and free allowance. */
export function categoryHint(ui: Ui, category: CategoryLine, categories: readonly CategoryLine[]): string {
  const { t, lang } = ui;
  const { minCount: min, maxCount: max, free } = category;
  const parts = [t('party.each', { amount: money(category.amountCents) })];
  if (min !== undefined && min > 0 && max !== undefined) parts.push(t('party.count_range', { min: count(min), max: count(max) }));
  else if (min !== undefined && min > 0) parts.push(t('party.count_min', { min: count(min) }));
  else if (max !== undefined) parts.push(t('party.count_max', { max: count(max) }));
  const of = free && categories.find((c) => c.key === free.of);
  if (free && of) parts.push(t('party.free', { per: count(free.per), of: of.label[lang] }));
  return parts.join(' ');
}

/**
 * The group counted by price category: a number field per category (`party.<key>`), with its
 * price, limits and free allowance; the group size is their sum. Works without JavaScript.
 */
export function PartyFields({
  ui,
  categories,
  values,
  errors,
  range,
}: {
  ui: Ui;
  categories: readonly CategoryLine[];
  values: PartyValues;
  errors: FieldMessages;
  /** The activity's group limits, which the sum must keep to. */
  range: { min: number; max: number };
}) {
  const { t, lang } = ui;
  return (
    // The group's own error (its sum outside the activity's limits) links here: the fieldset takes the focus.
    <fieldset id="groupSize" tabindex={-1} data-testid="party-fields" class={errors.groupSize ? 'field-error' : undefined}>
      <legend>{t('party.legend')}</legend>
      <p class="hint" id="groupSize-hint">
        {t('party.hint', { min: count(range.min), max: count(range.max) })}
      </p>
      {errors.groupSize && (
        <p class="error" id="groupSize-error" data-testid="error-groupSize">
          {errors.groupSize}
        </p>
      )}
      {categories.map((category) => {
        const name = `party.${category.key}`;
        return (
          <Field
            key={category.key}
            name={name}
            label={category.label[lang]}
            error={errors[name]}
            hint={categoryHint(ui, category, categories)}
          >
            {(describedBy) => (
              <input
                id={name}
                name={name}
                {...WHOLE_NUMBER_INPUT}
                value={values[category.key] ?? ''}
                aria-describedby={describedBy}
                aria-invalid={errors[name] ? 'true' : undefined}
              />
            )}
          </Field>
        );
      })}
    </fieldset>
  );
}

/** The error summary's labels of the party's fields: each category's name. */
export function partyLabels(ui: Ui, categories: readonly CategoryLine[]): Record<string, string> {
  return Object.fromEntries(categories.map((c) => [`party.${c.key}`, c.label[ui.lang]]));
}
