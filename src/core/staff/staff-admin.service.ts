import type { ActivityEntry } from '../activity-log/activity-log.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { Venue } from '../catalog/activity.js';
import { findVenue, findVenueBySlug, listVenues } from '../catalog/catalog.repository.js';
import type { Db, Executor, Tx } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { FieldError, FormResult } from '../shared/field-errors.js';
import { deleteSessionsOf, listSessionsOf, type SessionRow } from './session.repository.js';
import { countSessionsByStaff, lockActiveAdmins } from './staff-admin.repository.js';
import { findStaffInScope, findStaffRowByEmail, listStaffInScope, type StaffRow, toStaffMember, updateStaff } from './staff.repository.js';
import {
  addStaff,
  completedSetup,
  insertAccount,
  type NewAccount,
  normaliseEmail,
  reissueSetupLink,
  resetSetupLink,
  type SetupMail,
  staffFieldErrors,
} from './staff.service.js';
import { isLanguage } from '../shared/language.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import { actsOn, assignableRoles, can, isRole, outranks, type Role, type StaffMember } from './staff.js';
import type { LinkKey } from '../shared/link-key.js';
import { enqueueMail } from '../outbox/outbox.service.js';

/**
 * Staff management in the back office: admins manage everyone, a manager the staff and viewers of
 * their own venue (only admins act on managers). Every lookup takes the actor's venue scope, so
 * another venue's member (and, for a manager, any admin, who belongs to no venue) is simply not
 * found; a peer manager is found but refused (`not_allowed`). Nor does a manager find a member of
 * their venue who never completed setup: that would tell them that an address they added had no
 * account before (see addStaffMember).
 */

export type StaffState = 'active' | 'setup_pending' | 'setup_expired' | 'disabled';

export interface StaffOverview {
  member: StaffMember;
  state: StaffState;
  venue: Venue | null;
  /** Signed-in sessions (both factors passed). */
  sessions: number;
}

export function staffStateOf(row: StaffRow, now: Date): StaffState {
  if (row.disabled_at !== null) return 'disabled';
  if (row.password_hash !== null && row.totp_secret !== null) return 'active';
  return row.setup_expires_at !== null && row.setup_expires_at > now.toISOString() ? 'setup_pending' : 'setup_expired';
}

function assertManager(actor: StaffMember): void {
  if (!can(actor, 'staff.manage')) throw new DomainError('not_allowed');
}

/** The venues an actor may put members in: every venue for an admin, their own for a manager. */
export async function venuesForStaff(db: Executor, actor: StaffMember): Promise<Venue[]> {
  const scope = venueScopeOf(actor);
  if (scope.all) return listVenues(db);
  const own = await findVenue(db, scope.venueId);
  return own ? [own] : [];
}

/** Whether the actor sees this member at all: an admin everyone in scope, a manager only those who completed setup once. */
function visibleTo(actor: StaffMember, row: StaffRow): boolean {
  return actor.role === 'admin' || completedSetup(row);
}

export async function listStaffOverview(db: Executor, clock: Clock, actor: StaffMember): Promise<StaffOverview[]> {
  assertManager(actor);
  const rows = (await listStaffInScope(db, venueScopeOf(actor))).filter((row) => visibleTo(actor, row));
  const sessions = await countSessionsByStaff(
    db,
    rows.map((row) => row.id),
  );
  const venues = new Map((await venuesForStaff(db, actor)).map((venue) => [venue.id, venue]));
  const now = clock.now();
  return rows.map((row) => ({
    member: toStaffMember(row),
    state: staffStateOf(row, now),
    venue: (row.venue_id && venues.get(row.venue_id)) || null,
    sessions: sessions.get(row.id) ?? 0,
  }));
}

async function findInScope(db: Executor, actor: StaffMember, id: string): Promise<StaffRow> {
  assertManager(actor);
  const row = await findStaffInScope(db, venueScopeOf(actor), id);
  if (!row || !visibleTo(actor, row)) throw new DomainError('not_found');
  return row;
}

/**
 * Another member the actor may act on. Changes to one's own account go through "My account"; here
 * nobody changes their own role, state or sessions, and a manager changes nothing of a manager's.
 */
async function findOtherInScope(db: Executor, actor: StaffMember, id: string): Promise<StaffRow> {
  const row = await findInScope(db, actor, id);
  if (row.id === actor.id) throw new DomainError('self_change_refused');
  if (!actsOn(actor, row.role as Role)) throw new DomainError('not_allowed');
  return row;
}

export interface StaffDetail extends StaffOverview {
  sessionList: SessionRow[];
}

export async function findStaffDetail(db: Executor, clock: Clock, actor: StaffMember, id: string): Promise<StaffDetail> {
  const row = await findInScope(db, actor, id);
  const sessionList = await listSessionsOf(db, row.id);
  const venue = row.venue_id ? ((await findVenue(db, row.venue_id)) ?? null) : null;
  return { member: toStaffMember(row), state: staffStateOf(row, clock.now()), venue, sessions: sessionList.length, sessionList };
}

/**
 * The venue a member of `role` gets: none for a platform admin (a venue named with that role is
 * refused: "admin of this venue" is the manager role); for a manager's members always the
 * manager's own venue, whatever the form said; for an admin's choice the venue with that slug.
 */
async function venueFor(db: Executor, actor: StaffMember, role: Role, venueSlug: string): Promise<Venue | null> {
  if (role === 'admin') {
    if (venueSlug) throw new DomainError('venue_required', { role });
    return null;
  }
  const scope = venueScopeOf(actor);
  const venue = scope.all ? venueSlug && (await findVenueBySlug(db, venueSlug)) : await findVenue(db, scope.venueId);
  if (!venue) throw new DomainError('venue_required', { role });
  return venue;
}

function assignableRole(actor: StaffMember, role: string): Role {
  if (!isRole(role) || !assignableRoles(actor).includes(role)) throw new DomainError('role_not_assignable');
  return role;
}

/**
 * The actor's form for a new member; `venue` is a venue slug; `language` the setup mail's language
 * (`nl`, `en`; anything else, as the form's "both", sends it in Dutch and English together).
 */
export interface StaffForm {
  email: string;
  name: string;
  role: string;
  venue: string;
  language: string;
}

/** What the actor is told after adding a member. */
export interface AddedStaff {
  /** Where the setup link was mailed. */
  email: string;
  /** The new member, for an admin; null for a manager, whose answer is the same whether or not the address had an account. */
  member: StaffMember | null;
  /** The link's token for the actor's screen: only an admin adding someone below admin gets it. */
  setupToken: string | null;
}

/** The refusal a check throws, as an error at `field`; undefined then, else the check's value. */
async function checkedField<T>(errors: FieldError[], field: string, check: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    errors.push({ field, code: error.code });
    return undefined;
  }
}

/** The add form checked whole: every refused field at once, in the form's order (email, name, role, venue). */
async function checkNewMember(
  db: Executor,
  actor: StaffMember,
  form: StaffForm,
): Promise<FormResult<{ email: string; name: string; role: Role; venue: Venue | null }>> {
  const email = normaliseEmail(form.email);
  const name = form.name.trim();
  const errors: FieldError[] = staffFieldErrors(email, name);
  const role = await checkedField(errors, 'role', () => assignableRole(actor, form.role));
  // Which venue a role needs is known only for a role the actor may give.
  const venue = role && (await checkedField(errors, 'venue', () => venueFor(db, actor, role, form.venue)));
  if (errors.length > 0 || !role || venue === undefined) return { ok: false, errors };
  return { ok: true, value: { email, name, role, venue } };
}

/**
 * Adds a member within the actor's reach; the setup link goes to them by mail. A refused form
 * names every refused field. An admin is told when the address already has an account
 * (`email_taken`). A manager gets the same answer whatever the address (see inviteToVenue), so
 * managers cannot find out who has an account elsewhere.
 */
export async function addStaffMember(
  db: Db,
  clock: Clock,
  key: LinkKey,
  actor: StaffMember,
  form: StaffForm,
): Promise<FormResult<AddedStaff>> {
  assertManager(actor);
  const checked = await checkNewMember(db, actor, form);
  if (!checked.ok) return checked;
  const { email, name, role, venue } = checked.value;
  const mail = { key, by: actor.name, ...(isLanguage(form.language) && { language: form.language }) };
  if (venue && actor.role !== 'admin') {
    await inviteToVenue(db, clock, mail, actor, venue, { email, name, role, venueId: venue.id });
    return { ok: true, value: { email, member: null, setupToken: null } };
  }
  const added = await addStaff(db, clock, { email, name, role, venue: venue?.slug }, actor, mail);
  return { ok: true, value: { email, member: added.member, setupToken: outranks(actor, role) ? added.setupToken : null } };
}

/**
 * A manager's invitation of an address to their venue, whose outcome the manager cannot observe:
 * their venue's activity log gets the same `staff.invited` entry in every case, and a new member
 * stays out of their staff list until setup is complete. What happened is recorded for admins only
 * (no venue): a new account (`staff.added`); a member of the venue the manager may act on who never
 * completed setup gets their setup link again (`staff.setup_link_issued`: adding the address again
 * is how a manager re-sends it); for any other account nothing changes and its holder is told by
 * mail, at most once a day per venue (`staff.add_existing`).
 */
async function inviteToVenue(db: Db, clock: Clock, mail: SetupMail, actor: StaffMember, venue: Venue, invited: NewAccount): Promise<void> {
  const { email, role } = invited;
  await db.transaction().execute(async (trx) => {
    await recordActivity(trx, clock, { actor, venueId: venue.id, action: 'staff.invited', target: email, detail: { role } });
    const forAdmins = (action: string, detail: ActivityEntry['detail']) =>
      recordActivity(trx, clock, { actor, venueId: null, action, target: email, detail: { ...detail, venue: venue.slug } });
    const existing = await findStaffRowByEmail(trx, email);
    if (!existing) {
      await insertAccount(trx, clock, invited, mail);
      return forAdmins('staff.added', { role });
    }
    const pending = existing.venue_id === venue.id && !completedSetup(existing) && existing.disabled_at === null;
    if (pending && actsOn(actor, existing.role as Role)) {
      await resetSetupLink(trx, clock, existing, { ...mail, reason: 'added' });
      return forAdmins('staff.setup_link_issued', { delivery: 'mail' });
    }
    await forAdmins('staff.add_existing', {});
    await enqueueMail(trx, clock, {
      kind: 'account_exists',
      bookingId: null,
      recipient: existing.email,
      language: 'nl',
      detail: { by: actor.name, venue: venue.name },
      dedupeKey: `account_exists:${existing.id}:${venue.id}:${clock.now().toISOString().slice(0, 10)}`,
    });
  });
}

/**
 * Refuses to take away the last admin who can sign in. Locks the active admins first, so the
 * count holds until the change commits.
 */
async function assertNotLastAdmin(trx: Tx, clock: Clock, row: StaffRow): Promise<void> {
  if (row.role !== 'admin' || staffStateOf(row, clock.now()) !== 'active') return;
  if ((await lockActiveAdmins(trx)) <= 1) throw new DomainError('last_admin');
}

/** The activity log entry of a change to a member, under the member's venue. */
async function recordMemberChange(
  trx: Tx,
  clock: Clock,
  actor: StaffMember,
  client: string | null,
  row: StaffRow,
  action: string,
  detail?: ActivityEntry['detail'],
): Promise<void> {
  await recordActivity(trx, clock, { actor, venueId: row.venue_id, action, target: row.email, detail, client });
}

/** A new role (and, for an admin's change, venue) for another member; recorded. */
export async function changeStaffRole(
  db: Db,
  clock: Clock,
  actor: StaffMember,
  id: string,
  change: { role: string; venue: string },
  client: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findOtherInScope(trx, actor, id);
    const role = assignableRole(actor, change.role);
    const venue = await venueFor(trx, actor, role, change.venue);
    const venueId = venue?.id ?? null;
    if (role === row.role && venueId === row.venue_id) return;
    if (role !== 'admin') await assertNotLastAdmin(trx, clock, row);
    await updateStaff(trx, row.id, { role, venue_id: venueId, updated_at: clock.now().toISOString() });
    const detail: ActivityEntry['detail'] = { from: row.role, to: role };
    if (venueId !== row.venue_id) detail.venue = venue?.slug ?? null;
    await recordActivity(trx, clock, {
      actor,
      venueId: venueId ?? row.venue_id,
      action: 'staff.role_changed',
      target: row.email,
      detail,
      client,
    });
  });
}

/** Disables another member (ending all their sessions at once) or enables them again; recorded. */
export async function setStaffDisabled(
  db: Db,
  clock: Clock,
  actor: StaffMember,
  id: string,
  disabled: boolean,
  client: string | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findOtherInScope(trx, actor, id);
    if (disabled === (row.disabled_at !== null)) return;
    const now = clock.now().toISOString();
    if (disabled) {
      await assertNotLastAdmin(trx, clock, row);
      await updateStaff(trx, row.id, { disabled_at: now, updated_at: now });
      const ended = await deleteSessionsOf(trx, row.id);
      await recordMemberChange(trx, clock, actor, client, row, 'staff.disabled', { sessions_ended: ended });
    } else {
      await updateStaff(trx, row.id, { disabled_at: null, updated_at: now });
      await recordMemberChange(trx, clock, actor, client, row, 'staff.enabled');
    }
  });
}

/** Ends all of another member's sessions; recorded. Returns how many ended. */
export async function endStaffSessions(db: Db, clock: Clock, actor: StaffMember, id: string, client: string | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const row = await findOtherInScope(trx, actor, id);
    const ended = await deleteSessionsOf(trx, row.id);
    await recordMemberChange(trx, clock, actor, client, row, 'staff.sessions_ended', { ended });
    return ended;
  });
}

/**
 * A new setup link for another member the actor may act on (lost phone, forgotten password): their
 * password, second factor, recovery codes and sessions stop working at once, and the link goes to
 * them by mail only, never to the actor. Not for a disabled account, whose setup link would not open.
 */
export async function reissueStaffSetupLink(db: Db, clock: Clock, key: LinkKey, actor: StaffMember, id: string): Promise<StaffMember> {
  const row = await findOtherInScope(db, actor, id);
  if (row.disabled_at !== null) throw new DomainError('member_disabled');
  const member = toStaffMember(row);
  await reissueSetupLink(db, clock, member, actor, { key, by: actor.name });
  return member;
}
