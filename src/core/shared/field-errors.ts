import type { z } from 'zod';
import type { DomainError, DomainErrorCode } from './errors.js';

/**
 * Why one field of a form, query or API request was refused: one list for every form of the
 * platform and for the API. The web layer translates `field.<code>`.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'not_a_number',
  'too_small',
  'too_large',
  'invalid_email',
  'invalid_phone',
  'invalid_characters',
  'invalid_encoding',
  'invisible_only',
  'invalid_date',
  'range_too_long',
  'must_accept',
  'invalid_value',
  'unknown_slot',
  'key_not_random',
  'group_too_small',
  'group_too_large',
  // The back office's catalogue forms (activities, slots, weekly schedules).
  'invalid_slug',
  'slug_taken',
  'invalid_amount',
  'invalid_hours',
  'invalid_time',
  'time_nonexistent',
  'min_above_max',
  'age_max_below_min',
  'bands_not_covering',
  'price_required',
  'slot_exists',
  'in_past',
  'weekday_required',
  'until_before_from',
  'period_too_long',
  'outside_period',
  // The back office's filters and confirmations.
  'to_before_from',
  'no_such_page',
  'unknown_venue',
  'cancel_unconfirmed',
  'decline_unconfirmed',
] as const;

export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export function isFieldErrorCode(code: string): code is FieldErrorCode {
  return (FIELD_ERROR_CODES as readonly string[]).includes(code);
}

export interface FieldError {
  /** The form field or JSON property, e.g. `email` or `lines.0.amount`; `body` for the request as a whole. */
  field: string;
  /**
   * Why: a field error code, or the code of a domain refusal that concerns this field (an address
   * already taken, at the email field; see fieldErrorOfRefusal).
   */
  code: FieldErrorCode | DomainErrorCode;
  /** What the message names, such as the limit a group is outside of: `{ min: 6 }`. */
  params?: Record<string, number>;
}

/** A form or request refused: every refused field, with the first reason for each. */
export interface FieldRefusal {
  ok: false;
  errors: FieldError[];
}

/** A form's or request's outcome: the parsed value, or its refused fields. */
export type FormResult<T> = { ok: true; value: T } | FieldRefusal;

export function refused(field: string, code: FieldErrorCode): FieldRefusal {
  return { ok: false, errors: [{ field, code }] };
}

/**
 * The issues of a failed parse, from a schema whose messages are field error codes: one error per
 * field (its first issue); a message that is no code becomes `invalid_value`. An item of a list
 * (a checkbox, a date in a list) counts as its field.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.filter((key) => typeof key === 'string').join('.') || 'body';
    if (errors.some((e) => e.field === field)) continue;
    errors.push({ field, code: isFieldErrorCode(issue.message) ? issue.message : 'invalid_value' });
  }
  return errors;
}

/**
 * A domain refusal that concerns one field of the form that caused it (`email_taken` at `email`,
 * as `fieldOf` says), as that field's error; undefined for a refusal `fieldOf` does not name.
 */
export function fieldErrorOfRefusal(error: DomainError, fieldOf: Partial<Record<DomainErrorCode, string>>): FieldError | undefined {
  const field = fieldOf[error.code];
  return field === undefined ? undefined : { field, code: error.code };
}
