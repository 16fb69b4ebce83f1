import type { Executor, Tx } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { FieldsRefused } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { localDateOf } from '../shared/time.js';
import { insertPayment } from '../payments/payments.repository.js';
import { expireVoucher } from './voucher-expiry.service.js';
import {
  extendVoucher,
  findVoucher,
  findVoucherByHash,
  sumVoucherMovements,
  takeVoucherBalanceIfUnchanged,
  insertVoucherMovement,
  restoreVoucherBalance,
  takeVoucherBalance,
} from './vouchers.repository.js';
import {
  MIN_VALIDITY_MONTHS,
  normaliseVoucherCode,
  validUntilOf,
  type Voucher,
  voucherCodeKey,
  voucherRefusal,
  VoucherRefused,
} from './voucher.js';

/**
 * The voucher a code typed to pay at `venueId` names, usable today; throws VoucherRefused at the
 * field otherwise: `voucher_unknown` for a typo or one never issued (or not paid), and
 * `voucher_other_venue` for another venue's (its holder has the code: nothing is given away).
 */
export async function voucherToPay(db: Executor, clock: Clock, typed: string, venueId: string): Promise<Voucher> {
  if (typed.trim() === '') throw new FieldsRefused([{ field: 'voucherCode', code: 'required' }]);
  const plain = normaliseVoucherCode(typed);
  const voucher = plain === undefined ? undefined : await findVoucherByHash(db, voucherCodeKey(plain).hash);
  if (!voucher) throw new VoucherRefused('voucher_unknown');
  const refusal = voucherRefusal(voucher, venueId, localDateOf(clock.now()));
  if (refusal) throw new VoucherRefused(refusal);
  return voucher;
}

/** What a booking pays with a voucher. */
export interface Redemption {
  voucherId: string;
  bookingId: string;
  venueId: string;
  cents: number;
}

/**
 * Pays `cents` of a booking with a voucher, in the booking's transaction: takes them from its
 * balance (a conditional update: racing redemptions never take more than it holds; throws
 * `voucher_balance_changed` when it holds less now), records a `voucher` payment, paid at once,
 * and the ledger's movement. Returns the payment's id.
 */
export async function redeemVoucher(trx: Tx, clock: Clock, redemption: Redemption): Promise<string> {
  const now = clock.now();
  const stamp = now.toISOString();
  const after = await takeVoucherBalance(trx, redemption.voucherId, redemption.cents, localDateOf(now));
  if (after === undefined) throw new VoucherRefused('voucher_balance_changed');
  const paymentId = newId();
  await insertPayment(trx, {
    id: paymentId,
    booking_id: redemption.bookingId,
    venue_id: redemption.venueId,
    method: 'voucher',
    provider_id: null,
    amount_cents: redemption.cents,
    status: 'paid',
    checkout_url: null,
    recorded_by: null,
    note: '',
    created_at: stamp,
    updated_at: stamp,
    paid_at: stamp,
    voucher_id: redemption.voucherId,
  });
  await insertVoucherMovement(trx, {
    id: newId(),
    voucher_id: redemption.voucherId,
    venue_id: redemption.venueId,
    kind: 'redeem',
    amount_cents: -redemption.cents,
    balance_after_cents: after,
    booking_id: redemption.bookingId,
    payment_id: paymentId,
    created_at: stamp,
  });
  return paymentId;
}

/**
 * What the venue refunded of a voucher's online sale (in Mollie's dashboard: `refundedCents` in
 * all, as Mollie reports it) comes off its balance, as far as the balance goes, with a `sale_refund`
 * movement: a voucher whose purchase went back is not spent as well. Counts what earlier reports
 * took, so a report repeated takes nothing more; a compare-and-set on the balance keeps two reports
 * racing from both taking. Returns what it took now.
 */
export async function withdrawRefundedSale(trx: Tx, clock: Clock, voucherId: string, refundedCents: number): Promise<number> {
  const taken = -(await sumVoucherMovements(trx, voucherId, 'sale_refund'));
  const voucher = await findVoucher(trx, voucherId);
  if (!voucher || voucher.status !== 'active') return 0;
  const cents = Math.min(refundedCents - taken, voucher.balanceCents);
  if (cents <= 0) return 0;
  const after = await takeVoucherBalanceIfUnchanged(trx, voucherId, voucher.balanceCents, cents);
  if (after === undefined) return 0;
  await insertVoucherMovement(trx, {
    id: newId(),
    voucher_id: voucherId,
    venue_id: voucher.venueId,
    kind: 'sale_refund',
    amount_cents: -cents,
    balance_after_cents: after,
    created_at: clock.now().toISOString(),
  });
  return cents;
}

/** A refund of a voucher payment: its money goes back to the voucher. */
export interface Restoration {
  voucherId: string;
  venueId: string;
  bookingId: string;
  paymentId: string;
  refundId: string;
  cents: number;
  staffId: string | null;
}

/**
 * Gives a refund of a voucher payment back to the voucher, in the refund's transaction, with the
 * ledger's movement. A voucher past its date is valid again for the law's minimum from today:
 * money given back is the holder's to spend, not to lose the day it returns; what it still held
 * when its date passed expires first (as the nightly job would have), so only the refund returns.
 */
export async function restoreVoucher(trx: Tx, clock: Clock, restoration: Restoration): Promise<void> {
  const now = clock.now();
  const voucher = await findVoucher(trx, restoration.voucherId);
  if (voucher && voucher.validUntil < localDateOf(now) && voucher.balanceCents > 0) {
    const lapsed = { id: voucher.id, venue_id: voucher.venueId, balance_cents: voucher.balanceCents };
    // Not changed when the job (or another refund) expired it meanwhile: then nothing lapsed is left.
    await expireVoucher(trx, clock, lapsed, localDateOf(now));
  }
  const after = await restoreVoucherBalance(trx, restoration.voucherId, restoration.cents);
  await extendVoucher(trx, restoration.voucherId, localDateOf(now), validUntilOf(localDateOf(now), MIN_VALIDITY_MONTHS));
  await insertVoucherMovement(trx, {
    id: newId(),
    voucher_id: restoration.voucherId,
    venue_id: restoration.venueId,
    kind: 'restore',
    amount_cents: restoration.cents,
    balance_after_cents: after,
    booking_id: restoration.bookingId,
    payment_id: restoration.paymentId,
    refund_id: restoration.refundId,
    staff_id: restoration.staffId,
    created_at: now.toISOString(),
  });
}
