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
  // A whole number written with the other language's separator once ("10,000" on a Dutch page: 10 or 10000?), naming the number it would group.
  'ambiguous_grouping',
  // An amount written with the other language's separator once ("1,250" on a Dutch page: 1,25 or 1250?), naming the amount it would group.
  'ambiguous_amount',
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
  // A price category's count outside its limits (`party.<key>`), naming the limit.
  'count_below_min',
  'count_above_max',
  // A group size sent with a party that is not the party's sum, naming the sum.
  'group_size_not_party_sum',
  // A booking whose price would come above the most one booking may cost (MAX_BOOKING_CENTS), naming it.
  'total_too_large',
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
  // Photo uploads.
  'not_an_image',
  'file_too_large',
  'image_too_large',
  'image_too_long',
  'schedule_overlaps',
  // The back office's venue profile.
  'invalid_url',
  'invalid_postcode',
  'address_incomplete',
  'translation_missing',
  // The back office's filters and confirmations.
  'to_before_from',
  'no_such_page',
  'unknown_venue',
  'cancel_unconfirmed',
  'decline_unconfirmed',
  // Requests of data subjects: staff's erasure of a person's data, unconfirmed.
  'erase_unconfirmed',
  // The back office's payment settings (activity payment terms and cancellation policy, a venue's Mollie key).
  'tiers_out_of_order',
  'tiers_percent_rising',
  'mollie_key_shape',
  'mollie_key_refused',
  'mollie_unreachable',
  'mollie_live_needs_https',
  'mollie_test_on_live',
  // Payments: billing details of a booking paid on invoice, bank payments staff record.
  'invalid_vat_id',
  'invalid_country',
  'vat_id_other_country',
  'invoice_not_allowed',
  'above_outstanding',
  'in_future',
  // A venue's billing details (invoices).
  'invalid_kvk_number',
  'invalid_nl_vat_id',
  'vat_id_check_failed',
  'invalid_iban',
  'invalid_bic',
  'invalid_invoice_prefix',
  'invoice_prefix_taken',
  // A booking's extras: an id the activity does not offer.
  'unknown_extra',
  // An extra's basis changed while bookings hold it.
  'extra_basis_held',
  // Discount codes: an organiser's code refused (core/discounts/discount-code.ts), a code staff make.
  'discount_unknown',
  'discount_not_yet_valid',
  'discount_expired',
  'discount_not_for_activity',
  'discount_group_too_small',
  'discount_used_up',
  'invalid_discount_code',
  'discount_code_taken',
  'below_uses',
  // Gift vouchers: a code typed to pay refused (core/vouchers/voucher.ts), a voucher staff make.
  'voucher_unknown',
  'voucher_expired',
  'voucher_empty',
  'voucher_other_venue',
  'voucher_not_now',
  'voucher_balance_changed',
  'validity_too_short',
  // A gift voucher bought online or issued by staff: an amount outside what a voucher may hold (in whole euros).
  'voucher_amount_range',
  'validity_too_long',
  // Resources: a change that would leave booked times without room on the resource (`{n}` of them).
  'resource_conflict',
  // The same, for booked times the resource would be closed at (its hours, a closure).
  'resource_closed_conflict',
  // A programme's part that would end after the programme (`{max}` minutes long).
  'part_outside_programme',
  // A resource's opening hours that close before (or when) they open.
  'closes_before_opens',
  // A programme's price taken from its parts: no part is an activity, one prices by category, too many lines.
  'no_part_activity',
  'part_priced_by_category',
  'too_many_price_lines',
  // A booking's part moved to a time before its slot starts.
  'before_slot_start',
  // A moved part is done by the whole group together: more persons than a resource ticked holds.
  'group_exceeds_resource',
  // A programme's subgroups: fewer than two parts to take turns at, parts that differ in length or overlap.
  'rotation_needs_two_parts',
  'rotation_durations_differ',
  'rotation_parts_overlap',
  // A venue's retention period longer than the platform allows (`{max}`, in the field's unit).
  'above_platform_limit',
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
  /**
   * What the message names, such as the limit a group is outside of: `{ min: 6 }`, each a quantity
   * in the field's unit; an amount of money as its cents, `{ max: { cents: 9_999_999 } }`.
   */
  params?: Record<string, number | FieldMoney>;
}

/** An amount of money a field error names, in cents: the message writes it in euros (the i18n's Money). */
export interface FieldMoney {
  readonly cents: number;
}

/**
 * A request refused for fields only a service can check, one that reads what they depend on (the
 * activity's billing rules, its price categories): the web layer answers each as a field error.
 */
export class FieldsRefused extends Error {
  override readonly name: string = 'FieldsRefused';
  constructor(readonly errors: FieldError[]) {
    super('fields_refused');
  }
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
 * (a checkbox, a date in a list) counts as its field. A number's `too_large` or `too_small` names
 * its bound (see boundOf).
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.filter((key) => typeof key === 'string').join('.') || 'body';
    if (errors.some((e) => e.field === field)) continue;
    const code = isFieldErrorCode(issue.message) ? issue.message : 'invalid_value';
    const params = boundOf(issue);
    errors.push(params ? { field, code, params } : { field, code });
  }
  return errors;
}

/**
 * The bound a number's `too_large` or `too_small` is outside of, as the message names it: the
 * inclusive `maximum` of a number's `.max()` as `{ max }`, the `minimum` of its `.min()` as
 * `{ min }`, in the number's own unit (a schema whose number is not what was typed, like cents of
 * euros typed, must not bound it so: see `decimal`). A custom issue passes its `params` on.
 */
function boundOf(issue: z.core.$ZodIssue): FieldError['params'] {
  const numeric = (origin: string) => origin === 'number' || origin === 'int';
  if (issue.code === 'too_big' && issue.message === 'too_large' && numeric(issue.origin) && issue.inclusive !== false)
    return { max: Number(issue.maximum) };
  if (issue.code === 'too_small' && issue.message === 'too_small' && numeric(issue.origin) && issue.inclusive !== false)
    return { min: Number(issue.minimum) };
  if (issue.code === 'custom' && issue.params) return issue.params as FieldError['params'];
  return undefined;
}

/**
 * A domain refusal that concerns one field of the form that caused it (`email_taken` at `email`,
 * as `fieldOf` says), as that field's error; undefined for a refusal `fieldOf` does not name.
 */
export function fieldErrorOfRefusal(error: DomainError, fieldOf: Partial<Record<DomainErrorCode, string>>): FieldError | undefined {
  const field = fieldOf[error.code];
  return field === undefined ? undefined : { field, code: error.code };
}

/** The fields an object schema's shape reads, each with its own schema. */
type FieldSchemas = Record<string, z.ZodType>;

/** What parseEachField found: the fields that passed, with their parsed values, and the errors of the others. */
export interface EachFieldParsed<Shape extends FieldSchemas> {
  values: { [K in keyof Shape]?: z.output<Shape[K]> };
  errors: FieldError[];
}

/**
 * Parses each field of a form on its own (with the schemas of an object schema's `shape`), so
 * that the checks across fields (a minimum above a maximum, a date in the past) can run on the
 * fields that passed while others are refused: a refused form names every fault in one answer.
 */
export function parseEachField<Shape extends FieldSchemas>(shape: Shape, form: Record<string, unknown>): EachFieldParsed<Shape> {
  const values: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const result = schema.safeParse(form[name]);
    if (result.success) values[name] = result.data;
    else errors.push(...fieldErrorsOf(result.error).map((e) => ({ ...e, field: e.field === 'body' ? name : `${name}.${e.field}` })));
  }
  return { values: values as EachFieldParsed<Shape>['values'], errors };
}

/** The errors, without a second one for a field already refused (a field shows its first reason). */
export function firstPerField(errors: readonly FieldError[]): FieldError[] {
  return errors.filter((error, i) => errors.findIndex((e) => e.field === error.field) === i);
}

/** The errors in the order of the form's fields (`names`; a field's first segment counts), as its error summary lists them. */
export function inFieldOrder(errors: readonly FieldError[], names: readonly string[]): FieldError[] {
  const rank = (e: FieldError) => {
    const index = names.indexOf(e.field.split('.')[0]!);
    return index < 0 ? names.length : index;
  };
  return [...errors].sort((a, b) => rank(a) - rank(b));
}
