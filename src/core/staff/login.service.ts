import { recordActivity, recordActivityEvent } from '../activity-log/activity-log.service.js';
import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { decoyPasswordHash, verifyPassword } from './password.js';
import { hashRecoveryCode, looksLikeRecoveryCode } from './recovery-codes.js';
import { deleteSessionRow, markSessionReauthenticated } from './session.repository.js';
import { type Session, startSession } from './session.service.js';
import { advanceTotpStep, findStaffRow, findStaffRowByEmail, type StaffRow, useRecoveryCode } from './staff.repository.js';
import { normaliseEmail, openTotpSecret } from './staff.service.js';
import type { StaffMember } from './staff.js';
import { chargeAttempt, settleSuccess, THROTTLE_RULES, type ThrottleCharge } from '../throttles/throttle.js';
import { acceptedTotpStep } from './totp.js';

/** Where an attempt comes from: the client's network (for throttling and the activity log) and browser. */
export interface ClientInfo {
  network: string | null;
  userAgent: string;
}

function clientCharge(client: ClientInfo): ThrottleCharge[] {
  return client.network ? [{ rule: THROTTLE_RULES.client, subject: client.network }] : [];
}

/**
 * Runs an attempt and records its refusal: against the account when the identifier names one, else
 * as an unknown account without the typed text (which may be a password typed into the wrong field).
 */
async function recordingRefusal<T>(db: Db, clock: Clock, row: StaffRow | undefined, client: ClientInfo, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DomainError) {
      const action =
        error.code === 'throttled' ? 'auth.throttled' : error.code === 'code_invalid' ? 'auth.second_factor_failed' : 'auth.login_failed';
      await recordActivityEvent(
        db,
        clock,
        row
          ? { actor: { id: row.id, email: row.email }, venueId: row.venue_id, action, target: row.email, client: client.network }
          : { actor: null, venueId: null, action, detail: { account: 'unknown' }, client: client.network },
      );
    }
    throw error;
  }
}

/**
 * Step 1 of login. The same answer (`login_failed`) and the same work (one argon2 verification)
 * for an unknown email, a disabled or unfinished account and a wrong password, so the answer
 * tells nothing about who has an account. Throttled per email and per client network.
 * Returns the token of a session that has passed the password only.
 */
export async function loginWithPassword(db: Db, clock: Clock, email: string, password: string, client: ClientInfo): Promise<string> {
  const address = normaliseEmail(email).slice(0, 254);
  const row = await findStaffRowByEmail(db, address);
  return recordingRefusal(db, clock, row, client, async () => {
    const charges = [{ rule: THROTTLE_RULES.accountPassword, subject: address }, ...clientCharge(client)];
    await chargeAttempt(db, clock, charges);
    const usable = row && row.password_hash && row.totp_secret && !row.disabled_at;
    const matches = await verifyPassword(usable ? row.password_hash! : await decoyPasswordHash(), password);
    if (!usable || !matches) throw new DomainError('login_failed');
    await settleSuccess(db, charges);
    return startSession(db, clock, row.id, { verified: false, userAgent: client.userAgent });
  });
}

/**
 * Checks a TOTP code (never the same step twice) or an unused recovery code (used up on success)
 * of a member. Throttled per account and client network.
 */
async function checkSecondFactor(
  db: Db,
  clock: Clock,
  key: Buffer,
  row: StaffRow,
  code: string,
  client: ClientInfo,
): Promise<'totp' | 'recovery'> {
  const charges = [{ rule: THROTTLE_RULES.accountSecondFactor, subject: row.id }, ...clientCharge(client)];
  await chargeAttempt(db, clock, charges);
  let kind: 'totp' | 'recovery' | null = null;
  if (row.totp_secret && /^\s*\d{3}\s?\d{3}\s*$/.test(code)) {
    const step = acceptedTotpStep(openTotpSecret(key, row.id, row.totp_secret), code, clock.now(), row.totp_last_step);
    if (step !== null && (await advanceTotpStep(db, row.id, step))) kind = 'totp';
  } else if (looksLikeRecoveryCode(code) && (await useRecoveryCode(db, row.id, hashRecoveryCode(code), clock.now().toISOString()))) {
    kind = 'recovery';
  }
  if (!kind) throw new DomainError('code_invalid');
  await settleSuccess(db, charges);
  return kind;
}

/**
 * Step 2 of login, on a session that passed the password step: a valid code ends that session and
 * starts a new, verified one (a new token at every login), recorded in the same transaction.
 * Returns the new token.
 */
export async function completeLogin(
  db: Db,
  clock: Clock,
  key: Buffer,
  pending: Session,
  code: string,
  client: ClientInfo,
): Promise<string> {
  const row = await findStaffRow(db, pending.staffId);
  if (!row || row.disabled_at) throw new DomainError('login_failed');
  return recordingRefusal(db, clock, row, client, async () => {
    const kind = await checkSecondFactor(db, clock, key, row, code, client);
    return db.transaction().execute(async (trx) => {
      await deleteSessionRow(trx, pending.tokenHash);
      const token = await startSession(trx, clock, row.id, { verified: true, userAgent: client.userAgent });
      await recordActivity(trx, clock, {
        actor: { id: row.id, email: row.email },
        venueId: row.venue_id,
        action: 'auth.login',
        target: row.email,
        detail: { secondFactor: kind },
        client: client.network,
      });
      return token;
    });
  });
}

/** How long a re-authentication lets a member change their password or second factor. */
export const REAUTHENTICATION_SECONDS = 5 * 60;

/** Proves again, with password and code, that the person at the keyboard is the member. */
export async function reauthenticate(
  db: Db,
  clock: Clock,
  key: Buffer,
  member: StaffMember,
  session: Session,
  { password, code }: { password: string; code: string },
  client: ClientInfo,
): Promise<void> {
  const row = await findStaffRow(db, member.id);
  if (!row?.password_hash) throw new DomainError('password_wrong');
  await recordingRefusal(db, clock, row, client, async () => {
    const charges = [{ rule: THROTTLE_RULES.accountPassword, subject: row.email }, ...clientCharge(client)];
    await chargeAttempt(db, clock, charges);
    if (!(await verifyPassword(row.password_hash!, password))) throw new DomainError('password_wrong');
    await settleSuccess(db, charges);
    await checkSecondFactor(db, clock, key, row, code, client);
  });
  await markSessionReauthenticated(db, session.tokenHash, clock.now().toISOString());
}

/** Whether the session re-authenticated recently enough for a sensitive change. */
export function isRecentlyReauthenticated(session: Session, clock: Clock): boolean {
  return (
    session.reauthenticatedAt !== null && clock.now().getTime() - session.reauthenticatedAt.getTime() <= REAUTHENTICATION_SECONDS * 1000
  );
}
