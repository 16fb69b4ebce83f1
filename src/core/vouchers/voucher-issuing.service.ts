import type { Tx } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { addLocalDays, daysBetween, localDateOf } from '../shared/time.js';
import { activatePendingVoucher, findVoucher, insertVoucher, insertVoucherMovement } from './vouchers.repository.js';
import { sealVoucherCode } from './voucher-code-box.js';
import { newVoucherCode, validUntilOf, voucherCodeKey, type VoucherOrigin } from './voucher.js';

/** A voucher to make: its amount and validity (checked by the caller), how it came about, and for whom. */
export interface NewVoucher {
  venueId: string;
  amountCents: number;
  validityMonths: number;
  origin: VoucherOrigin;
  buyerName?: string;
  buyerEmail?: string;
  recipientName?: string;
  message?: string;
  language: 'nl' | 'en';
  note?: string;
  /** The staff member who issued or sold it; null for one sold online. */
  issuedBy: string | null;
  /** Pending until paid (sold online); else usable at once. */
  pending: boolean;
}

/**
 * Makes a voucher in the caller's transaction and returns its id and code (kept hashed, to find it
 * by, and sealed under `secretKey`, to mail it: voucher-code-box.ts). One usable at once
 * gets its `issue` movement; a pending one gets it when activated (activateVoucher).
 */
export async function createVoucher(trx: Tx, clock: Clock, secretKey: Buffer, input: NewVoucher): Promise<{ id: string; code: string }> {
  const now = clock.now();
  const stamp = now.toISOString();
  const code = newVoucherCode();
  const key = voucherCodeKey(code);
  const id = newId();
  await insertVoucher(trx, {
    id,
    venue_id: input.venueId,
    code_hash: key.hash,
    code_hint: key.hint,
    code_sealed: sealVoucherCode(secretKey, id, code),
    initial_cents: input.amountCents,
    balance_cents: input.amountCents,
    valid_until: validUntilOf(localDateOf(now), input.validityMonths),
    status: input.pending ? 'pending' : 'active',
    origin: input.origin,
    buyer_name: input.buyerName ?? '',
    buyer_email: input.buyerEmail ?? '',
    recipient_name: input.recipientName ?? '',
    message: input.message ?? '',
    language: input.language,
    note: input.note ?? '',
    issued_by: input.issuedBy,
    created_at: stamp,
    issued_at: input.pending ? null : stamp,
  });
  if (!input.pending) await recordIssue(trx, clock, id, input.venueId, input.amountCents, input.issuedBy);
  return { id, code };
}

/**
 * Makes a pending voucher usable (its sale was paid): once, whatever number of times it is asked
 * (true the one time it changed it). Its validity runs from the day it is paid: a payment that
 * took days (a bank transfer) shifts its last day by as many, so it is valid as long as promised.
 */
export async function activateVoucher(trx: Tx, clock: Clock, id: string): Promise<boolean> {
  const voucher = await findVoucher(trx, id);
  if (!voucher || voucher.status !== 'pending') return false;
  const today = localDateOf(clock.now());
  const validUntil = addLocalDays(voucher.validUntil, daysBetween(localDateOf(voucher.createdAt), today));
  const activated = await activatePendingVoucher(trx, id, clock.now().toISOString(), validUntil);
  if (activated) await recordIssue(trx, clock, id, activated.venue_id, activated.initial_cents, null);
  return activated !== undefined;
}

async function recordIssue(trx: Tx, clock: Clock, voucherId: string, venueId: string, cents: number, staffId: string | null) {
  await insertVoucherMovement(trx, {
    id: newId(),
    voucher_id: voucherId,
    venue_id: venueId,
    kind: 'issue',
    amount_cents: cents,
    balance_after_cents: cents,
    staff_id: staffId,
    created_at: clock.now().toISOString(),
  });
}
