import { recordActivity } from '../activity-log/activity-log.service.js';
import type { Db, Executor, Tx } from '../../db/schema.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Clock } from '../shared/clock.js';
import { hashToken, newToken } from '../shared/ids.js';
import {
  deleteSessionOf,
  deleteSessionRow,
  deleteSessionsOf,
  listExpiredSessions,
  findSessionRow,
  insertSession,
  type SessionRow,
  touchSession,
} from './session.repository.js';
import { findStaffRow, toStaffMember } from './staff.repository.js';
import type { StaffMember } from './staff.js';

export interface SessionSettings {
  /** Seconds without a request after which a session ends (GROUPZ_SESSION_IDLE_TIMEOUT). */
  idleTimeoutSeconds: number;
  /** Seconds after login after which a session ends however active (GROUPZ_SESSION_ABSOLUTE_TIMEOUT). */
  absoluteTimeoutSeconds: number;
}

/** After the password, the second factor is due within this many seconds. */
export const SECOND_FACTOR_WINDOW_SECONDS = 5 * 60;

export interface Session {
  tokenHash: string;
  staffId: string;
  twoFactorVerified: boolean;
  createdAt: Date;
  lastSeenAt: Date;
  reauthenticatedAt: Date | null;
  userAgent: string;
}

function toSession(row: SessionRow): Session {
  return {
    tokenHash: row.token_hash,
    staffId: row.staff_id,
    twoFactorVerified: row.two_factor_verified === 1,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    reauthenticatedAt: row.reauthenticated_at ? new Date(row.reauthenticated_at) : null,
    userAgent: row.user_agent,
  };
}

/** A new session with a fresh 256-bit token; only its hash is stored. Returns the token for the cookie. */
export async function startSession(
  db: Executor,
  clock: Clock,
  staffId: string,
  { verified, userAgent }: { verified: boolean; userAgent: string },
): Promise<string> {
  const token = newToken();
  const now = clock.now().toISOString();
  await insertSession(db, {
    token_hash: hashToken(token),
    staff_id: staffId,
    two_factor_verified: verified ? 1 : 0,
    created_at: now,
    last_seen_at: now,
    reauthenticated_at: verified ? now : null,
    user_agent: userAgent.slice(0, 200),
  });
  return token;
}

function isExpired(session: Session, now: Date, settings: SessionSettings): boolean {
  const age = now.getTime() - session.createdAt.getTime();
  const idle = now.getTime() - session.lastSeenAt.getTime();
  if (!session.twoFactorVerified && age > SECOND_FACTOR_WINDOW_SECONDS * 1000) return true;
  return idle > settings.idleTimeoutSeconds * 1000 || age > settings.absoluteTimeoutSeconds * 1000;
}

export type SessionLookup =
  { state: 'none' } | { state: 'expired'; staff: StaffMember | undefined } | { state: 'valid'; session: Session; staff: StaffMember };

/**
 * The session a cookie names. An expired session is deleted on the spot (with its timeout's entry in
 * the activity log, in one transaction) and reported as such; a valid one counts this request as activity
 * (the idle clock restarts).
 */
export async function resolveSession(db: Db, clock: Clock, settings: SessionSettings, token: string): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const row = await findSessionRow(db, tokenHash);
  if (!row) return { state: 'none' };
  const session = toSession(row);
  const now = clock.now();
  const staffRow = await findStaffRow(db, session.staffId);
  if (isExpired(session, now, settings)) {
    const staff = staffRow && toStaffMember(staffRow);
    await db.transaction().execute(async (trx) => {
      await deleteSessionRow(trx, tokenHash);
      if (staff && session.twoFactorVerified) await recordTimeout(trx, clock, staff);
    });
    return { state: 'expired', staff };
  }
  if (!staffRow || staffRow.disabled_at !== null) {
    await deleteSessionRow(db, tokenHash);
    return { state: 'none' };
  }
  // A database that cannot take the write now (its disk full, another process's lock) leaves the
  // idle clock where it was: the session still ends no later than it would have, and the back
  // office's pages that only read go on working.
  const touched = await touchSession(db, tokenHash, now.toISOString()).then(
    () => true,
    (error: unknown) => {
      if (isDatabaseUnavailable(error)) return false;
      throw error;
    },
  );
  return { state: 'valid', session: { ...session, lastSeenAt: touched ? now : session.lastSeenAt }, staff: toStaffMember(staffRow) };
}

/**
 * Ends the session a cookie names. A signed-in member's logout is recorded, in the transaction that
 * ends the session; a cookie of no valid session is simply ended.
 */
export async function logOut(
  db: Db,
  clock: Clock,
  token: string,
  signedIn?: { member: Pick<StaffMember, 'id' | 'email' | 'venueId'>; client: string | null },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (signedIn) {
      const { member, client } = signedIn;
      await recordActivity(trx, clock, { actor: member, venueId: member.venueId, action: 'auth.logout', target: member.email, client });
    }
    await deleteSessionRow(trx, hashToken(token));
  });
}

/** Which of their own sessions a member ends: all but the one they use, or one by its token's hash. */
export type OwnSessions = { allBut: string } | { one: string };

/**
 * Ends sessions of a member's own (another member's session is not found) and logs how many
 * ended, in one transaction; with nothing to end the entry says none. Returns how many ended.
 */
export async function endOwnSessions(
  db: Db,
  clock: Clock,
  member: Pick<StaffMember, 'id' | 'email' | 'venueId'>,
  which: OwnSessions | null,
  client: string | null,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let ended = 0;
    if (which && 'allBut' in which) ended = await deleteSessionsOf(trx, member.id, which.allBut);
    else if (which) ended = await deleteSessionOf(trx, member.id, which.one);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: member.venueId,
      action: 'auth.sessions_ended',
      target: member.email,
      detail: { ended },
      client,
    });
    return ended;
  });
}

function recordTimeout(trx: Tx, clock: Clock, staff: Pick<StaffMember, 'id' | 'email' | 'venueId'>): Promise<void> {
  return recordActivity(trx, clock, { actor: staff, venueId: staff.venueId, action: 'auth.timeout', target: staff.email });
}

/**
 * Deletes every expired or abandoned session, whether or not its browser ever comes back, and
 * records each ended session's timeout in the transaction that deletes it. Returns how many it
 * deleted.
 */
export async function sweepExpiredSessions(db: Db, clock: Clock, settings: SessionSettings): Promise<number> {
  const now = clock.now().getTime();
  const before = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  const expired = await listExpiredSessions(db, {
    idle: before(settings.idleTimeoutSeconds),
    absolute: before(settings.absoluteTimeoutSeconds),
    pending: before(SECOND_FACTOR_WINDOW_SECONDS),
  });
  let deleted = 0;
  for (const row of expired) {
    const ended = await db.transaction().execute(async (trx) => {
      // Another instance's sweeper or the owner's request may have taken it already.
      if ((await deleteSessionRow(trx, row.token_hash)) === 0) return false;
      if (row.two_factor_verified === 1) await recordTimeout(trx, clock, { id: row.staff_id, email: row.email, venueId: row.venue_id });
      return true;
    });
    if (ended) deleted += 1;
  }
  return deleted;
}
