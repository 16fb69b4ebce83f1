import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import {
  type FieldError,
  fieldErrorsOf,
  firstPerField,
  type FormResult,
  inFieldOrder,
  parseEachField,
  refused,
} from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { type ScopedMember, venueScopeOf } from '../shared/venue-scope.js';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_STATUSES,
  type Activity,
  type ActivityRules,
  DEFAULT_PAYMENT_TERMS,
  PARTICIPANT_FIELDS,
  type PracticalInfo,
  RULE_LIMITS,
  type Venue,
  WHEELCHAIR_ACCESS,
} from './activity.js';
import {
  type ActivitySummary,
  findActivityIdBySlug,
  findVenueInScope,
  listActivitySummaries,
  listVenuesInScope,
  updateActivityRow,
} from './activity-admin.repository.js';
import { decimal, MAX_AGE, type NumberWriting, optionalText, optionalWholeNumber, requiredText, wholeNumber } from './admin-fields.js';
import { findActivityInScope, insertActivity } from './catalog.repository.js';
import { assertPricingCovers, type Pricing, pricingSchema } from './pricing.js';
import { type FixedLine, mergePricing, parseFixedLines, type PriceLineForm } from './price-lines-form.js';
import { parsePaymentTerms, parseRefundTiers, type PaymentTermsForm } from './payment-form.js';
import type { PaymentTerms } from './payment-terms.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';

/**
 * The staff member who acts, as far as the catalogue needs: who they are (for the log) and what
 * they reach. Not core/staff's StaffMember: core/staff builds on the catalogue (venues), not the
 * other way round.
 */
type Member = ActivityActor & ScopedMember;

/** The activity form as typed, so a refused form comes back exactly as it was sent. */
export interface ActivityForm extends PaymentTermsForm {
  venueId: string;
  slug: string;
  titleNl: string;
  titleEn: string;
  descriptionNl: string;
  descriptionEn: string;
  location: string;
  /** One of ACTIVITY_CATEGORIES. */
  category: string;
  durationMinutes: string;
  minGroupSize: string;
  maxGroupSize: string;
  cutoffHours: string;
  /** Always PRICE_LINE_FIELDS lines; blank lines are ignored. */
  lines: PriceLineForm[];
  /** The lifecycle rules (see ActivityRules): `instant` or `request`. */
  bookingMode: string;
  optionsAllowed: boolean;
  optionHours: string;
  optionMinDaysBefore: string;
  optionMaxPerEmail: string;
  cancelUntilHours: string;
  /** The participant fields ticked. */
  participantFields: string[];
  /** One of ACTIVITY_STATUSES: whether visitors see and book it. */
  status: string;
  /** The practical information (see PracticalInfo); blank texts and maximum age are "none". */
  minAge: string;
  maxAge: string;
  bringNl: string;
  bringEn: string;
  /** One of WHEELCHAIR_ACCESS. */
  wheelchair: string;
  accessibilityNl: string;
  accessibilityEn: string;
}

const activityFields = (lang: NumberWriting) =>
  z.object({
    slug: z
      .string()
      .trim()
      .refine((s) => s.length > 0, { message: 'required', abort: true })
      .refine((s) => s.length <= 80 && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s), 'invalid_slug'),
    titleNl: requiredText(200),
    titleEn: requiredText(200),
    descriptionNl: requiredText(4000, { multiline: true }),
    descriptionEn: requiredText(4000, { multiline: true }),
    location: requiredText(300),
    category: z.enum(ACTIVITY_CATEGORIES, { error: (issue) => (issue.input === '' ? 'required' : 'invalid_value') }),
    durationMinutes: wholeNumber(5, 24 * 60, lang),
    minGroupSize: wholeNumber(1, MAX_GROUP_SIZE, lang),
    maxGroupSize: wholeNumber(1, MAX_GROUP_SIZE, lang),
    cutoffHours: decimal('invalid_hours', 365 * 24 * 100, lang),
    bookingMode: z.enum(['instant', 'request'], { error: 'invalid_value' }),
    optionHours: wholeNumber(RULE_LIMITS.optionHours.min, RULE_LIMITS.optionHours.max, lang),
    optionMinDaysBefore: wholeNumber(RULE_LIMITS.optionMinDaysBefore.min, RULE_LIMITS.optionMinDaysBefore.max, lang),
    optionMaxPerEmail: wholeNumber(RULE_LIMITS.optionMaxPerEmail.min, RULE_LIMITS.optionMaxPerEmail.max, lang),
    cancelUntilHours: wholeNumber(RULE_LIMITS.cancelUntilHours.min, RULE_LIMITS.cancelUntilHours.max, lang),
    participantFields: z.array(z.enum(PARTICIPANT_FIELDS, { error: 'invalid_value' })),
    status: z.enum(ACTIVITY_STATUSES, { error: 'invalid_value' }),
  });

const practicalFields = (lang: NumberWriting) =>
  z.object({
    minAge: wholeNumber(0, MAX_AGE, lang),
    maxAge: optionalWholeNumber(0, MAX_AGE, lang),
    bringNl: optionalText(2000),
    bringEn: optionalText(2000),
    wheelchair: z.enum(WHEELCHAIR_ACCESS, { error: 'invalid_value' }),
    accessibilityNl: optionalText(2000),
    accessibilityEn: optionalText(2000),
  });

/** The texts given in both languages or in neither: `[nl, en]` field names. */
const TRANSLATED_PAIRS = [
  ['bringNl', 'bringEn'],
  ['accessibilityNl', 'accessibilityEn'],
] as const;

/** The practical information; every fault at once, a text in one language only is required in the other. */
function parsePractical(form: ActivityForm, lang: NumberWriting): FormResult<PracticalInfo> {
  const fields = practicalFields(lang);
  const result = fields.safeParse(form);
  const errors = result.success ? [] : fieldErrorsOf(result.error);
  for (const pair of TRANSLATED_PAIRS) {
    const [nl, en] = pair.map((field) => form[field].trim() !== '');
    const missing = nl && !en ? pair[1] : en && !nl ? pair[0] : undefined;
    if (missing && !errors.some((e) => e.field === missing)) errors.push({ field: missing, code: 'required' });
  }
  // Checked from the two ages alone, so it is reported with the other fields' faults.
  const youngest = fields.shape.minAge.safeParse(form.minAge);
  const oldest = fields.shape.maxAge.safeParse(form.maxAge);
  if (youngest.success && oldest.success && oldest.data !== null && oldest.data < youngest.data) {
    errors.push({ field: 'maxAge', code: 'age_max_below_min' });
  }
  if (!result.success || errors.length > 0) return { ok: false, errors };
  const { minAge, maxAge, bringNl, bringEn, wheelchair, accessibilityNl, accessibilityEn } = result.data;
  return {
    ok: true,
    value: {
      minAge,
      maxAge,
      whatToBring: bringNl && bringEn ? { nl: bringNl, en: bringEn } : null,
      wheelchair,
      accessibility: accessibilityNl && accessibilityEn ? { nl: accessibilityNl, en: accessibilityEn } : null,
    },
  };
}

type ActivityFields = Omit<Activity, 'id' | 'venue'>;
type ActivityFieldValues = z.output<ReturnType<typeof activityFields>>;

/** The errors of the rules across fields, for the fields that passed: group limits, pricing that covers them. */
function crossFieldErrors(values: Partial<ActivityFieldValues>, lines: FormResult<FixedLine[]>, current: Pricing) {
  const errors: FieldError[] = [];
  const { minGroupSize: min, maxGroupSize: max } = values;
  if (min !== undefined && max !== undefined && min > max) errors.push({ field: 'maxGroupSize', code: 'min_above_max' });
  if (!lines.ok) return { errors };
  const merged = mergePricing(current, lines.value);
  if (merged.length === 0) return { errors: [...errors, { field: 'lines.0.labelNl', code: 'price_required' as const }] };
  // The existing schema has the last word (at most 10 lines, kept bands included).
  const pricing = pricingSchema.safeParse(merged);
  if (!pricing.success) return { errors: [...errors, { field: 'lines.0.labelNl', code: 'invalid_value' as const }] };
  if (min !== undefined && max !== undefined && min <= max) {
    try {
      assertPricingCovers(pricing.data, min, max);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'invalid_catalogue')) throw error;
      errors.push({ field: 'maxGroupSize', code: 'bands_not_covering' });
    }
  }
  return { errors, pricing: pricing.data };
}

/**
 * Checks the whole form, every field and every rule across fields in one go, so a refused form
 * names all its faults at once; `current` holds the pricing whose bands are kept and the payment
 * terms whose unused numbers are kept when left blank.
 */
function parseActivityForm(
  form: ActivityForm,
  current: { pricing: Pricing; payment: PaymentTerms },
  lang: NumberWriting,
): FormResult<ActivityFields> {
  const base = parseEachField(activityFields(lang).shape, { ...form });
  const lines = parseFixedLines(form.lines, current.pricing, lang);
  const practical = parsePractical(form, lang);
  const payment = parsePaymentTerms(form, current.payment, lang);
  const refundPolicy = parseRefundTiers(form.refundTiers, lang);
  const across = crossFieldErrors(base.values, lines, current.pricing);
  const errors = inFieldOrder(
    firstPerField([
      ...base.errors,
      ...(lines.ok ? [] : lines.errors),
      ...across.errors,
      ...(practical.ok ? [] : practical.errors),
      ...(payment.ok ? [] : payment.errors),
      ...(refundPolicy.ok ? [] : refundPolicy.errors),
    ]),
    Object.keys(form),
  );
  if (errors.length > 0 || !across.pricing || !practical.ok || !payment.ok || !refundPolicy.ok) return { ok: false, errors };
  const { cutoffHours, titleNl, titleEn, descriptionNl, descriptionEn, ...rest } = base.values as ActivityFieldValues;
  const { bookingMode, optionHours, optionMinDaysBefore, optionMaxPerEmail, cancelUntilHours, participantFields, ...fields } = rest;
  const rules: ActivityRules = {
    bookingMode,
    options: { allowed: form.optionsAllowed, hours: optionHours, minDaysBefore: optionMinDaysBefore, maxPerEmail: optionMaxPerEmail },
    cancelUntilHours,
    participantFields: PARTICIPANT_FIELDS.filter((field) => participantFields.includes(field)),
  };
  return {
    ok: true,
    value: {
      ...fields,
      title: { nl: titleNl, en: titleEn },
      description: { nl: descriptionNl, en: descriptionEn },
      bookingCutoffMinutes: Math.round((cutoffHours * 60) / 100),
      pricing: across.pricing,
      rules,
      practical: practical.value,
      payment: payment.value,
      refundPolicy: refundPolicy.value,
    },
  };
}

/** The rules as named values: `rules.bookingMode`, `rules.options.hours`, ... */
function ruleValues(rules: ActivityRules): [string, unknown][] {
  const { options, ...rest } = rules;
  return [
    ...Object.entries(rest).map(([key, value]): [string, unknown] => [`rules.${key}`, value]),
    ...Object.entries(options).map(([key, value]): [string, unknown] => [`rules.options.${key}`, value]),
  ];
}

/** The practical information as named values: `practical.minAge`, ... */
function practicalValues(practical: PracticalInfo): [string, unknown][] {
  return Object.entries(practical).map(([key, value]): [string, unknown] => [`practical.${key}`, value]);
}

/** The payment terms as named values: `payment.mode`, `payment.depositPercent`, ... */
function paymentValues(payment: PaymentTerms): [string, unknown][] {
  return Object.entries(payment).map(([key, value]): [string, unknown] => [`payment.${key}`, value]);
}

/** The names of the fields that differ, for the activity log. */
function changedFields(before: Activity, after: Activity): string {
  const keys: (keyof ActivityFields)[] = [
    'status',
    'slug',
    'title',
    'description',
    'location',
    'category',
    'durationMinutes',
    'minGroupSize',
    'maxGroupSize',
    'bookingCutoffMinutes',
    'pricing',
    'refundPolicy',
  ];
  const named = (activity: Activity) => [
    ...ruleValues(activity.rules),
    ...practicalValues(activity.practical),
    ...paymentValues(activity.payment),
  ];
  const namedBefore = new Map(named(before).map(([name, value]) => [name, JSON.stringify(value)]));
  return [
    ...keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])),
    ...named(after)
      .filter(([name, value]) => namedBefore.get(name) !== JSON.stringify(value))
      .map(([name]) => name),
  ].join(',');
}

/** The activities a member may see, with their upcoming slot counts; archived ones only when asked for. */
export async function listActivitiesFor(
  db: Db,
  clock: Clock,
  member: Member,
  { archived = false }: { archived?: boolean } = {},
): Promise<ActivitySummary[]> {
  return listActivitySummaries(db, venueScopeOf(member), clock.now(), { archived });
}

/** The venues in a member's scope, by name: all for an admin, else their own. */
export async function venuesFor(db: Db, member: Member): Promise<Venue[]> {
  return listVenuesInScope(db, venueScopeOf(member));
}

/** An activity of the member's venues, or not_found: another venue's id finds nothing. */
export async function activityFor(db: Db, member: Member, id: string): Promise<Activity> {
  const activity = await findActivityInScope(db, venueScopeOf(member), id);
  if (!activity) throw new DomainError('not_found');
  return activity;
}

/**
 * The venue a new activity goes to: the one chosen in the form (admins), else the member's own.
 * A venue outside the member's scope is not found, so a manager cannot add to another venue.
 */
async function venueForNew(db: Db, member: Member, venueId: string): Promise<FormResult<Venue>> {
  const id = venueId.trim() || member.venueId;
  if (!id) return refused('venueId', 'required');
  const venue = await findVenueInScope(db, venueScopeOf(member), id);
  if (!venue) throw new DomainError('not_found');
  return { ok: true, value: venue };
}

/** Adds an activity to one of the member's venues; numbers are read as written in `lang`, the page's language. */
export async function createActivityFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  form: ActivityForm,
  lang: NumberWriting,
): Promise<FormResult<Activity>> {
  // Every fault at once: the venue, the fields, and a slug already taken.
  const venue = await venueForNew(db, member, form.venueId);
  const parsed = parseActivityForm(form, { pricing: [], payment: DEFAULT_PAYMENT_TERMS }, lang);
  const slug = form.slug.trim();
  const taken = slug !== '' && (await findActivityIdBySlug(db, slug)) ? [{ field: 'slug', code: 'slug_taken' as const }] : [];
  if (!venue.ok || !parsed.ok) {
    const errors = firstPerField([...(venue.ok ? [] : venue.errors), ...(parsed.ok ? [] : parsed.errors), ...taken]);
    return { ok: false, errors: inFieldOrder(errors, Object.keys(form)) };
  }
  if (taken.length > 0) return { ok: false, errors: taken };
  const activity: Activity = { id: newId(), venue: venue.value, ...parsed.value };
  return db.transaction().execute(async (trx): Promise<FormResult<Activity>> => {
    // Checked again inside the transaction: a concurrent form may have taken the slug since.
    if (await findActivityIdBySlug(trx, activity.slug)) return refused('slug', 'slug_taken');
    await insertActivity(trx, activity, clock.now().toISOString());
    await recordActivity(trx, clock, { actor: member, venueId: venue.value.id, action: 'activity.created', target: activity.slug });
    return { ok: true, value: activity };
  });
}

/**
 * Changes an activity of the member's venues. A smaller maximum group size leaves existing bookings
 * as they are; band pricing is kept as it is. Numbers are read as written in `lang`, the page's language.
 */
export async function updateActivityFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  id: string,
  form: ActivityForm,
  lang: NumberWriting,
): Promise<FormResult<Activity>> {
  const current = await activityFor(db, member, id);
  const parsed = parseActivityForm(form, current, lang);
  if (!parsed.ok) {
    // A slug of another activity is named with the other faults.
    const owner = form.slug.trim() === '' ? undefined : await findActivityIdBySlug(db, form.slug.trim());
    const taken = owner && owner !== current.id ? [{ field: 'slug', code: 'slug_taken' as const }] : [];
    return { ok: false, errors: inFieldOrder(firstPerField([...parsed.errors, ...taken]), Object.keys(form)) };
  }
  const activity: Activity = { ...current, ...parsed.value };
  return db.transaction().execute(async (trx): Promise<FormResult<Activity>> => {
    const owner = await findActivityIdBySlug(trx, activity.slug);
    if (owner && owner !== activity.id) return refused('slug', 'slug_taken');
    await updateActivityRow(trx, activity);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'activity.updated',
      target: activity.slug,
      detail: { changed: changedFields(current, activity) },
    });
    return { ok: true, value: activity };
  });
}
