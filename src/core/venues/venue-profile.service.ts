import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { translatedOrNull, type Venue, type VenueAddress } from '../catalog/activity.js';
import { findVenueInScope } from '../catalog/activity-admin.repository.js';
import { requiredText } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { refuseTextProblem } from '../shared/control-characters.js';
import { DomainError } from '../shared/errors.js';
import { type FieldError, fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import { isHttpsUrl } from '../shared/https-url.js';
import { isPhoneNumber } from '../shared/phone.js';
import { type ScopedMember, venueScopeOf } from '../shared/venue-scope.js';
import { lockVenueInScope, updateVenueRow } from './venue.repository.js';

/** The staff member who acts: who they are (for the log) and which venues they reach. */
export type VenueMember = ActivityActor & ScopedMember;

/** The venue profile form as typed, so a refused form comes back exactly as it was sent. */
export interface VenueProfileForm {
  name: string;
  city: string;
  descriptionNl: string;
  descriptionEn: string;
  street: string;
  postcode: string;
  addressCity: string;
  contactPhone: string;
  contactEmail: string;
  website: string;
  routeNl: string;
  routeEn: string;
}

/** Optional text: trimmed, at most `max` characters, passing the shared text check; '' becomes null. */
function optionalText(max: number, multiline = false) {
  return z
    .string()
    .trim()
    .refine((s) => s.length <= max, { message: 'too_long', abort: true })
    .superRefine(refuseTextProblem(multiline))
    .transform((s) => s || null);
}

/** Optional text that must also pass `check` (else `code`); '' becomes null. */
function optionalChecked(max: number, check: (s: string) => boolean, code: string) {
  return optionalText(max).refine((s) => s === null || check(s), code);
}

const profileFields = z.object({
  name: requiredText(160),
  city: requiredText(120),
  descriptionNl: optionalText(4000, true),
  descriptionEn: optionalText(4000, true),
  street: optionalText(160),
  // Dutch (1234 AB) and foreign postcodes alike: letters, digits, a space or hyphen.
  postcode: optionalChecked(12, (s) => /^[A-Za-z0-9](?:[A-Za-z0-9 -]{0,10}[A-Za-z0-9])?$/.test(s), 'invalid_postcode'),
  addressCity: optionalText(120),
  contactPhone: optionalChecked(32, isPhoneNumber, 'invalid_phone'),
  contactEmail: optionalChecked(254, (s) => z.email().safeParse(s).success, 'invalid_email'),
  website: optionalChecked(300, isHttpsUrl, 'invalid_url'),
  routeNl: optionalText(4000, true),
  routeEn: optionalText(4000, true),
});

type Parsed = z.output<typeof profileFields>;

/** Fields that are given all together or not at all, with the code of a missing one. */
const GROUPS: { fields: (keyof Parsed)[]; code: 'address_incomplete' | 'translation_missing' }[] = [
  { fields: ['descriptionNl', 'descriptionEn'], code: 'translation_missing' },
  { fields: ['street', 'postcode', 'addressCity'], code: 'address_incomplete' },
  { fields: ['routeNl', 'routeEn'], code: 'translation_missing' },
];

/** The empty fields of a group that is partly filled in (fields refused already are left as they are). */
function incompleteGroups(form: VenueProfileForm, refused: readonly FieldError[]): FieldError[] {
  const filled = (field: keyof Parsed) => form[field].trim() !== '';
  return GROUPS.flatMap(({ fields, code }) =>
    fields.some(filled)
      ? fields.filter((field) => !filled(field) && !refused.some((e) => e.field === field)).map((field) => ({ field, code }))
      : [],
  );
}

/** Checks the whole form, reporting every refused field at once, in the form's order. */
export function parseVenueProfileForm(form: VenueProfileForm): FormResult<Omit<Venue, 'id' | 'slug' | 'ownMollieKey' | 'poRequired'>> {
  const result = profileFields.safeParse(form);
  const refused = result.success ? [] : fieldErrorsOf(result.error);
  const errors = [...refused, ...incompleteGroups(form, refused)];
  if (!result.success || errors.length > 0) {
    const order = Object.keys(profileFields.shape);
    return { ok: false, errors: errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)) };
  }
  const p = result.data;
  const address: VenueAddress | null =
    p.street !== null && p.postcode !== null && p.addressCity !== null
      ? { street: p.street, postcode: p.postcode.toUpperCase(), city: p.addressCity }
      : null;
  return {
    ok: true,
    value: {
      name: p.name,
      city: p.city,
      contactEmail: p.contactEmail,
      contactPhone: p.contactPhone,
      address,
      website: p.website,
      description: translatedOrNull(p.descriptionNl, p.descriptionEn),
      route: translatedOrNull(p.routeNl, p.routeEn),
    },
  };
}

/** A stored venue as the form shows it. */
export function venueProfileFormOf(venue: Venue): VenueProfileForm {
  return {
    name: venue.name,
    city: venue.city,
    descriptionNl: venue.description?.nl ?? '',
    descriptionEn: venue.description?.en ?? '',
    street: venue.address?.street ?? '',
    postcode: venue.address?.postcode ?? '',
    addressCity: venue.address?.city ?? '',
    contactPhone: venue.contactPhone ?? '',
    contactEmail: venue.contactEmail ?? '',
    website: venue.website ?? '',
    routeNl: venue.route?.nl ?? '',
    routeEn: venue.route?.en ?? '',
  };
}

/** A venue of the member's scope, or not_found: another venue's id finds nothing. */
export async function venueFor(db: Db, member: VenueMember, id: string): Promise<Venue> {
  const venue = await findVenueInScope(db, venueScopeOf(member), id);
  if (!venue) throw new DomainError('not_found');
  return venue;
}

/** The profile's parts that differ, for the activity log (names, never the values). */
function changedParts(before: Venue, after: Venue): string {
  const parts = ['name', 'city', 'contactEmail', 'contactPhone', 'address', 'website', 'description', 'route'] as const;
  return parts.filter((part) => JSON.stringify(before[part]) !== JSON.stringify(after[part])).join(',');
}

/**
 * Changes the profile of a venue in the member's scope (managers their own, admins any), with its
 * activity log entry naming the parts that changed. A form that changes nothing writes nothing. The
 * venue is read under its row's lock, inside the transaction that writes it, so of two edits saved
 * at once the second starts from the first's result and logs only what it changed itself.
 */
export async function updateVenueProfile(
  db: Db,
  clock: Clock,
  member: VenueMember,
  id: string,
  form: VenueProfileForm,
): Promise<FormResult<Venue>> {
  await venueFor(db, member, id);
  const parsed = parseVenueProfileForm(form);
  if (!parsed.ok) return parsed;
  const venue = await db.transaction().execute(async (trx) => {
    const current = await lockVenueInScope(trx, venueScopeOf(member), id);
    if (!current) throw new DomainError('not_found');
    const updated: Venue = { ...current, ...parsed.value };
    const changed = changedParts(current, updated);
    if (!changed) return updated;
    await updateVenueRow(trx, updated);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: updated.id,
      action: 'venue.updated',
      target: updated.slug,
      detail: { changed },
    });
    return updated;
  });
  return { ok: true, value: venue };
}
