import type { Db, Executor } from '../../db/schema.js';
import type { NumberWriting } from '../catalog/admin-fields.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { findVenueInScope, listVenuesInScope } from '../catalog/activity-admin.repository.js';
import type { Venue } from '../catalog/activity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { FormResult } from '../shared/field-errors.js';
import { localDateOf } from '../shared/time.js';
import { type ScopedMember, venueScopeOf } from '../shared/venue-scope.js';
import { can, type StaffMember } from '../staff/staff.js';
import { findVoucherSeal, type LedgerLine, listLedgerLines, listVoucherHints, listVouchersOf } from './voucher-admin.repository.js';
import { openVoucherCode } from './voucher-code-box.js';
import { parseVoucherForm, type VoucherForm } from './voucher-form.js';
import { createVoucher } from './voucher-issuing.service.js';
import { enqueueVoucherMail } from './voucher-mail.service.js';
import type { Voucher, VoucherListStatus } from './voucher.js';
import { findVoucher } from './vouchers.repository.js';

/** The staff member who reads or issues vouchers: who they are, their role, the venues they reach. */
export type VoucherMember = ActivityActor & ScopedMember & Pick<StaffMember, 'role'>;

/** How long after issuing a voucher the member who issued it sees its full code (to hand it over or print it). */
export const ISSUED_CODE_MINUTES = 15;

/** The venues a member issues vouchers for and lists them of. */
export function voucherVenues(db: Db, member: VoucherMember): Promise<Venue[]> {
  return listVenuesInScope(db, venueScopeOf(member));
}

/**
 * The vouchers of the venues in the member's scope (any role may look), or of one of them, in a
 * state on today's Amsterdam date; newest first. A venue outside the scope lists nothing.
 */
export async function listVenueVouchers(
  db: Db,
  clock: Clock,
  member: VoucherMember,
  filter: { status?: VoucherListStatus | undefined; venueId?: string | undefined },
): Promise<{ vouchers: Voucher[]; venues: Venue[]; today: string }> {
  const venues = await voucherVenues(db, member);
  const ids = venues.map((v) => v.id).filter((id) => filter.venueId === undefined || id === filter.venueId);
  const today = localDateOf(clock.now());
  return { vouchers: await listVouchersOf(db, ids, filter.status, today), venues, today };
}

/** A voucher of a venue in the member's scope with its ledger, or not_found: another venue's id finds nothing. */
export async function readVoucher(
  db: Db,
  member: VoucherMember,
  id: string,
): Promise<{ voucher: Voucher; venue: Venue; ledger: LedgerLine[] }> {
  const voucher = await findVoucher(db, id);
  const venue = voucher && (await findVenueInScope(db, venueScopeOf(member), voucher.venueId));
  if (!voucher || !venue) throw new DomainError('not_found');
  return { voucher, venue, ledger: await listLedgerLines(db, id) };
}

/**
 * The full code of a voucher the member issued less than ISSUED_CODE_MINUTES ago, to hand over or
 * print; undefined otherwise (later, and for anyone else, staff see its last four characters only).
 */
export async function readIssuedCode(
  db: Db,
  clock: Clock,
  secretKey: Buffer,
  member: VoucherMember,
  id: string,
): Promise<string | undefined> {
  await readVoucher(db, member, id);
  const seal = await findVoucherSeal(db, id);
  if (!seal || seal.issued_by !== member.id || seal.issued_at === null) return undefined;
  const age = clock.now().getTime() - new Date(seal.issued_at).getTime();
  return age >= 0 && age < ISSUED_CODE_MINUTES * 60_000 ? openVoucherCode(secretKey, id, seal.code_sealed) : undefined;
}

/**
 * Issues a voucher for a venue in the member's scope (the one chosen, for admins; else their own):
 * given away or sold at the desk (paid there), usable at once, with its `issue` movement and an
 * activity log entry naming its last four characters (never its code), in one transaction. Roles
 * that handle bookings may; viewers may not (not_allowed). Numbers are read as written in `lang`,
 * the page's language.
 */
export async function issueVoucher(
  db: Db,
  clock: Clock,
  secretKey: Buffer,
  member: VoucherMember,
  form: VoucherForm,
  lang: NumberWriting,
): Promise<FormResult<{ id: string }>> {
  if (!can(member, 'bookings.write')) throw new DomainError('not_allowed');
  const venueId = form.venueId.trim() || member.venueId;
  const parsed = parseVoucherForm(form, lang);
  // No venue chosen is one fault among the form's others: all are named at once.
  if (!venueId) return { ok: false, errors: [{ field: 'venueId', code: 'required' }, ...(parsed.ok ? [] : parsed.errors)] };
  const venue = await findVenueInScope(db, venueScopeOf(member), venueId);
  if (!venue) throw new DomainError('not_found');
  if (!parsed.ok) return parsed;
  const terms = parsed.value;
  const id = await db.transaction().execute(async (trx) => {
    const made = await createVoucher(trx, clock, secretKey, { ...terms, venueId: venue.id, issuedBy: member.id, pending: false });
    const hint = made.code.replace(/-/g, '').slice(-4);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: venue.id,
      action: 'voucher.issued',
      target: `•••• ${hint}`,
      detail: { amount_cents: terms.amountCents, origin: terms.origin, valid_months: terms.validityMonths },
    });
    // With the buyer's address, the voucher goes to them by mail (its code opened from its seal as it is sent).
    await enqueueVoucherMail(trx, clock, made.id);
    return made.id;
  });
  return { ok: true, value: { id } };
}

/**
 * Mails a voucher of the member's venues to its buyer again (a mail lost, a code mislaid), with an
 * activity-log entry; throws `not_found` for another venue's voucher. False, having sent nothing,
 * for one without a buyer's address or not usable (pending, cancelled).
 */
export async function mailVoucherAgain(db: Db, clock: Clock, member: VoucherMember, id: string): Promise<boolean> {
  if (!can(member, 'bookings.write')) throw new DomainError('not_allowed');
  const { voucher, venue } = await readVoucher(db, member, id);
  return db.transaction().execute(async (trx) => {
    if (!(await enqueueVoucherMail(trx, clock, voucher.id, { again: clock.now().toISOString() }))) return false;
    await recordActivity(trx, clock, { actor: member, venueId: venue.id, action: 'voucher.mailed', target: `•••• ${voucher.codeHint}` });
    return true;
  });
}

/** The last four characters of these vouchers' codes, by id (a booking's voucher payments name them). */
export function voucherHints(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  return listVoucherHints(db, [...new Set(ids)]);
}
