import { type Extra, maxUnitsOf } from '../../core/catalog/extras.js';
import { formatMoney } from '../../core/i18n/format.js';
import type { FieldMessages } from '../field-errors.js';
import { formNumber } from '../form-body.js';
import { Field, WHOLE_NUMBER_INPUT } from './components.js';
import type { Ui } from './ui.js';
import { count } from '../../core/i18n/i18n.js';
import type { Language } from '../../core/shared/language.js';

/** The extras as typed, by extra id: a checkbox's "1", a number of units as typed. */
export type ExtrasFormValues = Record<string, string>;

const PRICE_KEYS = { person: 'extras.per_person', group: 'extras.per_group', unit: 'extras.per_unit' } as const;

/** The extras' fields (`extras.<id>`) of a form body, as typed. */
export function extrasValuesFrom(body: unknown): ExtrasFormValues {
  if (typeof body !== 'object' || body === null) return {};
  const values: ExtrasFormValues = {};
  for (const [name, value] of Object.entries(body)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (name.startsWith('extras.') && typeof first === 'string') values[name.slice('extras.'.length)] = first;
  }
  return values;
}

/** The error summary's labels of the extras' fields (`extras.<id>`): each extra's name. */
export function extrasLabels(ui: Ui, extras: readonly Extra[]): Record<string, string> {
  return Object.fromEntries(extras.map((extra) => [`extras.${extra.id}`, extra.label[ui.lang]]));
}

/** An extra's price, what is left of it and, for units, the most one booking takes, as a hint. */
function extraHint(ui: Ui, extra: Extra, left: number | undefined): string {
  const price = ui.t(PRICE_KEYS[extra.basis], { amount: formatMoney(extra.amountCents, ui.lang) });
  const parts = [
    price,
    extra.required && extra.basis !== 'unit' ? ui.t('extras.included') : '',
    left === undefined ? '' : ui.t('extras.left', { n: count(left) }),
    extra.basis === 'unit' ? ui.t('extras.at_most', { max: count(maxUnitsOf(extra)) }) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

interface Props {
  ui: Ui;
  extras: readonly Extra[];
  /** What is left in the slot of each extra with a stock. */
  left: ReadonlyMap<string, number>;
  values: ExtrasFormValues;
  errors: FieldMessages;
}

/**
 * The booking form's extras: a required per-person or per-group extra is stated, an optional one
 * is a checkbox, a per-unit extra a number of units; each with its price and, where it is scarce,
 * what is left in the slot. Works without JavaScript; the values come back as typed.
 */
export function ExtrasFields({ ui, extras, left, values, errors }: Props) {
  if (extras.length === 0) return null;
  const { t, lang } = ui;
  return (
    <fieldset data-testid="extras">
      <legend>{t('extras.legend')}</legend>
      {extras.map((extra) => {
        const name = `extras.${extra.id}`;
        const hint = extraHint(ui, extra, left.get(extra.id));
        if (extra.basis === 'unit') {
          return (
            <Field key={extra.id} name={name} label={`${extra.label[lang]}: ${t('extras.units')}`} error={errors[name]} hint={hint}>
              {(describedBy) => (
                <input
                  id={name}
                  name={name}
                  {...WHOLE_NUMBER_INPUT}
                  value={values[extra.id] ?? (extra.required ? '1' : '0')}
                  aria-describedby={describedBy}
                  aria-invalid={errors[name] ? 'true' : undefined}
                />
              )}
            </Field>
          );
        }
        if (extra.required) {
          return (
            <p key={extra.id} class="field" data-testid={`extra-${extra.id}`}>
              {extra.label[lang]} ({hint})
            </p>
          );
        }
        return (
          <div key={extra.id} class={errors[name] ? 'field checkbox field-error' : 'field checkbox'}>
            {errors[name] && (
              <p class="error" id={`${name}-error`} data-testid={`error-${name}`}>
                {errors[name]}
              </p>
            )}
            <input
              id={name}
              name={name}
              type="checkbox"
              value="1"
              checked={values[extra.id] === '1'}
              aria-describedby={`${name}-hint${errors[name] ? ` ${name}-error` : ''}`}
              aria-invalid={errors[name] ? 'true' : undefined}
            />
            <label for={name}>{extra.label[lang]}</label>
            <p class="hint" id={`${name}-hint`}>
              {hint}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

/** The extras as the booking input takes them: numbers by extra id, written the page's `lang` way (anything else as typed, for its field error). */
export function extrasInputOf(values: ExtrasFormValues, lang: Language): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([id, typed]) => [id, formNumber(typed, lang) ?? 0]));
}
