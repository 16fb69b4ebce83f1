import { recordActivity } from '../activity-log/activity-log.service.js';
import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { hashPassword } from './password.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { deleteSessionsOf, listSessionsOf, type SessionRow } from './session.repository.js';
import type { Session } from './session.service.js';
import { countUnusedRecoveryCodes, findStaffRow, replaceRecoveryCodes, type StaffRow, updateStaff } from './staff.repository.js';
import { assertPasswordAllowed, sealTotpSecret } from './staff.service.js';
import type { StaffMember } from './staff.js';
import { newTotpSecret } from './totp.js';

/**
 * A member's own changes to their credentials. Each needs a recent re-authentication (the caller
 * checks it), and changing the password or the second factor ends every other session.
 */
export async function changePassword(db: Db, clock: Clock, member: StaffMember, session: Session, password: string): Promise<void> {
  await assertPasswordAllowed(db, member, password);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await updateStaff(trx, member.id, { password_hash: hash, updated_at: clock.now().toISOString() });
    const ended = await deleteSessionsOf(trx, member.id, session.tokenHash);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: member.venueId,
      action: 'staff.password_changed',
      target: member.email,
      detail: { sessionsEnded: ended },
    });
  });
}

/** Prepares a new TOTP secret to enrol; the current one keeps working until the new one is confirmed. */
export async function startTotpReenrolment(db: Db, clock: Clock, key: Buffer, member: StaffMember): Promise<void> {
  await updateStaff(db, member.id, {
    totp_pending_secret: sealTotpSecret(key, member.id, newTotpSecret()),
    updated_at: clock.now().toISOString(),
  });
}

/** What a member's account page shows of their own: signed-in sessions, last seen first, and recovery codes left. */
export async function readOwnAccount(db: Db, member: StaffMember): Promise<{ sessions: SessionRow[]; recoveryCodesLeft: number }> {
  const sessions = await listSessionsOf(db, member.id);
  return { sessions, recoveryCodesLeft: await countUnusedRecoveryCodes(db, member.id) };
}

export async function ownStaffRow(db: Db, member: StaffMember): Promise<StaffRow> {
  const row = await findStaffRow(db, member.id);
  if (!row) throw new DomainError('not_found');
  return row;
}

/** Ten new recovery codes; the old ones stop working. Returned once, stored hashed. */
export async function regenerateRecoveryCodes(db: Db, clock: Clock, member: StaffMember): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await replaceRecoveryCodes(trx, member.id, codes.map(hashRecoveryCode));
    await recordActivity(trx, clock, {
      actor: member,
      venueId: member.venueId,
      action: 'staff.recovery_codes_renewed',
      target: member.email,
    });
  });
  return codes;
}
