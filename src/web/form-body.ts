import { type NumberWriting, readWholeNumber, wholeNumberFault } from '../core/catalog/admin-fields.js';
import type { FieldError } from '../core/shared/field-errors.js';

/** One field of a urlencoded form body as a string: '' when absent, the first when repeated. */
export function formField(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** The group size and the organiser's fields, named alike on every form that books for a group (public and back office). */
const ORGANISER_FIELDS = ['groupSize', 'name', 'email', 'phone', 'organisation', 'notes'] as const;

/** The group size and the organiser's fields of a form, as typed. */
export function organiserValuesFrom(body: unknown): Record<(typeof ORGANISER_FIELDS)[number], string> {
  const values = Object.fromEntries(ORGANISER_FIELDS.map((name) => [name, formField(body, name)]));
  return values as Record<(typeof ORGANISER_FIELDS)[number], string>;
}

/**
 * A whole number typed in a form, as readWholeNumber reads it written the page's language's way
 * (`plain` for the API), or the text itself so validation can say what is wrong; undefined when blank.
 */
export function formNumber(text: string, writing: NumberWriting): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return readWholeNumber(trimmed, writing) ?? trimmed;
}

/**
 * The errors of a form, each `not_a_number` at a field told why the text typed there (in `body`)
 * is none (wholeNumberFault): "10,000" on a Dutch page is told how to write the number. For the
 * whole numbers formNumber reads, which core checks as numbers and sees no text of.
 */
export function withNumberFaults(errors: readonly FieldError[], body: unknown, writing: NumberWriting): FieldError[] {
  return errors.map((error) =>
    error.code === 'not_a_number' ? { ...error, ...wholeNumberFault(formField(body, error.field), writing) } : error,
  );
}

/**
 * A urlencoded body as the WHATWG URL standard parses one (URLSearchParams): a repeated name gives
 * a list, and bytes that are not UTF-8, raw or percent-escaped, become U+FFFD, which the shared text
 * check refuses in the field that held them (fast-querystring, formbody's default, kept `%FF` as
 * text).
 */
export function parseFormBody(body: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const seen = fields[name];
    // Added to the list in place: a copy per value made 30,000 repeats of one name take 41 s.
    if (Array.isArray(seen)) seen.push(value);
    else fields[name] = seen === undefined ? value : [seen, value];
  }
  return fields;
}
