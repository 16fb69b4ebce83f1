import { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { Translated, Venue } from '../catalog/activity.js';
import { findVenueBySlug } from '../catalog/catalog.repository.js';
import { requiredText } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import { venuesFor } from '../catalog/activity-admin.service.js';
import { type VenueMember, venueFor } from './venue-profile.service.js';
import { MAX_TERMS_LENGTH, type VenueTerms } from './venue-terms.js';
import { findCurrentTerms, findCurrentVersions, findTermsVersion, insertNextTerms, listTermsVersions } from './venue-terms.repository.js';

/** The form for a new version, as typed. */
export interface TermsForm {
  textNl: string;
  textEn: string;
}

const termsFields = z.object({
  textNl: requiredText(MAX_TERMS_LENGTH, { multiline: true }),
  textEn: requiredText(MAX_TERMS_LENGTH, { multiline: true }),
});

/** The venue's current booking terms (its latest version), or undefined when it published none. */
export async function readCurrentTerms(db: Executor, venueId: string): Promise<VenueTerms | undefined> {
  return findCurrentTerms(db, venueId);
}

/**
 * The number of the venue's current version (`current`, null when it published none, as
 * findCurrentTerms or currentTermsVersionOf reads it), refusing with `terms_changed` when the
 * organiser read another one: `seen` is the version they were shown (null: none); undefined when
 * the caller does not say, which checks nothing.
 */
export function termsAsSeen(current: number | null, seen: number | null | undefined): number | null {
  if (seen !== undefined && seen !== current) throw new DomainError('terms_changed');
  return current;
}

/** The venues of the member's scope, each with the number of its current terms (null: none published). */
export async function listVenuesWithTerms(db: Db, member: VenueMember): Promise<{ venue: Venue; termsVersion: number | null }[]> {
  const venues = await venuesFor(db, member);
  const versions = await findCurrentVersions(
    db,
    venues.map((venue) => venue.id),
  );
  return venues.map((venue) => ({ venue, termsVersion: versions.get(venue.id) ?? null }));
}

/** Every version a venue of the member's scope published, newest first. */
export async function listTermsFor(db: Db, member: VenueMember, venueId: string): Promise<VenueTerms[]> {
  const venue = await venueFor(db, member, venueId);
  return listTermsVersions(db, venue.id);
}

/** A venue's terms for the public: the current version, or the one asked for. not_found for an unknown venue or version. */
export async function readPublicTerms(db: Db, slug: string, version?: number): Promise<{ venue: Venue; terms: VenueTerms | undefined }> {
  const venue = await findVenueBySlug(db, slug);
  if (!venue) throw new DomainError('not_found');
  if (version === undefined) return { venue, terms: await findCurrentTerms(db, venue.id) };
  const terms = await findTermsVersion(db, venue.id, version);
  if (!terms) throw new DomainError('not_found');
  return { venue, terms };
}

/**
 * Publishes the next version of a venue's terms inside the caller's transaction, with its activity
 * log entry; `by` is null for the platform's own (the demo catalogue).
 */
export async function publishTermsIn(
  trx: Tx,
  clock: Clock,
  venue: Pick<Venue, 'id' | 'slug'>,
  text: Translated,
  by: VenueMember | null,
): Promise<number> {
  const version = await insertNextTerms(trx, {
    venueId: venue.id,
    text,
    publishedAt: clock.now().toISOString(),
    publishedBy: by?.id ?? null,
  });
  await recordActivity(trx, clock, {
    actor: by,
    ...(by ? {} : { actorKind: 'system' as const }),
    venueId: venue.id,
    action: 'venue.terms_published',
    target: venue.slug,
    detail: { version },
  });
  return version;
}

/** A manager (of their venue) or an admin publishes a new version; earlier versions stay as they were. */
export async function publishTerms(
  db: Db,
  clock: Clock,
  member: VenueMember,
  venueId: string,
  form: TermsForm,
): Promise<FormResult<number>> {
  const venue = await venueFor(db, member, venueId);
  const parsed = termsFields.safeParse(form);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const text = { nl: parsed.data.textNl, en: parsed.data.textEn };
  const version = await db.transaction().execute((trx) => publishTermsIn(trx, clock, venue, text, member));
  return { ok: true, value: version };
}
