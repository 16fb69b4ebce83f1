import { z } from 'zod';
import { refuseTextProblem } from '../shared/control-characters.js';
import type { Activity } from '../catalog/activity.js';
import { isRandomKey } from './submission-key.js';
import { isPhoneNumber } from '../shared/phone.js';
import { type FieldError, type FieldErrorCode, type FieldRefusal, fieldErrorsOf } from '../shared/field-errors.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../shared/language.js';
import { categoriesOf } from '../catalog/pricing.js';
import { type Party, partyErrors, partySize } from '../catalog/price-categories.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';
import { type Extra, extrasChosen, MAX_EXTRA_UNITS } from '../catalog/extras.js';
import { type BillingDetails, billingErrors, billingSchema } from '../payments/billing.js';
import { MAX_CODE_LENGTH } from '../discounts/discount-code.js';
import { jsonInputObject, nullMeansAbsent } from '../shared/json-input.js';

/** A text field's schema: trimmed, at most `max` characters, passing the shared text check; its messages are field error codes. */
export function text(max: number, { required, multiline = false }: { required: boolean; multiline?: boolean }) {
  const base = z.string({ error: 'required' }).trim().max(max, 'too_long').superRefine(refuseTextProblem(multiline));
  return required ? base.refine((s) => s.length > 0, { message: 'required', abort: true }) : base;
}

/**
 * A count sent as a JSON number: any whole number, so that one beyond the bounds, however large
 * (1e21), is told as too small or too large, naming the bound, rather than as no number; `error`
 * says what anything else is. An integer to JSON Schema, as it is.
 */
function count(min: number, max: number, error: z.core.$ZodErrorMap | string = 'not_a_number') {
  return z
    .number({ error })
    .refine(Number.isInteger, { message: 'not_a_number', abort: true })
    .min(min, 'too_small')
    .max(max, 'too_large')
    .meta({ type: 'integer' });
}

/**
 * What an organiser sends to book, from the form or the API. Every message is a field error code
 * the web layer translates. An optional field sent as null is left out (jsonInputObject), but
 * `termsVersion`, whose null says the venue had published no terms.
 */
export const bookingInputSchema = jsonInputObject({
  slotId: z.string({ error: 'required' }).min(1, 'required').max(64, 'too_long'),
  // Required unless a party is sent (withPartySize): null is left out, as for the optional fields.
  groupSize: nullMeansAbsent(
    count(1, MAX_GROUP_SIZE, (issue) => (issue.input === undefined ? 'required' : 'not_a_number')).describe(
      'The number of persons; may be left out when `party` is sent, whose sum it then is (sent with it, it must equal that sum, else group_size_not_party_sum naming it in params.sum)',
    ),
  ),
  party: z
    .record(z.string().max(32, 'invalid_value'), count(0, MAX_GROUP_SIZE))
    .optional()
    .describe(
      'How many persons of each price category the group has, by the category\'s key (activity.priceCategories), e.g. {"pupil": 24, "teacher": 3}; only for an activity with price categories. Left out there, the whole group counts in the activity\'s first category (each other category at its minimum). A count over its category\'s maxCount, or over 10,000 for a category without one, is refused at party.<key> with count_above_max, one below its minCount (or below 0) with count_below_min, naming the limit; while a count is refused, the group size it adds up to is not also refused for the activity\'s limits',
    ),
  name: text(120, { required: true }),
  email: text(254, { required: true }).refine((s) => s === '' || z.regexes.email.test(s), 'invalid_email'),
  phone: text(32, { required: true }).refine((s) => s === '' || isPhoneNumber(s), 'invalid_phone'),
  organisation: text(160, { required: false }).default(''),
  notes: text(2000, { required: false, multiline: true }).default(''),
  acceptTerms: z
    .literal(true, { error: 'must_accept' })
    .describe(
      "true: the organiser accepts the venue's booking terms current when the booking is placed (activity.venue.termsUrl; the answer names the version), or, for a venue that published none, the conditions of the booking",
    ),
  termsVersion: z
    .number({ error: 'invalid_value' })
    .int('invalid_value')
    .min(1, 'invalid_value')
    .nullable()
    .optional()
    .describe(
      "The version of the venue's booking terms the organiser read (the terms page names it), or null when the venue had published none. When given and no longer current, the booking is refused with terms_changed, so the organiser can read the new version first; when left out, the booking accepts the version current as it is placed.",
    ),
  language: z.enum(LANGUAGES, { error: 'invalid_value' }).default(DEFAULT_LANGUAGE),
  /** Take an option (a hold until a deadline) instead of booking outright, where the activity allows it. */
  option: z
    .boolean({ error: 'invalid_value' })
    .default(false)
    .describe('true: take an option, which holds the places until a deadline, where the activity allows one'),
  submissionKey: z
    .string({ error: 'invalid_value' })
    .refine(isRandomKey, 'key_not_random')
    .optional()
    .describe(
      'A random key the client makes once per booking it means to place: at least 128 bits from a random generator, as 22 to 128 base64url characters (A-Z a-z 0-9 - _; 16 random bytes make 22), or 32 hex digits. Keys no generator makes (a repeated block, fewer than 6 different characters, a run like abcdef) are refused with key_not_random. Sending the same booking again with the same key (a retry after a lost answer) places nothing: the answer is 200 with the reference and status of the booking placed the first time, without a manage link.',
    ),
  payBy: z
    .enum(['online', 'invoice'], { error: 'invalid_value' })
    .optional()
    .describe(
      "How the organiser pays: 'online' by the activity's payment terms (the default), or 'invoice' where the activity allows paying on invoice (activity.payment.invoiceAllowed; else refused with invoice_not_allowed at payBy). With 'invoice', billing is required; otherwise it is optional.",
    ),
  extras: z
    .record(z.string().max(64, 'too_long'), count(0, MAX_EXTRA_UNITS), { error: 'invalid_value' })
    .optional()
    .describe(
      "The activity's extras the group takes, by extra id (activity.extras): 1 (yes) or 0 (no) for an extra per person or per group, the number of units for one per unit. Required extras are taken whatever is sent (a required per-unit extra at least once: required at extras.<id>). An id the activity does not offer is refused with unknown_extra at extras.<id>; a number above the extra's maxPerBooking with too_large, naming it in params.max. An extra with a stock the slot has too few units left of is refused with extra_sold_out.",
    ),
  billing: billingSchema
    .optional()
    .describe(
      "Who the booking's invoices are addressed to, however it pays (an online payment's receipt is an invoice too): optional, but required with payBy 'invoice'. When given, organisation and address are required. With payBy 'invoice', the reference is required where the venue asks for it (required at billing.reference).",
    ),
  discountCode: text(MAX_CODE_LENGTH, { required: false })
    .optional()
    .describe(
      "A discount code of the activity's venue, optional (case-insensitive; empty: none). Its discount is its own line per VAT rate in the price. Refused at discountCode with discount_unknown (no such active code), discount_not_yet_valid, discount_expired (by the date the booking is placed, in Europe/Amsterdam), discount_not_for_activity, discount_group_too_small (naming the minimum as min) or discount_used_up (its uses all taken, also when the last one went to a booking placed at the same moment).",
    ),
  voucherCode: text(MAX_CODE_LENGTH, { required: false })
    .optional()
    .describe(
      "A gift voucher's code of the activity's venue, optional (16 characters; case, spaces and dashes do not matter; empty: none). Its balance pays the booking as far as it goes (at most the price), at once, as a payment of method voucher; the rest is paid as the booking pays otherwise, and a booking whose first payment the voucher covers is confirmed at once. Refused at voucherCode with voucher_unknown, voucher_other_venue, voucher_expired (past its date, Europe/Amsterdam), voucher_empty, voucher_not_now (an option or a request: pay with it from the manage link once confirmed) or voucher_balance_changed (another booking spent it meanwhile).",
    ),
});

export type { BillingDetails };

export type BookingInput = z.output<typeof bookingInputSchema>;

/**
 * Every code bookingInputSchema's messages hold, `invalid_value` for anything else
 * (fieldErrorsOf), and a group size that is not its party's sum: what a refused booking can name.
 * A test parses inputs that give each.
 */
export const BOOKING_INPUT_FIELD_CODES = [
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
  'must_accept',
  'invalid_value',
  'key_not_random',
  'invalid_vat_id',
  'invalid_country',
  'vat_id_other_country',
  'group_size_not_party_sum',
] as const satisfies readonly FieldErrorCode[];

/** The codes of the faults of a party that only its activity shows (partyFaults). */
export const PARTY_FIELD_CODES = [
  'invalid_value',
  'not_a_number',
  'count_below_min',
  'count_above_max',
] as const satisfies readonly FieldErrorCode[];

export type ParsedBookingInput = { ok: true; input: BookingInput } | FieldRefusal;

/** The counts of a party as sent, when they are all whole numbers: what a group size left out is the sum of. */
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sentPartySize(raw: Record<string, unknown>): number | undefined {
  const party = raw.party;
  if (!isRecord(party)) return undefined;
  return Object.values(party).every((c) => Number.isInteger(c)) ? partySize(party as Party) : undefined;
}

/** The request with its group size: as sent, or the sum of the party sent without one (or with null, the same). */
export function withPartySize(raw: Record<string, unknown>): Record<string, unknown> {
  const size = raw.groupSize == null ? sentPartySize(raw) : undefined;
  return size === undefined ? raw : { ...raw, groupSize: size };
}

/**
 * A failed parse's field errors (fieldErrorsOf), a party's count outside what any group may have
 * (the schema's `too_large` or `too_small` at `party.<key>`) as the limit it is outside of, named:
 * `count_above_max` with MAX_GROUP_SIZE or `count_below_min` with 0, as partyErrors names a
 * category's own limits (withPartyFaults puts those in their place). An extra's units over
 * MAX_EXTRA_UNITS are `too_large` without naming it: the extra's own maximum may be lower, and
 * withExtrasFaults, which knows the activity's extras, names it.
 */
export function countErrorsOf(error: z.ZodError): FieldError[] {
  return fieldErrorsOf(error).map((e) => {
    if (e.field.startsWith('party.') && e.code === 'too_large') return { ...e, code: 'count_above_max', params: { max: MAX_GROUP_SIZE } };
    if (e.field.startsWith('party.') && e.code === 'too_small') return { ...e, code: 'count_below_min', params: { min: 0 } };
    if (e.field.startsWith('extras.') && e.code === 'too_large') return { field: e.field, code: e.code };
    return e;
  });
}

/**
 * The field errors with the party's faults for the activity (partyFaults) at the fields without
 * one; a count the schema found over MAX_GROUP_SIZE or below 0 (countErrorsOf) names its
 * category's own limit instead. While a count is at fault, it alone says why: the group size, its
 * sum, is not also refused for the activity's limits (one field, one error).
 */
export function withPartyFaults(activity: Pick<Activity, 'pricing'>, party: unknown, errors: readonly FieldError[]): FieldError[] {
  const all = withFaults(errors, partyFaults(activity, party), (e, f) => f.code === e.code && f.code.startsWith('count_'));
  if (!all.some((e) => e.field.startsWith('party.'))) return all;
  return all.filter((e) => !(e.field === 'groupSize' && (e.code === 'group_too_small' || e.code === 'group_too_large')));
}

/**
 * The errors with the faults found by reading the activity: a fault takes the place of the error
 * at its field where `names` says it names that error better (its own limit), and stands at a field
 * without an error.
 */
function withFaults(
  errors: readonly FieldError[],
  faults: readonly FieldError[],
  names: (error: FieldError, fault: FieldError) => boolean,
): FieldError[] {
  const all = errors.map((e) => faults.find((f) => f.field === e.field && names(e, f)) ?? e);
  return [...all, ...faults.filter((f) => !all.some((e) => e.field === f.field))];
}

export function parseBookingInput(raw: unknown): ParsedBookingInput {
  const sized = typeof raw === 'object' && raw !== null ? withPartySize(raw as Record<string, unknown>) : raw;
  const result = bookingInputSchema.safeParse(sized);
  if (!result.success) {
    // A group size left out for a party is its sum: while a count is at fault, the counts say why.
    const counted =
      typeof raw === 'object' &&
      raw !== null &&
      isRecord((raw as Record<string, unknown>).party) &&
      (raw as Record<string, unknown>).groupSize == null;
    const errors = countErrorsOf(result.error).filter((e) => !(counted && e.field === 'groupSize'));
    // Every fault at once: a group size and a party that read well but disagree, beside the others.
    const groupSize = bookingInputSchema.shape.groupSize.safeParse((sized as Record<string, unknown>).groupSize);
    const party = bookingInputSchema.shape.party.safeParse((sized as Record<string, unknown>).party);
    const sumError = groupSize.success && party.success ? partySumError(groupSize.data, party.data) : undefined;
    return { ok: false, errors: sumError && !errors.some((e) => e.field === 'groupSize') ? [...errors, sumError] : errors };
  }
  const sumError = partySumError(result.data.groupSize, result.data.party);
  return sumError ? { ok: false, errors: [sumError] } : { ok: true, input: result.data };
}

/** A group size sent with a party that is not its sum: the error naming the sum. */
function partySumError(groupSize: number | undefined, party: Party | undefined): FieldError | undefined {
  if (!party || groupSize === undefined || partySize(party) === groupSize) return undefined;
  return { field: 'groupSize', code: 'group_size_not_party_sum', params: { sum: partySize(party) } };
}

const FIELD_ORDER: readonly string[] = Object.keys(bookingInputSchema.shape);
/** A field's place in the form: a billing detail (`billing.reference`) where the billing details are. */
const orderOf = (field: string) => FIELD_ORDER.indexOf(field.split('.')[0] ?? field);

/**
 * A booking request's field errors with those that need its slot: an unknown slot (`activity`
 * undefined), a group outside the activity's limits (`group_too_small`, `group_too_large`, naming
 * the limit, also for a group over the largest any activity takes), the faults of the extras
 * chosen among those the activity offers (`offered`: withExtrasFaults), in the fields' order, so
 * one answer names every fault. The rules that depend on the moment (closed, full, options) are
 * checked when the booking is quoted or placed.
 */
export function withSlotErrors(
  raw: Record<string, unknown>,
  errors: readonly FieldError[],
  activity: Activity | undefined,
  offered: readonly Extra[],
): FieldError[] {
  if (!activity) {
    const all = [...errors];
    if (!all.some((e) => e.field === 'slotId')) all.push({ field: 'slotId', code: 'unknown_slot' });
    return all.sort((a, b) => orderOf(a.field) - orderOf(b.field));
  }
  // A party sent without a group size is a group of its sum, within the activity's limits too.
  const all = withGroupLimitError(activity, withPartySize(raw).groupSize, errors);
  const erred = (field: string) => all.some((e) => e.field === field);
  all.push(...billingErrors(activity, raw.payBy, raw.billing).filter((e) => !erred(e.field)));
  const faulted = withExtrasFaults(offered, raw.extras, withPartyFaults(activity, raw.party, all));
  return faulted.sort((a, b) => orderOf(a.field) - orderOf(b.field));
}

/**
 * The field errors with the faults of the extras chosen (`extras`, as sent; none when left out)
 * among those the activity offers (extrasChosen: `unknown_extra`, `too_large` naming the extra's
 * own maximum, `required`, `invalid_value`) at the fields without one; the schema's `too_large` at
 * `extras.<id>` (over MAX_EXTRA_UNITS, countErrorsOf) gives way to the extra's own fault, which
 * names its limit.
 */
export function withExtrasFaults(offered: readonly Extra[], extras: unknown, errors: readonly FieldError[]): FieldError[] {
  // Left out (or null, the same), none is chosen: a required unit extra is still missing.
  const choice = extras ?? {};
  if (!isRecord(choice)) return [...errors];
  const counts = Object.entries(choice).filter((entry): entry is [string, number] => Number.isInteger(entry[1]));
  const chosen = extrasChosen(offered, Object.fromEntries(counts), 0);
  return withFaults(errors, chosen.ok ? [] : chosen.errors, (e) => e.code === 'too_large');
}

/**
 * The faults of a party sent for the activity (partyErrors), or `invalid_value` at `party` for an
 * activity without price categories; none when no party, or one that is no record of counts, is sent.
 */
export function partyFaults(activity: Pick<Activity, 'pricing'>, party: unknown): FieldError[] {
  if (typeof party !== 'object' || party === null || Array.isArray(party)) return [];
  const categories = categoriesOf(activity.pricing);
  if (categories.length === 0) return [{ field: 'party', code: 'invalid_value' }];
  return partyErrors(categories, party as Party);
}

/** The field error of a group size outside the activity's limits (naming the limit), or undefined. */
export function groupLimitError(activity: Pick<Activity, 'minGroupSize' | 'maxGroupSize'>, groupSize: unknown): FieldError | undefined {
  if (typeof groupSize !== 'number' || !Number.isInteger(groupSize)) return undefined;
  if (groupSize < activity.minGroupSize) return { field: 'groupSize', code: 'group_too_small', params: { min: activity.minGroupSize } };
  if (groupSize > activity.maxGroupSize) return { field: 'groupSize', code: 'group_too_large', params: { max: activity.maxGroupSize } };
  return undefined;
}

/**
 * A group size's field errors with the activity's limits: a group outside them is `group_too_small`
 * or `group_too_large` at `groupSize`, naming the limit, unless the group size has a fault of its
 * own (no number, none). A group over the largest any activity takes (MAX_GROUP_SIZE, the schema's
 * `too_large`) is over this activity's maximum too, and one below 1 (`too_small`) under its minimum:
 * refused as such, naming the limit, as every form and the API that take a group for an activity answer.
 */
export function withGroupLimitError(
  activity: Pick<Activity, 'minGroupSize' | 'maxGroupSize'>,
  groupSize: unknown,
  errors: readonly FieldError[],
): FieldError[] {
  const limit = groupLimitError(activity, groupSize);
  // The schema's own bounds (below 1, over MAX_GROUP_SIZE) are outside the activity's too.
  const beyond = { group_too_large: 'too_large', group_too_small: 'too_small' } as const;
  const all = errors.filter((e) => !(limit && e.field === 'groupSize' && e.code === beyond[limit.code as keyof typeof beyond]));
  if (limit && !all.some((e) => e.field === 'groupSize')) all.push(limit);
  return all;
}
