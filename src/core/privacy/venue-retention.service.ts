import type { Db } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { Venue } from '../catalog/activity.js';
import { type NumberWriting, wholeNumber, optionalNumberText } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { fieldErrorsOf, type FieldError, type FormResult } from '../shared/field-errors.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import { can, type StaffMember } from '../staff/staff.js';
import { venueFor, type VenueMember } from '../venues/venue-profile.service.js';
import { lockVenueInScope } from '../venues/venue.repository.js';
import {
  NO_REMOVALS,
  type RetentionCounts,
  type RetentionLimits,
  VENUE_RETENTION_KEYS,
  type VenueRetention,
  type VenueRetentionChoice,
  type VenueRetentionKey,
  effectiveRetention,
} from './retention.js';
import { findVenueRetentionChoice, listRetentionRuns, saveVenueRetentionChoice } from './retention.repository.js';

/** The staff member who reads or changes a venue's retention periods: who they are, their role, the venues they reach. */
export type RetentionMember = VenueMember & Pick<StaffMember, 'role'>;

/** The form as typed: each period a whole number, or empty for the platform's default. */
export type VenueRetentionForm = Record<VenueRetentionKey, string>;

/** How many retention runs the venue's page lists. */
export const RETENTION_RUNS_SHOWN = 12;

/** One run of the retention job as the page lists it: when, and how many of each kind it removed (platform-wide). */
export interface RetentionRunView {
  startedAt: Date;
  finishedAt: Date;
  counts: RetentionCounts;
}

/** A venue's retention periods as its page shows them. */
export interface VenueRetentionView {
  venue: { id: string; name: string; slug: string };
  /** The platform's periods: each the default and the longest a venue may choose; mail and activity log are the platform's alone. */
  limits: RetentionLimits;
  /** The venue's own choice, null where it keeps the platform's default. */
  choice: VenueRetentionChoice;
  /** What applies to the venue's bookings now. */
  effective: VenueRetention;
  /** The retention job's latest runs, newest first: for the platform's admins only (the counts are the whole platform's). */
  runs: RetentionRunView[] | null;
}

const NO_CHOICE: VenueRetentionChoice = { participantsDays: null, organiserMonths: null, cancelledDays: null };

/** A venue's retention choice as its form shows it, numbers written `writing`'s way (see wholeNumberText). */
export function venueRetentionFormOf(choice: VenueRetentionChoice, writing: NumberWriting): VenueRetentionForm {
  return Object.fromEntries(VENUE_RETENTION_KEYS.map((key) => [key, optionalNumberText(choice[key], writing)])) as VenueRetentionForm;
}

/** A run's counts as stored (JSON); a kind the record lacks (an older run) counts 0. */
function countsOf(text: string): RetentionCounts {
  const parsed = JSON.parse(text) as Partial<Record<keyof RetentionCounts, unknown>>;
  const counts = { ...NO_REMOVALS };
  for (const kind of Object.keys(counts) as (keyof RetentionCounts)[]) {
    const value = parsed[kind];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) counts[kind] = value;
  }
  return counts;
}

/**
 * Parses the form against the platform's limits: each period empty (the platform's default) or a
 * whole number from 1 to the platform's period, read as written in `lang`, the page's language;
 * every refused field named at once.
 */
export function parseVenueRetentionForm(
  limits: RetentionLimits,
  form: Partial<VenueRetentionForm>,
  lang: NumberWriting,
): FormResult<VenueRetentionChoice> {
  const choice: VenueRetentionChoice = { ...NO_CHOICE };
  const errors: FieldError[] = [];
  for (const key of VENUE_RETENTION_KEYS) {
    const typed = (form[key] ?? '').trim();
    if (typed === '') continue;
    const parsed = wholeNumber(1, limits[key], lang).safeParse(typed);
    if (parsed.success) choice[key] = parsed.data;
    else {
      const error = fieldErrorsOf(parsed.error)[0]!;
      errors.push({ ...error, field: key, code: error.code === 'too_large' ? 'above_platform_limit' : error.code });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: choice };
}

function viewOf(venue: Venue, limits: RetentionLimits, choice: VenueRetentionChoice, runs: RetentionRunView[] | null): VenueRetentionView {
  return {
    venue: { id: venue.id, name: venue.name, slug: venue.slug },
    limits: { ...limits },
    choice,
    effective: effectiveRetention(limits, choice),
    runs,
  };
}

async function latestRuns(db: Db): Promise<RetentionRunView[]> {
  const rows = await listRetentionRuns(db, RETENTION_RUNS_SHOWN);
  return rows.map((row) => ({ startedAt: new Date(row.startedAt), finishedAt: new Date(row.finishedAt), counts: countsOf(row.counts) }));
}

/**
 * The retention periods of a venue in the member's scope (any role of the venue may look), with the
 * platform's limits and, for an admin, the job's latest runs; not_found for another venue's id.
 */
export async function readVenueRetention(
  db: Db,
  limits: RetentionLimits,
  member: RetentionMember,
  venueId: string,
): Promise<VenueRetentionView> {
  const venue = await venueFor(db, member, venueId);
  const choice = (await findVenueRetentionChoice(db, venue.id)) ?? NO_CHOICE;
  return viewOf(venue, limits, choice, member.role === 'admin' ? await latestRuns(db) : null);
}

/**
 * Saves a venue's own retention periods (its managers and the platform's admins; other roles
 * not_allowed, another venue not_found). Each is empty for the platform's default or a whole number
 * from 1 to the platform's period: never longer than the platform allows. The choice and an activity
 * log entry naming each changed period with its new value (null: the default) commit together; a
 * form that changes nothing writes nothing; a refused form saves nothing. Periods are read as
 * written in `lang`, the page's language.
 */
export async function saveVenueRetention(
  db: Db,
  clock: Clock,
  limits: RetentionLimits,
  member: RetentionMember,
  venueId: string,
  form: Partial<VenueRetentionForm>,
  lang: NumberWriting,
): Promise<FormResult<VenueRetentionView>> {
  if (!can(member, 'catalog.write')) throw new DomainError('not_allowed');
  await venueFor(db, member, venueId);
  const parsed = parseVenueRetentionForm(limits, form, lang);
  if (!parsed.ok) return parsed;
  const choice = parsed.value;
  const venue = await db.transaction().execute(async (trx) => {
    const locked = await lockVenueInScope(trx, venueScopeOf(member), venueId);
    if (!locked) throw new DomainError('not_found');
    const before = (await findVenueRetentionChoice(trx, venueId)) ?? NO_CHOICE;
    const changed = VENUE_RETENTION_KEYS.filter((key) => before[key] !== choice[key]);
    if (changed.length === 0) return locked;
    await saveVenueRetentionChoice(trx, venueId, choice, clock.now().toISOString());
    await recordActivity(trx, clock, {
      actor: member,
      venueId,
      action: 'venue.retention_changed',
      target: locked.slug,
      detail: { changed: changed.join(','), ...Object.fromEntries(changed.map((key) => [key, choice[key]])) },
    });
    return locked;
  });
  return { ok: true, value: viewOf(venue, limits, choice, member.role === 'admin' ? await latestRuns(db) : null) };
}
