import type { Insertable, Selectable } from 'kysely';
import type { Executor, StaffSessionTable } from '../../db/schema.js';

export type SessionRow = Selectable<StaffSessionTable>;

export async function insertSession(db: Executor, row: Insertable<StaffSessionTable>): Promise<void> {
  await db.insertInto('staff_sessions').values(row).execute();
}

export async function findSessionRow(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('staff_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Executor, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('staff_sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function markSessionReauthenticated(db: Executor, tokenHash: string, at: string): Promise<void> {
  await db.updateTable('staff_sessions').set({ reauthenticated_at: at }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionRow(db: Executor, tokenHash: string): Promise<number> {
  const result = await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends a member's sessions, all of them or all but one. Returns how many ended. */
export async function deleteSessionsOf(db: Executor, staffId: string, except?: string): Promise<number> {
  let q = db.deleteFrom('staff_sessions').where('staff_id', '=', staffId);
  if (except) q = q.where('token_hash', '<>', except);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function listSessionsOf(db: Executor, staffId: string): Promise<SessionRow[]> {
  return db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('two_factor_verified', '=', 1)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export interface ExpiryCutoffs {
  /** Sessions last seen before this are idle too long. */
  idle: string;
  /** Sessions created before this are past the absolute limit. */
  absolute: string;
  /** Half-finished logins (password only) created before this are abandoned. */
  pending: string;
}

export interface ExpiredSession {
  token_hash: string;
  two_factor_verified: number;
  staff_id: string;
  email: string;
  venue_id: string | null;
}

export async function listExpiredSessions(db: Executor, cutoffs: ExpiryCutoffs): Promise<ExpiredSession[]> {
  return db
    .selectFrom('staff_sessions')
    .innerJoin('staff', 'staff.id', 'staff_sessions.staff_id')
    .select(['staff_sessions.token_hash', 'staff_sessions.two_factor_verified', 'staff.id as staff_id', 'staff.email', 'staff.venue_id'])
    .where((eb) =>
      eb.or([
        eb('staff_sessions.last_seen_at', '<', cutoffs.idle),
        eb('staff_sessions.created_at', '<', cutoffs.absolute),
        eb.and([eb('staff_sessions.two_factor_verified', '=', 0), eb('staff_sessions.created_at', '<', cutoffs.pending)]),
      ]),
    )
    .execute();
}

/** Ends one of a member's own sessions; another member's session is not found. */
export async function deleteSessionOf(db: Executor, staffId: string, tokenHash: string): Promise<number> {
  const result = await db
    .deleteFrom('staff_sessions')
    .where('staff_id', '=', staffId)
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
