import type { Selectable, Updateable } from 'kysely';
import { jsonArrayOf } from '../../db/json-array.js';
import type { ActivityTable, Executor } from '../../db/schema.js';
import { prepared } from '../../db/prepared-query.js';
import type { VenueScope } from '../shared/venue-scope.js';
import { z } from 'zod';
import {
  type Activity,
  type ActivityRules,
  isActivityCategory,
  isActivityStatus,
  isWheelchairAccess,
  PARTICIPANT_FIELDS,
  type PracticalInfo,
  type Translated,
  translatedOrNull,
  type Venue,
} from './activity.js';
import { pricingSchema, type VatRateRow } from './pricing.js';
import { isPaymentMode, type PaymentTerms } from './payment-terms.js';
import { parseRefundPolicy } from './refund-policy.js';

/** The venue's columns as a query that joins `venues` to `activities` selects them (beside `activities.venue_id`). */
export const VENUE_COLUMNS = [
  'venues.slug as venue_slug',
  'venues.name as venue_name',
  'venues.city as venue_city',
  'venues.contact_email as venue_contact_email',
  'venues.contact_phone as venue_contact_phone',
  'venues.street as venue_street',
  'venues.postcode as venue_postcode',
  'venues.address_city as venue_address_city',
  'venues.website as venue_website',
  'venues.description_nl as venue_description_nl',
  'venues.description_en as venue_description_en',
  'venues.route_nl as venue_route_nl',
  'venues.route_en as venue_route_en',
  'venues.mollie_key_sealed as venue_mollie_key_sealed',
  'venues.po_required as venue_po_required',
] as const;

/** A venue's columns as a query of `venues` alone selects them, for toVenue. */
export const VENUE_FIELDS = ['venues.id as venue_id', ...VENUE_COLUMNS] as const;

type VenueColumns = {
  venue_id: string;
  venue_slug: string;
  venue_name: string;
  venue_city: string;
  venue_contact_email: string | null;
  venue_contact_phone: string | null;
  venue_street: string | null;
  venue_postcode: string | null;
  venue_address_city: string | null;
  venue_website: string | null;
  venue_description_nl: string | null;
  venue_description_en: string | null;
  venue_route_nl: string | null;
  venue_route_en: string | null;
  venue_mollie_key_sealed: string | null;
  venue_po_required: number;
};

/** A venue as stored, its optional texts in both languages or none. */
export function toVenue(row: VenueColumns): Venue {
  const { venue_street: street, venue_postcode: postcode, venue_address_city: city } = row;
  return {
    id: row.venue_id,
    slug: row.venue_slug,
    name: row.venue_name,
    city: row.venue_city,
    contactEmail: row.venue_contact_email,
    contactPhone: row.venue_contact_phone,
    address: street !== null && postcode !== null && city !== null ? { street, postcode, city } : null,
    website: row.venue_website,
    description: translatedOrNull(row.venue_description_nl, row.venue_description_en),
    route: translatedOrNull(row.venue_route_nl, row.venue_route_en),
    ownMollieKey: row.venue_mollie_key_sealed !== null,
    poRequired: row.venue_po_required === 1,
  };
}

/** A venue's profile as its columns store it (see toVenue). */
export function venueProfileColumns(venue: Omit<Venue, 'id' | 'slug' | 'ownMollieKey' | 'poRequired'>) {
  return {
    name: venue.name,
    city: venue.city,
    contact_email: venue.contactEmail,
    contact_phone: venue.contactPhone,
    street: venue.address?.street ?? null,
    postcode: venue.address?.postcode ?? null,
    address_city: venue.address?.city ?? null,
    website: venue.website,
    description_nl: venue.description?.nl ?? null,
    description_en: venue.description?.en ?? null,
    route_nl: venue.route?.nl ?? null,
    route_en: venue.route?.en ?? null,
  };
}

export function toActivity(row: Selectable<ActivityTable> & VenueColumns): Activity {
  return {
    id: row.id,
    status: isActivityStatus(row.status) ? row.status : 'published',
    slug: row.slug,
    venue: toVenue(row),
    category: isActivityCategory(row.category) ? row.category : 'other',
    title: { nl: row.title_nl, en: row.title_en },
    description: { nl: row.description_nl, en: row.description_en },
    location: row.location,
    durationMinutes: row.duration_minutes,
    minGroupSize: row.min_group_size,
    maxGroupSize: row.max_group_size,
    bookingCutoffMinutes: row.booking_cutoff_minutes,
    pricing: pricingSchema.parse(JSON.parse(row.pricing)),
    rules: toActivityRules(row),
    practical: toPracticalInfo(row),
    payment: toPaymentTerms(row),
    refundPolicy: parseRefundPolicy(row.refund_policy),
  };
}

function toPaymentTerms(row: Selectable<ActivityTable>): PaymentTerms {
  return {
    mode: isPaymentMode(row.payment_mode) ? row.payment_mode : 'venue',
    depositPercent: row.deposit_percent,
    balanceDaysBefore: row.balance_days_before,
    invoiceAllowed: row.invoice_allowed === 1,
    invoiceTermDays: row.invoice_term_days,
  };
}

/** The columns that store PaymentTerms and the refund policy. */
function paymentColumns(activity: Pick<Activity, 'payment' | 'refundPolicy'>) {
  return {
    payment_mode: activity.payment.mode,
    deposit_percent: activity.payment.depositPercent,
    balance_days_before: activity.payment.balanceDaysBefore,
    invoice_allowed: activity.payment.invoiceAllowed ? 1 : 0,
    invoice_term_days: activity.payment.invoiceTermDays,
    refund_policy: JSON.stringify(activity.refundPolicy),
  };
}

function toPracticalInfo(row: Selectable<ActivityTable>): PracticalInfo {
  return {
    minAge: row.min_age,
    maxAge: row.max_age,
    whatToBring: translatedOrNull(row.bring_nl, row.bring_en),
    wheelchair: isWheelchairAccess(row.wheelchair) ? row.wheelchair : 'unknown',
    accessibility: translatedOrNull(row.accessibility_nl, row.accessibility_en),
  };
}

/** The columns that store PracticalInfo. */
function practicalInfoColumns(practical: PracticalInfo) {
  return {
    min_age: practical.minAge,
    max_age: practical.maxAge,
    bring_nl: practical.whatToBring?.nl ?? null,
    bring_en: practical.whatToBring?.en ?? null,
    wheelchair: practical.wheelchair,
    accessibility_nl: practical.accessibility?.nl ?? null,
    accessibility_en: practical.accessibility?.en ?? null,
  };
}

const participantFieldsSchema = z.array(z.enum(PARTICIPANT_FIELDS));

/** The lifecycle rules of an activity row; see ActivityRules. */
export function toActivityRules(row: Selectable<ActivityTable>): ActivityRules {
  return {
    bookingMode: row.booking_mode === 'request' ? 'request' : 'instant',
    options: {
      allowed: row.options_allowed === 1,
      hours: row.option_hours,
      minDaysBefore: row.option_min_days_before,
      maxPerEmail: row.option_max_per_email,
    },
    cancelUntilHours: row.cancel_until_hours,
    participantFields: participantFieldsSchema.parse(JSON.parse(row.participant_fields)),
  };
}

/** The columns that store ActivityRules. */
export function activityRulesColumns(rules: ActivityRules) {
  return {
    booking_mode: rules.bookingMode,
    options_allowed: rules.options.allowed ? 1 : 0,
    option_hours: rules.options.hours,
    option_min_days_before: rules.options.minDaysBefore,
    option_max_per_email: rules.options.maxPerEmail,
    cancel_until_hours: rules.cancelUntilHours,
    participant_fields: JSON.stringify(rules.participantFields),
  };
}

/** Activities with their venue's columns: a query of these selects what toActivity reads. */
export function selectActivities(db: Executor) {
  return db.selectFrom('activities').innerJoin('venues', 'venues.id', 'activities.venue_id').selectAll('activities').select(VENUE_COLUMNS);
}

/** The activities visitors see (published), by Dutch title. */
export async function listPublishedActivities(db: Executor): Promise<Activity[]> {
  const rows = await selectActivities(db).where('activities.status', '=', 'published').orderBy('activities.title_nl').execute();
  return rows.map(toActivity);
}

/** The published ones among the activities, by id: what a page may link to (a programme's stand-alone parts, say). */
export async function listPublishedActivityLinks(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { id: string; slug: string; title: Translated }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('activities')
    .select(['id', 'slug', 'title_nl', 'title_en'])
    .where('id', 'in', [...ids])
    .where('status', '=', 'published')
    .execute();
  return new Map(rows.map((row) => [row.id, { id: row.id, slug: row.slug, title: { nl: row.title_nl, en: row.title_en } }]));
}

export async function findActivity(db: Executor, by: { id: string } | { slug: string }): Promise<Activity | undefined> {
  const query = selectActivities(db);
  const row = await (
    'id' in by ? query.where('activities.id', '=', by.id) : query.where('activities.slug', '=', by.slug)
  ).executeTakeFirst();
  return row && toActivity(row);
}

export async function findVenue(db: Executor, id: string): Promise<Venue | undefined> {
  const row = await db.selectFrom('venues').select(VENUE_FIELDS).where('id', '=', id).executeTakeFirst();
  return row && toVenue(row);
}

export async function findVenueBySlug(db: Executor, slug: string): Promise<Venue | undefined> {
  const row = await db.selectFrom('venues').select(VENUE_FIELDS).where('slug', '=', slug).executeTakeFirst();
  return row && toVenue(row);
}

export async function listVenues(db: Executor): Promise<Venue[]> {
  const rows = await db.selectFrom('venues').select(VENUE_FIELDS).orderBy('name').execute();
  return rows.map(toVenue);
}

export async function insertVenue(db: Executor, venue: Venue, createdAt: string): Promise<void> {
  await db
    .insertInto('venues')
    .values({
      id: venue.id,
      slug: venue.slug,
      ...venueProfileColumns(venue),
      created_at: createdAt,
    })
    .execute();
}

/** An activity's editable columns: all but its id, venue and creation time. */
export function toActivityColumns(activity: Activity) {
  return {
    slug: activity.slug,
    status: activity.status,
    category: activity.category,
    title_nl: activity.title.nl,
    title_en: activity.title.en,
    description_nl: activity.description.nl,
    description_en: activity.description.en,
    location: activity.location,
    duration_minutes: activity.durationMinutes,
    min_group_size: activity.minGroupSize,
    max_group_size: activity.maxGroupSize,
    booking_cutoff_minutes: activity.bookingCutoffMinutes,
    pricing: JSON.stringify(activity.pricing),
    ...activityRulesColumns(activity.rules),
    ...practicalInfoColumns(activity.practical),
    ...paymentColumns(activity),
  } satisfies Updateable<ActivityTable>;
}

export async function insertActivity(db: Executor, activity: Activity, createdAt: string): Promise<void> {
  await db
    .insertInto('activities')
    .values({ id: activity.id, venue_id: activity.venue.id, ...toActivityColumns(activity), created_at: createdAt })
    .execute();
}

export async function countVenues(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('venues')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listVatRates(db: Executor): Promise<VatRateRow[]> {
  return vatRates.rows(db, {});
}

const vatRates = prepared((db) => db.selectFrom('vat_rates').selectAll().orderBy('valid_from'));

/**
 * Every VAT rate row (as listVatRates reads them) as a column of another query, a JSON array: a
 * booking's quote reads them with its slot instead of in a statement of their own. The rows hold
 * text and integers, which JSON keeps as they are; read the column with rowsOfJsonArray.
 */
export function vatRatesColumn(db: Executor) {
  return jsonArrayOf(db, db.selectFrom('vat_rates').select(['vat_rates.code', 'vat_rates.rate_bp', 'vat_rates.valid_from']));
}

/** An activity of a venue the member may see; another venue's id finds nothing. */
export async function findActivityInScope(db: Executor, scope: VenueScope, id: string): Promise<Activity | undefined> {
  const query = selectActivities(db).where('activities.id', '=', id);
  const row = await (scope.all ? query : query.where('activities.venue_id', '=', scope.venueId)).executeTakeFirst();
  return row && toActivity(row);
}
