import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { text } from '../bookings/booking-input.js';
import { mailboxOf } from '../bookings/booking-limits.js';
import { decimalText } from '../catalog/admin-fields.js';
import { type FieldError, fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import type { Language } from '../shared/language.js';
import type { LinkKey } from '../shared/link-key.js';
import { THROTTLE_RULES, type ThrottleCharge } from '../throttles/throttle.js';
import { MAX_VOUCHER_CENTS, MIN_VALIDITY_MONTHS, MIN_VOUCHER_CENTS } from './voucher.js';

/**
 * A gift voucher sold online, on the venue's public page: its form, its limits, and the link of its
 * return page. Paid through Mollie's checkout; pending until Mollie says it is paid.
 */

/** The amounts the form offers as choices, in cents; any other within MIN..MAX_VOUCHER_CENTS can be typed. */
export const PRESET_VOUCHER_CENTS = [2_500, 5_000, 7_500, 10_000] as const;

/** How long a voucher sold online is valid: the law's minimum (voucher.ts), from the day it is bought. */
export const ONLINE_VALIDITY_MONTHS = MIN_VALIDITY_MONTHS;

/** The longest personal message a voucher carries to its recipient. */
export const MAX_VOUCHER_MESSAGE = 500;

/** The value of the amount choice that takes the typed amount (`otherAmount`). */
export const OTHER_AMOUNT = 'other';

/** A sale as the form sends it (every field as typed). */
export interface VoucherSaleForm {
  amount: string;
  otherAmount: string;
  buyerName: string;
  buyerEmail: string;
  recipientName: string;
  message: string;
  acceptTerms: boolean;
}

/** A sale to start: checked. */
export interface VoucherSaleInput {
  amountCents: number;
  buyerName: string;
  buyerEmail: string;
  recipientName: string;
  message: string;
  language: Language;
}

const fields = z.object({
  buyerName: text(120, { required: true }),
  buyerEmail: text(254, { required: true }).refine((s) => s === '' || z.regexes.email.test(s), 'invalid_email'),
  recipientName: text(120, { required: false }),
  message: text(MAX_VOUCHER_MESSAGE, { required: false, multiline: true }),
  acceptTerms: z.literal(true, { error: 'must_accept' }),
});

/**
 * The amount chosen or typed, in cents; its field's error otherwise (the range named as money).
 * An amount typed with no choice made is the amount meant (without JavaScript nothing
 * picks "another amount" for the buyer who types one).
 */
function amountOf(form: VoucherSaleForm): number | FieldError {
  if (form.amount !== OTHER_AMOUNT && !(form.amount === '' && form.otherAmount.trim() !== '')) {
    const preset = PRESET_VOUCHER_CENTS.find((cents) => String(cents) === form.amount);
    return preset ?? { field: 'amount', code: form.amount === '' ? 'required' : 'invalid_value' };
  }
  const typed = decimalText('invalid_amount', 'plain').safeParse(form.otherAmount);
  if (!typed.success) return { ...fieldErrorsOf(typed.error)[0]!, field: 'otherAmount' };
  if (typed.data < MIN_VOUCHER_CENTS || typed.data > MAX_VOUCHER_CENTS) {
    return {
      field: 'otherAmount',
      code: 'voucher_amount_range',
      params: { min: { cents: MIN_VOUCHER_CENTS }, max: { cents: MAX_VOUCHER_CENTS } },
    };
  }
  return typed.data;
}

/** The form checked: the sale, or every refused field with its first reason. */
export function parseVoucherSale(form: VoucherSaleForm, language: Language): FormResult<VoucherSaleInput> {
  const amount = amountOf(form);
  const parsed = fields.safeParse(form);
  const errors = [...(typeof amount === 'number' ? [] : [amount]), ...(parsed.success ? [] : fieldErrorsOf(parsed.error))];
  if (errors.length > 0 || !parsed.success || typeof amount !== 'number') return { ok: false, errors };
  const { buyerName, buyerEmail, recipientName, message } = parsed.data;
  return { ok: true, value: { amountCents: amount, buyerName, buyerEmail, recipientName, message, language } };
}

/**
 * The counters a sale is charged against, like a booking's (bookings/booking-limits.ts): its
 * client's network (every attempt) and the buyer's mailbox (only a checkout started: a refusal
 * gives it back), so that the page sends nobody's address a stream of payments or mails.
 */
export function voucherSaleCharges({ client, email }: { client: string | null; email: string }): ThrottleCharge[] {
  return [
    ...(client ? [{ rule: THROTTLE_RULES.voucherSaleNetwork, subject: client }] : []),
    { rule: THROTTLE_RULES.voucherSaleEmail, subject: mailboxOf(email) },
  ];
}

/**
 * The token of a sale's return page: HMAC-SHA256 of the voucher's id under the link key, so that
 * only whoever started the sale (sent back there by the checkout) sees what became of it, and
 * nothing needs storing. The voucher's id alone opens nothing.
 */
export function voucherSaleToken(key: LinkKey, voucherId: string): string {
  return createHmac('sha256', key).update(`voucher-sale\n${voucherId}`).digest('base64url');
}

export function isVoucherSaleToken(key: LinkKey, voucherId: string, token: string): boolean {
  const expected = Buffer.from(voucherSaleToken(key, voucherId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The path of a sale's return page. */
export function voucherSalePath(key: LinkKey, voucherId: string): string {
  return `/vouchers/sales/${voucherId}/${voucherSaleToken(key, voucherId)}`;
}
