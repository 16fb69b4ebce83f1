import { createHash, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { FieldsRefused } from '../shared/field-errors.js';

/**
 * Gift vouchers: multi-purpose vouchers in the sense of the VAT rules (art. 30a-30b Directive
 * 2006/112/EC), a means of payment at one venue. Selling one carries no VAT; the booking it pays
 * carries the VAT of its own lines, and its invoice shows the voucher as paid already. Its code is a
 * bearer secret: only its SHA-256 is kept.
 */

/** How a voucher came about. */
export const VOUCHER_ORIGINS = ['sold_online', 'sold_desk', 'issued'] as const;
export type VoucherOrigin = (typeof VOUCHER_ORIGINS)[number];

/** `sale_refund`: what the venue refunded of a voucher's online sale (in Mollie's dashboard), taken off its balance. */
export const VOUCHER_MOVEMENT_KINDS = ['issue', 'redeem', 'restore', 'expire', 'sale_refund'] as const;
export type VoucherMovementKind = (typeof VOUCHER_MOVEMENT_KINDS)[number];

/**
 * The shortest validity Dutch law allows a gift voucher (art. 6:236 onder h BW, since 2022: at
 * least two years; shorter terms are void and the five-year limitation applies), and the
 * longest Groupz offers (that limitation period, art. 3:307 BW).
 */
export const MIN_VALIDITY_MONTHS = 24;
export const MAX_VALIDITY_MONTHS = 60;

/** Amounts a voucher is sold or issued for, in cents. */
export const MIN_VOUCHER_CENTS = 500;
export const MAX_VOUCHER_CENTS = 100_000;

// Crockford's base32 (no I, L, O, U): 256 is a multiple of 32, so `b % 32` has no bias.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16;

/** A new voucher code, `XXXX-XXXX-XXXX-XXXX`: 80 random bits, read out and typed easily. */
export function newVoucherCode(): string {
  const chars = [...randomBytes(CODE_LENGTH)].map((b) => ALPHABET[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/**
 * A typed code as Groupz compares it: upper case, without spaces or dashes, with the letters
 * Crockford's base32 reads as digits (O as 0, I and L as 1); undefined when it cannot be a code.
 */
export function normaliseVoucherCode(typed: string): string | undefined {
  const plain = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return plain.length === CODE_LENGTH && [...plain].every((c) => ALPHABET.includes(c)) ? plain : undefined;
}

/** What is stored of a code: its SHA-256, and its last four characters for staff. */
export function voucherCodeKey(code: string): { hash: string; hint: string } {
  const plain = normaliseVoucherCode(code);
  if (plain === undefined) throw new Error('not a voucher code');
  return { hash: createHash('sha256').update(`voucher:${plain}`).digest('hex'), hint: plain.slice(-4) };
}

/** The last date a voucher issued on `issuedOn` (YYYY-MM-DD) for `months` is valid. */
export function validUntilOf(issuedOn: string, months: number): string {
  return DateTime.fromISO(issuedOn, { zone: 'UTC' }).plus({ months }).toISODate()!;
}

/** Why a code typed to pay a booking is refused. */
export const VOUCHER_REFUSALS = [
  'voucher_unknown',
  'voucher_expired',
  'voucher_empty',
  'voucher_other_venue',
  'voucher_not_now',
  'voucher_balance_changed',
] as const;
export type VoucherRefusal = (typeof VOUCHER_REFUSALS)[number];

/** A voucher code refused, at the field it was typed in (`voucherCode`). */
export class VoucherRefused extends FieldsRefused {
  override readonly name = 'VoucherRefused';
  constructor(code: VoucherRefusal) {
    super([{ field: 'voucherCode', code }]);
  }
}

/** A voucher as staff and its holder see it. */
export interface Voucher {
  id: string;
  venueId: string;
  codeHint: string;
  initialCents: number;
  balanceCents: number;
  validUntil: string;
  status: 'pending' | 'active' | 'cancelled';
  origin: VoucherOrigin;
  buyerName: string;
  buyerEmail: string;
  recipientName: string;
  message: string;
  language: 'nl' | 'en';
  note: string;
  createdAt: Date;
  issuedAt: Date | null;
}

/** Whether a voucher can pay on `today` (an Amsterdam date): active, valid and not empty. */
export function voucherRefusal(voucher: Voucher, venueId: string, today: string): VoucherRefusal | undefined {
  if (voucher.status !== 'active') return 'voucher_unknown';
  if (voucher.venueId !== venueId) return 'voucher_other_venue';
  if (voucher.validUntil < today) return 'voucher_expired';
  if (voucher.balanceCents === 0) return 'voucher_empty';
  return undefined;
}

/** Which vouchers a list shows: usable (active, valid, with a balance), spent, past their date, or not paid yet. */
export const VOUCHER_LIST_STATUSES = ['active', 'spent', 'expired', 'pending'] as const;
export type VoucherListStatus = (typeof VOUCHER_LIST_STATUSES)[number];

/** The most vouchers one list shows (newest first). */
export const VOUCHER_LIST_LIMIT = 500;
