import type { ComponentChildren, JSX } from 'preact';
import type { PriceBreakdown } from '../../core/catalog/pricing.js';
import { formatMoney, formatRate } from '../../core/i18n/format.js';
import type { FieldMessages } from '../field-errors.js';
import type { MessageKey } from '../i18n/i18n.js';
import { DataTable } from './data-table.js';
import type { Ui } from './ui.js';
import { count, type Param } from '../../core/i18n/i18n.js';

export function ErrorSummary({
  ui,
  errors,
  labels,
  named = {},
}: {
  ui: Ui;
  errors: FieldMessages;
  labels: Record<string, MessageKey>;
  /** Labels that are data, not messages (a price category's name). */
  named?: Record<string, string>;
}) {
  const fields = Object.keys(errors);
  const label = (field: string) => named[field] ?? (labels[field] && ui.t(labels[field]));
  if (fields.length === 0) return null;
  return (
    // autofocus: the page opens at the summary, even where the form sits below a long list, without JavaScript.
    <div class="error-summary" role="alert" tabindex={-1} autofocus data-testid="form-errors">
      <h2>{ui.t('form.errors_heading')}</h2>
      <ul>
        {fields.map((field) => (
          <li key={field}>
            <a href={`#${field}`}>{label(field) ? `${label(field)}: ${errors[field]}` : errors[field]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

/** A labelled field whose hint and error are linked to the control (aria-describedby). */
export function Field({ name, label, error, hint, children }: FieldProps) {
  const ids = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={name}>{label}</label>
      {hint && (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${name}-error`} data-testid={`error-${name}`}>
          {error}
        </p>
      )}
      {children(ids || undefined, Boolean(error))}
    </div>
  );
}

type InputFieldProps = Omit<FieldProps, 'name' | 'children'> &
  Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'label'> & {
    /** The input's id, which the label, hint and error refer to (its `name` may differ). */
    id: string;
  };

/**
 * The attributes of a field for a whole number: text with a numeric keyboard (GOV.UK Design
 * System), as a number input rewrites or drops what the browser cannot read, and shows a value
 * sent back that it cannot read as empty. No min, max or pattern: the hint says the bounds, the
 * server checks them and keeps what was typed.
 */
export const WHOLE_NUMBER_INPUT = { type: 'text', inputmode: 'numeric', autocomplete: 'off' } as const;

/** A Field holding one input; the other attributes go to the input. */
export function InputField({ id, label, error, hint, ...input }: InputFieldProps) {
  return (
    <Field name={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => <input id={id} {...input} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} />}
    </Field>
  );
}

/**
 * The price as a table: a header row, and one header cell per row, each header spanning one
 * column, so that `scope` ties every amount to its headers unambiguously (WCAG technique H43).
 */
export function PriceTable({ ui, price }: { ui: Ui; price: PriceBreakdown }) {
  const { t, lang } = ui;
  return (
    <DataTable
      caption={t('price.caption')}
      showCaption
      class="price"
      testId="price-breakdown"
      columns={[t('price.item'), t('price.quantity'), t('price.unit'), t('price.vat_rate'), t('price.amount')]}
      rows={price.lines}
      row={(line, i) => (
        <tr key={i}>
          <th scope="row">{line.label[lang]}</th>
          <td class="quantity">
            {line.basis === 'person'
              ? t(line.quantity === 1 ? 'price.person' : 'price.persons', { n: count(line.quantity) })
              : line.basis === 'unit'
                ? t(line.quantity === 1 ? 'price.units_one' : 'price.units', { n: count(line.quantity) })
                : t('price.per_group')}
          </td>
          <td>{formatMoney(line.unitCents, lang)}</td>
          <td>{formatRate(line.rateBp, lang)}</td>
          <td>{formatMoney(line.totalCents, lang)}</td>
        </tr>
      )}
      foot={
        <>
          {price.vat.map((v) => (
            <tr key={v.rateBp}>
              <th scope="row">{t('price.vat_included', { rate: formatRate(v.rateBp, lang) })}</th>
              <td colSpan={3} />
              <td>{formatMoney(v.vatCents, lang)}</td>
            </tr>
          ))}
          <tr class="total">
            <th scope="row">{t('price.total')}</th>
            <td colSpan={3} />
            <td data-testid="price-total">{formatMoney(price.totalCents, lang)}</td>
          </tr>
        </>
      }
    />
  );
}

/** A group's size as a quantity: the review page holds it as the form's text, which it has read as digits by then. */
function sizeText(size: number | string): Param {
  const digits = typeof size === 'string' ? size.trim() : String(size);
  return /^\d+$/.test(digits) ? count(Number(digits)) : size;
}

/** Who booked, for how many, and their notes: on the review page and the manage page. */
export function OrganiserDetails({ ui, details }: { ui: Ui; details: OrganiserDetailsValues }) {
  const { t } = ui;
  return (
    <dl class="summary" data-testid="organiser-details">
      <dt>{t('booking.group_size')}</dt>
      <dd>{t('price.persons', { n: sizeText(details.groupSize) })}</dd>
      <dt>{t('booking.name')}</dt>
      <dd>{details.name}</dd>
      <dt>{t('booking.email')}</dt>
      <dd>{details.email}</dd>
      <dt>{t('booking.phone')}</dt>
      <dd>{details.phone}</dd>
      {details.organisation && (
        <>
          <dt>{t('booking.organisation')}</dt>
          <dd>{details.organisation}</dd>
        </>
      )}
      {details.notes && (
        <>
          <dt>{t('booking.notes')}</dt>
          <dd class="notes">{details.notes}</dd>
        </>
      )}
    </dl>
  );
}

export interface OrganiserDetailsValues {
  groupSize: string | number;
  name: string;
  email: string;
  phone: string;
  organisation: string;
  notes: string;
}
