import type { Db, Tx } from '../../db/schema.js';
import type { NumberWriting } from '../catalog/admin-fields.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { type ActivitySummary, findVenueInScope, listActivitySummaries, listVenuesInScope } from '../catalog/activity-admin.repository.js';
import type { Venue } from '../catalog/activity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, refused } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { type ScopedMember, venueScopeOf } from '../shared/venue-scope.js';
import { can, type StaffMember } from '../staff/staff.js';
import type { DiscountCode } from './discount-code.js';
import { type DiscountCodeColumns, type DiscountCodeForm, parseDiscountCodeForm } from './discount-form.js';
import {
  findDiscountCode,
  findDiscountCodeById,
  insertDiscountCode,
  listDiscountCodes,
  listVenueActivityIds,
  updateDiscountCode,
} from './discount-codes.repository.js';

/** The staff member who reads or changes discount codes: who they are, their role, the venues they reach. */
export type DiscountMember = ActivityActor & ScopedMember & Pick<StaffMember, 'role'>;

/** What the codes' pages offer: the venues in the member's scope and their activities (a code may be limited to some). */
export interface DiscountChoices {
  venues: Venue[];
  activities: ActivitySummary[];
}

/** The discount codes of the venues in the member's scope (any role may look), newest first, with those venues. */
export async function listVenueDiscountCodes(db: Db, member: DiscountMember): Promise<{ codes: DiscountCode[]; venues: Venue[] }> {
  const venues = await listVenuesInScope(db, venueScopeOf(member));
  const codes = await listDiscountCodes(
    db,
    venues.map((v) => v.id),
  );
  return { codes, venues };
}

export async function readDiscountChoices(db: Db, clock: Clock, member: DiscountMember): Promise<DiscountChoices> {
  const scope = venueScopeOf(member);
  return {
    venues: await listVenuesInScope(db, scope),
    activities: await listActivitySummaries(db, scope, clock.now(), { archived: false }),
  };
}

/** A code of a venue in the member's scope, or not_found: another venue's id finds nothing. */
export async function readDiscountCode(db: Db, member: DiscountMember, id: string): Promise<DiscountCode> {
  const code = await findDiscountCodeById(db, id);
  if (!code || !(await findVenueInScope(db, venueScopeOf(member), code.venueId))) throw new DomainError('not_found');
  return code;
}

/**
 * Makes a discount code for a venue in the member's scope (the one chosen, for admins; else their
 * own), with an activity log entry. Only roles that change the catalogue may (else not_allowed).
 * A code the venue has already is refused at `code` (codes are compared in upper case). Numbers
 * are read as written in `lang`, the page's language.
 */
export async function createDiscountCode(
  db: Db,
  clock: Clock,
  member: DiscountMember,
  venueId: string,
  form: DiscountCodeForm,
  lang: NumberWriting,
): Promise<FormResult<DiscountCode>> {
  if (!can(member, 'catalog.write')) throw new DomainError('not_allowed');
  const id = venueId.trim() || member.venueId;
  if (!id) {
    // Every fault at once: the venue left out, and what the rest of the form gets wrong.
    const parsed = parseDiscountCodeForm(form, lang);
    return { ok: false, errors: [{ field: 'venueId', code: 'required' }, ...(parsed.ok ? [] : parsed.errors)] };
  }
  const venue = await findVenueInScope(db, venueScopeOf(member), id);
  if (!venue) throw new DomainError('not_found');
  const parsed = await checked(db, venue.id, form, lang);
  if (!parsed.ok) return parsed;
  const { activityIds, ...columns } = parsed.value;
  if (await findDiscountCode(db, venue.id, columns.code)) return refused('code', 'discount_code_taken');
  const codeId = newId();
  await db.transaction().execute(async (trx) => {
    await insertDiscountCode(trx, { id: codeId, venue_id: venue.id, ...columns, created_at: clock.now().toISOString() }, activityIds);
    await logChange(trx, clock, member, venue.id, 'discount.created', columns.code);
  });
  return { ok: true, value: (await findDiscountCodeById(db, codeId))! };
}

/**
 * Changes a code's rules (its code stays: bookings name it), with an activity log entry. Bookings
 * made with it keep the terms they were given. A maximum below the uses taken is refused at
 * `maxUses`; the check and the write are one conditional update, so a booking taking a use
 * meanwhile cannot slip past it. Numbers are read as written in `lang`, the page's language.
 */
export async function saveDiscountCode(
  db: Db,
  clock: Clock,
  member: DiscountMember,
  id: string,
  form: DiscountCodeForm,
  lang: NumberWriting,
): Promise<FormResult<DiscountCode>> {
  if (!can(member, 'catalog.write')) throw new DomainError('not_allowed');
  const current = await readDiscountCode(db, member, id);
  const parsed = await checked(db, current.venueId, { ...form, code: current.terms.code }, lang);
  if (!parsed.ok) return parsed;
  const { activityIds, code, ...change } = parsed.value;
  const saved = await db.transaction().execute(async (trx) => {
    if (!(await updateDiscountCode(trx, id, change, activityIds))) return false;
    await logChange(trx, clock, member, current.venueId, 'discount.changed', code);
    return true;
  });
  if (!saved) return refused('maxUses', 'below_uses');
  return { ok: true, value: await readDiscountCode(db, member, id) };
}

/** The form parsed, its activities checked to be the venue's (another venue's id is refused at `activityIds`). */
async function checked(db: Db, venueId: string, form: DiscountCodeForm, lang: NumberWriting): Promise<FormResult<DiscountCodeColumns>> {
  const parsed = parseDiscountCodeForm(form, lang);
  if (!parsed.ok) return parsed;
  const ofVenue = new Set(await listVenueActivityIds(db, venueId));
  if (parsed.value.activityIds.some((a) => !ofVenue.has(a))) return refused('activityIds', 'invalid_value');
  return parsed;
}

function logChange(trx: Tx, clock: Clock, member: DiscountMember, venueId: string, action: string, code: string): Promise<void> {
  return recordActivity(trx, clock, { actor: member, venueId, action, target: code });
}
