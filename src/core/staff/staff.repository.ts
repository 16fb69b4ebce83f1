import type { Insertable, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { Database, Executor, StaffTable } from '../../db/schema.js';
import { jsonArrayOf, rowsOfJsonArray } from '../../db/json-array.js';
import { prepared } from '../../db/prepared-query.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { Role, StaffMember } from './staff.js';

export type StaffRow = Selectable<StaffTable>;

export function toStaffMember(row: StaffRow): StaffMember {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    venueId: row.venue_id,
    active: row.password_hash !== null && row.totp_secret !== null,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

export async function insertStaff(db: Executor, row: Insertable<StaffTable>): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

export async function findStaffRow(db: Executor, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStaffRowByEmail(db: Executor, email: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findStaffRowBySetupHash(db: Executor, hash: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('setup_token_hash', '=', hash).executeTakeFirst();
}

/** A member within a scope: another venue's member is simply not found. */
export async function findStaffInScope(db: Executor, scope: VenueScope, id: string): Promise<StaffRow | undefined> {
  let q = db.selectFrom('staff').selectAll().where('id', '=', id);
  if (!scope.all) q = q.where('venue_id', '=', scope.venueId);
  return q.executeTakeFirst();
}

export async function listStaffInScope(db: Executor, scope: VenueScope): Promise<StaffRow[]> {
  let q = db.selectFrom('staff').selectAll();
  if (!scope.all) q = q.where('venue_id', '=', scope.venueId);
  return q.orderBy('name').orderBy('email').execute();
}

export async function updateStaff(db: Executor, id: string, patch: Updateable<StaffTable>): Promise<void> {
  await db.updateTable('staff').set(patch).where('id', '=', id).execute();
}

/**
 * Records `step` as the last accepted TOTP step, only if it is newer than the stored one. One
 * conditional UPDATE, so two requests racing with the same code cannot both succeed.
 */
export async function advanceTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Executor, staffId: string, hashes: string[]): Promise<void> {
  await db.deleteFrom('recovery_codes').where('staff_id', '=', staffId).execute();
  // No codes at all (a re-issued setup link) is a plain delete: an INSERT of no rows is not valid SQL.
  if (hashes.length === 0) return;
  await db
    .insertInto('recovery_codes')
    .values(hashes.map((code_hash) => ({ staff_id: staffId, code_hash, used_at: null })))
    .execute();
}

/** Marks an unused code as used; false when it does not exist or was used before. */
export async function useRecoveryCode(db: Executor, staffId: string, hash: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('staff_id', '=', staffId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Executor, staffId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Who may hear about a venue's bookings, in one query: its set-up, enabled managers and staff (not
 * viewers), and the platform's set-up, enabled admins.
 */
export async function listNoticeEmails(db: Executor, venueId: string): Promise<NoticeEmails> {
  return noticeEmailsAmong(await noticeStaff.rows(db, { venueId }));
}

/** The addresses listNoticeEmails finds: the venue's managers and staff, and the platform's admins. */
export interface NoticeEmails {
  venueStaff: string[];
  admins: string[];
}

/** The members listNoticeEmails reads, as a column of another query (a JSON array): read it with noticeEmailsAmong. */
export function noticeStaffColumn(db: Executor, venueId: string) {
  return jsonArrayOf(db, noticeStaffOf(db, venueId));
}

/** The addresses among the members of a venue's noticeStaffOf (its rows, or its column's). */
export function noticeEmailsAmong(column: { email: string; role: string }[] | string): NoticeEmails {
  const rows = rowsOfJsonArray(column);
  const emailsOf = (admin: boolean) => rows.filter((row) => (row.role === 'admin') === admin).map((row) => row.email);
  return { venueStaff: emailsOf(false), admins: emailsOf(true) };
}

function noticeStaffOf(db: Executor, venueId: string) {
  return setUp(
    db
      .selectFrom('staff')
      .select(['email', 'role'])
      .where((eb) => eb.or([eb.and([eb('venue_id', '=', venueId), eb('role', 'in', ['manager', 'staff'])]), eb('role', '=', 'admin')])),
  );
}

const noticeStaff = prepared((db, p: { venueId: string }) => noticeStaffOf(db, p.venueId));

/** Where the platform's alerts (failed backups) go: its set-up, enabled admins. */
export async function listAdminEmails(db: Executor): Promise<string[]> {
  return noticeEmails(db.selectFrom('staff').where('role', '=', 'admin'));
}

async function noticeEmails(members: SelectQueryBuilder<Database, 'staff', object>): Promise<string[]> {
  const rows = await setUp(members.select('email')).execute();
  return rows.map((row) => row.email);
}

/** The members set up (password and second factor) and not disabled, by address. */
function setUp<O>(members: SelectQueryBuilder<Database, 'staff', O>): SelectQueryBuilder<Database, 'staff', O> {
  return members
    .where('disabled_at', 'is', null)
    .where('password_hash', 'is not', null)
    .where('totp_secret', 'is not', null)
    .orderBy('email');
}
