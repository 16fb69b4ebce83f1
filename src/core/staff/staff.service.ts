import { z } from 'zod';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { findVenue, findVenueBySlug } from '../catalog/catalog.repository.js';
import type { Db, Executor, Tx } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { textProblem, withoutControls } from '../shared/control-characters.js';
import { DomainError, type DomainErrorCode } from '../shared/errors.js';
import type { FieldError } from '../shared/field-errors.js';
import { hashToken, newId, newToken } from '../shared/ids.js';
import { hashPassword, type PasswordContext, passwordProblem } from './password.js';
import { hashRecoveryCode, newRecoveryCodes } from './recovery-codes.js';
import { seal, unseal } from './secret-box.js';
import { deleteSessionsOf } from './session.repository.js';
import {
  findStaffRowByEmail,
  findStaffRowBySetupHash,
  insertStaff,
  replaceRecoveryCodes,
  type StaffRow,
  updateStaff,
} from './staff.repository.js';
import type { Role, StaffMember } from './staff.js';
import { acceptedTotpStep, newTotpSecret } from './totp.js';
import { newSetupNonce, setupLinkToken } from './setup-links.js';
import type { LinkKey } from '../shared/link-key.js';
import type { Language } from '../shared/language.js';
import { enqueueMail } from '../outbox/outbox.service.js';

/** A setup link works for 24 hours. */
export const SETUP_LINK_HOURS = 24;

export interface NewStaff {
  email: string;
  name: string;
  role: Role;
  /** Venue slug or id; required for every role but admin, refused for admin. */
  venue?: string | undefined;
}

/**
 * An email as stored and looked up: trimmed, in lower case. Control characters (no address has
 * them, and PostgreSQL's text cannot hold U+0000) become U+FFFD, so such input matches nobody.
 */
export function normaliseEmail(email: string): string {
  return withoutControls(email.trim().toLowerCase());
}

/** RFC 5321's longest address: checked before any pattern looks at the text. */
export const EMAIL_MAX_LENGTH = 254;

/** The length first, then zod's address pattern (linear, as the booking form's): no input makes the check slow. */
export function isValidEmail(email: string): boolean {
  return email.length <= EMAIL_MAX_LENGTH && z.regexes.email.test(email);
}

/** A new member's invalid address and name, each at its field (`email`, `name`). */
export function staffFieldErrors(email: string, name: string): (FieldError & { code: DomainErrorCode })[] {
  const errors: (FieldError & { code: DomainErrorCode })[] = [];
  if (!isValidEmail(email) || textProblem(email)) errors.push({ field: 'email', code: 'email_invalid' });
  if (name.trim() === '' || name.length > 100 || textProblem(name)) errors.push({ field: 'name', code: 'name_invalid' });
  return errors;
}

/** Refuses an invalid address or name of a new member (the address first). */
export function assertStaffFields(email: string, name: string): void {
  const [first] = staffFieldErrors(email, name);
  if (first) throw new DomainError(first.code);
}

async function venueIdFor(db: Executor, role: Role, venue: string | undefined): Promise<string | null> {
  if (role === 'admin') {
    if (venue) throw new DomainError('venue_required', { role });
    return null;
  }
  if (!venue) throw new DomainError('venue_required', { role });
  const found = await findVenueBySlug(db, venue);
  if (!found) throw new DomainError('not_found', { venue });
  return found.id;
}

/** The sealed form of a TOTP secret, bound to its owner. */
export function sealTotpSecret(key: Buffer, staffId: string, secret: string): string {
  return seal(key, secret, `totp:${staffId}`);
}

export function openTotpSecret(key: Buffer, staffId: string, sealed: string): string {
  return unseal(key, sealed, `totp:${staffId}`);
}

/**
 * A new setup link, and the credential columns of an account that waits for it: no password, no
 * second factor yet. `totp_last_step` stays: set when a second factor is first confirmed, it marks
 * an account that completed setup once (see `completedSetup`), also after its link is re-issued.
 */
function newSetupLink(now: Date, token: string) {
  const credentials = {
    password_hash: null,
    totp_secret: null,
    totp_pending_secret: null,
    setup_token_hash: hashToken(token),
    setup_expires_at: new Date(now.getTime() + SETUP_LINK_HOURS * 3600_000).toISOString(),
  } satisfies Partial<StaffRow>;
  return { token, credentials };
}

/**
 * A setup link that goes to the member by mail: the key its token is made with, who made it (named
 * in the mail), and the mail's language when whoever added the member chose one (else Dutch and
 * English together: staff have no language setting).
 */
export interface SetupMail {
  key: LinkKey;
  by: string;
  language?: Language;
}

/**
 * Queues the mail that carries a member's setup link; only the nonce waits in the outbox (see
 * setup-links.ts). `reason` says whether the account is new or its link was re-issued.
 */
async function enqueueSetupMail(
  trx: Tx,
  clock: Clock,
  to: { id: string; email: string },
  { nonce, reason, by, language }: { nonce: string; reason: 'added' | 'reissued'; by: string; language?: Language | undefined },
): Promise<void> {
  await enqueueMail(trx, clock, {
    kind: 'account_setup_link',
    bookingId: null,
    recipient: to.email,
    language: language ?? 'nl',
    detail: { staff_id: to.id, nonce, reason, by, ...(language && { language }) },
    dedupeKey: `account_setup_link:${to.id}:${nonce}`,
  });
}

/** Whether a member ever completed setup (confirmed a second factor), even if their link was re-issued since. */
export function completedSetup(row: Pick<StaffRow, 'totp_last_step'>): boolean {
  return row.totp_last_step !== null;
}

/** A new account's fields, checked; `venueId` is null for a platform admin only. */
export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  venueId: string | null;
}

/**
 * Inserts an account without password or second factor, within the caller's transaction (which
 * records the activity log entry), and returns its one-time setup token. With `mail`, the link also goes
 * to the new member by mail.
 */
export async function insertAccount(
  trx: Tx,
  clock: Clock,
  { email, name, role, venueId }: NewAccount,
  mail?: SetupMail,
): Promise<{ member: StaffMember; setupToken: string }> {
  const instant = clock.now();
  const now = instant.toISOString();
  const id = newId();
  const nonce = newSetupNonce();
  const link = newSetupLink(instant, mail ? setupLinkToken(mail.key, id, nonce) : newToken());
  await insertStaff(trx, {
    id,
    email,
    name,
    role,
    venue_id: venueId,
    ...link.credentials,
    totp_last_step: null,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  });
  if (mail) await enqueueSetupMail(trx, clock, { id, email }, { nonce, reason: 'added', by: mail.by, language: mail.language });
  const member: StaffMember = { id, email, name, role, venueId, active: false, disabled: false, createdAt: now };
  return { member, setupToken: link.token };
}

/**
 * Creates an account without password or second factor and returns the one-time setup token. The
 * person sets both through the setup link; until then the account cannot log in. With `mail`,
 * the link also goes to the new member by mail, in the transaction that creates the account.
 */
export async function addStaff(
  db: Db,
  clock: Clock,
  input: NewStaff,
  actor: ActivityActor | null,
  mail?: SetupMail,
): Promise<{ member: StaffMember; setupToken: string }> {
  const email = normaliseEmail(input.email);
  const name = input.name.trim();
  assertStaffFields(email, name);
  return db.transaction().execute(async (trx) => {
    const venueId = await venueIdFor(trx, input.role, input.venue);
    if (await findStaffRowByEmail(trx, email)) throw new DomainError('email_taken');
    const added = await insertAccount(trx, clock, { email, name, role: input.role, venueId }, mail);
    await recordActivity(trx, clock, { actor, venueId, action: 'staff.added', target: email, detail: { role: input.role } });
    return added;
  });
}

/**
 * Gives an existing account a new setup link, within the caller's transaction (which records the
 * activity log entry): the old password, second factor, recovery codes and sessions stop working at once,
 * and the link goes to the member by mail only, which tells them by whom it was made and (`reason`)
 * whether it replaces their account's credentials or is their invitation sent again.
 */
export async function resetSetupLink(
  trx: Tx,
  clock: Clock,
  member: Pick<StaffMember, 'id' | 'email'>,
  mail: SetupMail & { reason: 'added' | 'reissued' },
): Promise<void> {
  const nonce = newSetupNonce();
  const link = newSetupLink(clock.now(), setupLinkToken(mail.key, member.id, nonce));
  await updateStaff(trx, member.id, { ...link.credentials, updated_at: clock.now().toISOString() });
  await replaceRecoveryCodes(trx, member.id, []);
  await deleteSessionsOf(trx, member.id);
  await enqueueSetupMail(trx, clock, member, { nonce, reason: mail.reason, by: mail.by, language: mail.language });
}

/**
 * A new setup link for an existing account (lost phone, forgotten password), recorded under the
 * member's venue; see resetSetupLink. Whoever re-issues it never sees it.
 */
export async function reissueSetupLink(db: Db, clock: Clock, member: StaffMember, actor: ActivityActor, mail: SetupMail): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await resetSetupLink(trx, clock, member, { ...mail, reason: 'reissued' });
    await recordActivity(trx, clock, {
      actor,
      venueId: member.venueId,
      action: 'staff.setup_link_issued',
      target: member.email,
      detail: { delivery: 'mail' },
    });
  });
}

/** The account a setup link belongs to, while the link is valid. */
export async function findSetupAccount(db: Executor, clock: Clock, token: string): Promise<StaffRow> {
  const row = await findStaffRowBySetupHash(db, hashToken(token));
  if (!row || !row.setup_expires_at || row.setup_expires_at <= clock.now().toISOString() || row.disabled_at) {
    throw new DomainError('setup_link_invalid');
  }
  return row;
}

/** What a member's password must not be built on: their address, their venue's name, slug and city. */
export async function passwordContextOf(db: Executor, member: { email: string; venueId: string | null }): Promise<PasswordContext> {
  const venue = member.venueId ? await findVenue(db, member.venueId) : undefined;
  return { email: member.email, venueNames: venue ? [venue.name, venue.slug, venue.city] : [] };
}

/** Refuses a new password for the member (see passwordProblem). */
export async function assertPasswordAllowed(
  db: Executor,
  member: { email: string; venueId: string | null },
  password: string,
): Promise<void> {
  const problem = await passwordProblem(password, await passwordContextOf(db, member));
  if (problem) throw new DomainError(problem);
}

/** Step 1 of setup: the password. Prepares a fresh TOTP secret to enrol next. */
export async function setSetupPassword(db: Db, clock: Clock, key: Buffer, token: string, password: string): Promise<void> {
  const row = await findSetupAccount(db, clock, token);
  await assertPasswordAllowed(db, { email: row.email, venueId: row.venue_id }, password);
  const hash = await hashPassword(password);
  await updateStaff(db, row.id, {
    password_hash: hash,
    totp_pending_secret: sealTotpSecret(key, row.id, newTotpSecret()),
    updated_at: clock.now().toISOString(),
  });
}

/** The TOTP secret being enrolled, in clear, to show as QR code and text. */
export function pendingTotpSecret(key: Buffer, row: StaffRow): string | null {
  return row.totp_pending_secret ? openTotpSecret(key, row.id, row.totp_pending_secret) : null;
}

/**
 * Confirms a pending TOTP secret with a valid code, makes it the account's second factor, and
 * returns 10 new recovery codes (shown once; only hashes are kept). Other sessions end.
 */
export async function confirmTotpEnrolment(
  db: Db,
  clock: Clock,
  key: Buffer,
  row: StaffRow,
  code: string,
  { keepSession, actor }: { keepSession?: string; actor: ActivityActor },
): Promise<string[]> {
  const secret = pendingTotpSecret(key, row);
  if (!secret) throw new DomainError('code_invalid');
  const step = acceptedTotpStep(secret, code, clock.now(), null);
  if (step === null) throw new DomainError('code_invalid');
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await updateStaff(trx, row.id, {
      totp_secret: row.totp_pending_secret,
      totp_pending_secret: null,
      totp_last_step: step,
      setup_token_hash: null,
      setup_expires_at: null,
      updated_at: clock.now().toISOString(),
    });
    await replaceRecoveryCodes(trx, row.id, codes.map(hashRecoveryCode));
    await deleteSessionsOf(trx, row.id, keepSession);
    await recordActivity(trx, clock, { actor, venueId: row.venue_id, action: 'staff.second_factor_enrolled', target: row.email });
  });
  return codes;
}
