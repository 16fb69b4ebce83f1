import type { Translate } from './i18n/i18n.js';
import { type Params, count } from '../core/i18n/i18n.js';
import { type FieldError, isFieldErrorCode } from '../core/shared/field-errors.js';

/** Field errors as a form shows them: field name to translated message. */
export type FieldMessages = Record<string, string>;

/**
 * A field error's message: `field.<code>`, or for a domain refusal at a field (`email_taken`) the
 * refusal's own `error.<code>`. A code both lists hold reads as the field's, written for a field.
 * A number over or under a bound it names reads as the bound ("At most 10."); one that names none,
 * as too large or too small. What a field error names is a quantity or an amount of money, never
 * a year or an id: it is written the language's way ("Hoogstens 10.000." / "At most 10,000.").
 */
export function fieldMessage(t: Translate, error: FieldError): string {
  const { code } = error;
  const params = messageParams(error.params);
  if (code === 'too_large' && params?.max !== undefined) return t('field.at_most', params);
  if (code === 'too_small' && params?.min !== undefined) return t('field.at_least', params);
  // "Schrijf 10000 of 10.000.": the number as digits only, and grouped the page's way.
  if (code === 'ambiguous_grouping' && typeof error.params?.value === 'number')
    return t('field.ambiguous_grouping', { digits: error.params.value, grouped: count(error.params.value) });
  // A number out of the field's bounds is not suggested: "Vul een heel getal van 1 tot en met 100 in."
  if (code === 'ambiguous_grouping' && params?.min !== undefined && params.max !== undefined)
    return t('field.ambiguous_grouping_within', params);
  return isFieldErrorCode(code) ? t(`field.${code}`, params) : t(`error.${code}`, params);
}

/** A field error's params as its message's: each number a quantity, money as money. */
function messageParams(params: FieldError['params']): Params | undefined {
  if (!params) return undefined;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? count(value) : value]));
}

/** A field error's params as the API answers them: plain numbers, an amount of money in cents. */
function rawParams(params: NonNullable<FieldError['params']>): Record<string, number> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'number' ? value : value.cents]));
}

/** Refused fields as a form shows them, each at the input it was sent back with: field name to message. */
export function fieldMessages(t: Translate, errors: readonly FieldError[]): FieldMessages {
  return Object.fromEntries(errors.map((error) => [error.field, fieldMessage(t, error)]));
}

/**
 * Refused fields as the API answers them (`validationErrorOf` in api.schemas.ts describes it):
 * `validation_failed`, and each field with its code, message and the bound the message names.
 */
export function fieldErrorsJson<E extends FieldError>(t: Translate, errors: readonly E[]) {
  return {
    code: 'validation_failed' as const,
    message: t('api.validation_failed'),
    errors: errors.map((error) => ({
      field: error.field,
      code: error.code as E['code'],
      message: fieldMessage(t, error),
      ...(error.params && { params: rawParams(error.params) }),
    })),
  };
}
