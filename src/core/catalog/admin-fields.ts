import { z } from 'zod';
import { FIELD_ERROR_CODES } from '../shared/field-errors.js';
import { isLocalDate } from '../shared/time.js';
import { refuseTextProblem } from '../shared/control-characters.js';

/**
 * Why a field of a back-office catalogue form (activity, slot, schedule) was refused: the shared
 * field codes plus the catalogue's own. The web layer translates each code.
 */
export const ADMIN_FIELD_CODES = [
  ...FIELD_ERROR_CODES,
  'invalid_slug',
  'slug_taken',
  'invalid_amount',
  'invalid_hours',
  'invalid_time',
  'time_nonexistent',
  'min_above_max',
  'bands_not_covering',
  'price_required',
  'slot_exists',
  'in_past',
  'weekday_required',
  'until_before_from',
  'period_too_long',
  'outside_period',
] as const;

export type AdminFieldCode = (typeof ADMIN_FIELD_CODES)[number];

export interface AdminFieldError {
  /** The form field's name, e.g. `slug` or `lines.0.amount`. */
  field: string;
  code: AdminFieldCode;
}

/** A form's outcome: the parsed value, or every refused field (the first reason per field). */
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: AdminFieldError[] };

export function refused(field: string, code: AdminFieldCode): { ok: false; errors: AdminFieldError[] } {
  return { ok: false, errors: [{ field, code }] };
}

/**
 * The issues of a failed parse as field errors: one per field, codes outside the list become
 * `invalid_value`. An item of a list (a checkbox, a date in a list) counts as its field.
 */
export function fieldErrorsOf(error: z.ZodError): AdminFieldError[] {
  const errors: AdminFieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.filter((key) => typeof key === 'string').join('.');
    if (errors.some((e) => e.field === field)) continue;
    const known = (ADMIN_FIELD_CODES as readonly string[]).includes(issue.message);
    errors.push({ field, code: known ? (issue.message as AdminFieldCode) : 'invalid_value' });
  }
  return errors;
}

/** Required text of at most `max` characters, passing the shared text check; line breaks only when `multiline`. */
export function requiredText(max: number, { multiline = false } = {}) {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine((s) => s.length <= max, { message: 'too_long', abort: true })
    .superRefine(refuseTextProblem(multiline));
}

/** A whole number typed in a form, between min and max. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine((s) => /^-?\d{1,16}$/.test(s), { message: 'not_a_number', abort: true })
    .transform(Number)
    .pipe(z.number().min(min, 'too_small').max(max, 'too_large'));
}

/**
 * A decimal typed the Dutch or the English way ("12,50" or "12.50"), as hundredths: 1250.
 * No thousands separators; at most two decimals.
 */
function hundredths(text: string): number | undefined {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** A decimal amount or number of hours, as hundredths, at most `max` hundredths. */
export function decimal(code: 'invalid_amount' | 'invalid_hours', max: number) {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .transform((s, ctx) => {
      const value = hundredths(s);
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: code });
        return z.NEVER;
      }
      return value;
    })
    .pipe(z.number().max(max, 'too_large'));
}

/** A calendar date (YYYY-MM-DD), as the browser's date input sends it. */
export function localDate() {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine(isLocalDate, 'invalid_date');
}

/** A wall-clock time (HH:MM, 00:00 to 23:59), as the browser's time input sends it. */
export function wallClockTime() {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), 'invalid_time');
}
