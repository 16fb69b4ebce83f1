import { z } from 'zod';
import type { Db, Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { refuseTextProblem } from '../shared/control-characters.js';
import { DomainError } from '../shared/errors.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';
import { MAX_AGE } from './admin-fields.js';
import { newId } from '../shared/ids.js';
import { isHttpsUrl } from '../shared/https-url.js';
import { isPhoneNumber } from '../shared/phone.js';
import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_STATUSES,
  type Activity,
  type ActivityRules,
  DEFAULT_ACTIVITY_RULES,
  DEFAULT_PAYMENT_TERMS,
  DEFAULT_PRACTICAL_INFO,
  DEFAULT_REFUND_POLICY,
  type Venue,
  WHEELCHAIR_ACCESS,
} from './activity.js';
import { findActivity, findVenue, findVenueBySlug, insertActivity, insertVenue } from './catalog.repository.js';
import { assertPricingCovers, pricingSchema } from './pricing.js';
import { PAYMENT_MODES, PAYMENT_TERM_LIMITS } from './payment-terms.js';
import { refundPolicySchema } from './refund-policy.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
  .max(80);
/** Text of the catalogue (CLI and demo): trimmed, 1 to `max` characters, passing the shared text check. */
const text = (max: number, multiline = false) => z.string().trim().min(1).max(max).superRefine(refuseTextProblem(multiline));
const translated = (multiline = false) => z.object({ nl: text(4000, multiline), en: text(4000, multiline) });

export const venueInputSchema = z.object({
  slug,
  name: text(160),
  city: text(120),
  /** Where organisers' mails reply to; shown on the venue's activities and in mails. */
  contactEmail: z.email().max(254).nullable().default(null),
  contactPhone: z.string().trim().max(32).refine(isPhoneNumber).nullable().default(null),
  /** The profile, given later in the back office (the demo catalogue gives it at once). */
  address: z
    .object({ street: text(160), postcode: text(12), city: text(120) })
    .nullable()
    .default(null),
  website: z.string().trim().max(300).refine(isHttpsUrl).nullable().default(null),
  description: translated(true).nullable().default(null),
  route: translated(true).nullable().default(null),
});

export const activityInputSchema = z
  .object({
    venueId: z.string().min(1),
    slug,
    category: z.enum(ACTIVITY_CATEGORIES).default('other'),
    title: translated(),
    description: translated(true),
    location: text(300),
    durationMinutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60),
    minGroupSize: z.number().int().min(1).max(MAX_GROUP_SIZE),
    maxGroupSize: z.number().int().min(1).max(MAX_GROUP_SIZE),
    bookingCutoffMinutes: z
      .number()
      .int()
      .min(0)
      .max(365 * 24 * 60),
    pricing: pricingSchema,
    status: z.enum(ACTIVITY_STATUSES).default('published'),
    practical: z
      .object({
        minAge: z.number().int().min(0).max(MAX_AGE),
        maxAge: z.number().int().min(0).max(MAX_AGE).nullable(),
        whatToBring: translated(true).nullable(),
        wheelchair: z.enum(WHEELCHAIR_ACCESS),
        accessibility: translated(true).nullable(),
      })
      .refine((p) => p.maxAge === null || p.minAge <= p.maxAge, { message: 'minAge exceeds maxAge' })
      .default(DEFAULT_PRACTICAL_INFO),
    payment: z
      .object({
        mode: z.enum(PAYMENT_MODES),
        depositPercent: z.number().int().min(PAYMENT_TERM_LIMITS.depositPercent.min).max(PAYMENT_TERM_LIMITS.depositPercent.max),
        balanceDaysBefore: z.number().int().min(PAYMENT_TERM_LIMITS.balanceDaysBefore.min).max(PAYMENT_TERM_LIMITS.balanceDaysBefore.max),
        invoiceAllowed: z.boolean(),
        invoiceTermDays: z.number().int().min(PAYMENT_TERM_LIMITS.invoiceTermDays.min).max(PAYMENT_TERM_LIMITS.invoiceTermDays.max),
      })
      .default(DEFAULT_PAYMENT_TERMS),
    refundPolicy: refundPolicySchema.default(DEFAULT_REFUND_POLICY),
  })
  .refine((a) => a.minGroupSize <= a.maxGroupSize, { message: 'minGroupSize exceeds maxGroupSize' });

/** Whether a venue has this slug already (slugs name venues in addresses and commands). */
export async function isVenueSlugTaken(db: Db, slug: string): Promise<boolean> {
  return (await findVenueBySlug(db, slug)) !== undefined;
}

export async function createVenue(db: Executor, clock: Clock, input: z.input<typeof venueInputSchema>): Promise<Venue> {
  const venue: Venue = { id: newId(), ...venueInputSchema.parse(input), ownMollieKey: false, poRequired: false };
  await insertVenue(db, venue, clock.now().toISOString());
  return venue;
}

/** A new activity; its lifecycle rules are the defaults unless given. */
export async function createActivity(
  db: Executor,
  clock: Clock,
  input: z.input<typeof activityInputSchema>,
  rules: ActivityRules = DEFAULT_ACTIVITY_RULES,
): Promise<Activity> {
  const parsed = activityInputSchema.safeParse(input);
  if (!parsed.success) throw new DomainError('invalid_catalogue', { reason: z.prettifyError(parsed.error) });
  const { venueId, ...fields } = parsed.data;
  assertPricingCovers(fields.pricing, fields.minGroupSize, fields.maxGroupSize);
  const venue = await findVenue(db, venueId);
  if (!venue) throw new DomainError('not_found', { venueId });
  const activity: Activity = { id: newId(), venue, ...fields, rules };
  await insertActivity(db, activity, clock.now().toISOString());
  return activity;
}

/** A published activity by its id or slug, if there is one: what visitors may see and book. */
export async function findCatalogueActivity(db: Db, by: { id: string } | { slug: string }): Promise<Activity | undefined> {
  const activity = await findActivity(db, by);
  return activity?.status === 'published' ? activity : undefined;
}
