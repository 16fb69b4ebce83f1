import { z } from 'zod';
import { decimalText, integerText, type NumberWriting, optionalText } from '../catalog/admin-fields.js';
import { type FieldError, type FormResult, inFieldOrder, parseEachField } from '../shared/field-errors.js';
import { MAX_VALIDITY_MONTHS, MAX_VOUCHER_CENTS, MIN_VALIDITY_MONTHS, MIN_VOUCHER_CENTS } from './voucher.js';

/** How staff make a voucher: given away (a gift, a compensation) or sold at the desk and paid there. */
export const STAFF_VOUCHER_ORIGINS = ['issued', 'sold_desk'] as const;
export type StaffVoucherOrigin = (typeof STAFF_VOUCHER_ORIGINS)[number];

/** The issue form as staff type it, so a refused form comes back exactly as it was sent. */
export interface VoucherForm {
  venueId: string;
  /** In euros, "25" or "25,50". */
  amount: string;
  validityMonths: string;
  origin: string;
  recipientName: string;
  buyerName: string;
  buyerEmail: string;
  message: string;
  note: string;
  /** The language of the voucher's texts: 'nl' or 'en'. */
  language: string;
}

export const NEW_VOUCHER_FORM: VoucherForm = {
  venueId: '',
  amount: '',
  validityMonths: String(MIN_VALIDITY_MONTHS),
  origin: 'issued',
  recipientName: '',
  buyerName: '',
  buyerEmail: '',
  message: '',
  note: '',
  language: 'nl',
};

/** What a valid form gives, ready for createVoucher. */
export interface VoucherTerms {
  amountCents: number;
  validityMonths: number;
  origin: StaffVoucherOrigin;
  recipientName: string;
  buyerName: string;
  buyerEmail: string;
  message: string;
  note: string;
  language: 'nl' | 'en';
}

const text = (max: number) => optionalText(max).transform((s) => s ?? '');

const fields = (lang: NumberWriting) => ({
  // Their bounds are checked below, as the voucher's own errors naming them.
  amount: decimalText('invalid_amount', lang),
  validityMonths: integerText(lang),
  origin: z.enum(STAFF_VOUCHER_ORIGINS, { error: 'invalid_value' }),
  recipientName: text(160),
  buyerName: text(160),
  buyerEmail: text(254).refine((s) => s === '' || z.email().safeParse(s).success, 'invalid_email'),
  message: text(1000),
  note: text(1000),
  language: z.enum(['nl', 'en'], { error: 'invalid_value' }),
});

/**
 * The issue form checked: every fault at once, in the form's order. The amount lies within the platform's limits (the
 * refusal names them as money); the validity is at least the law's minimum (art. 6:236 onder h BW)
 * and at most the limitation period Groupz offers. The validity is read as written in `lang`, the
 * page's language.
 */
export function parseVoucherForm(form: VoucherForm, lang: NumberWriting): FormResult<VoucherTerms> {
  const { values, errors } = parseEachField(fields(lang), { ...form, language: form.language || 'nl' });
  const all: FieldError[] = [...errors];
  const { amount, validityMonths } = values;
  if (amount !== undefined && (amount < MIN_VOUCHER_CENTS || amount > MAX_VOUCHER_CENTS))
    all.push({
      field: 'amount',
      code: 'voucher_amount_range',
      params: { min: { cents: MIN_VOUCHER_CENTS }, max: { cents: MAX_VOUCHER_CENTS } },
    });
  if (validityMonths !== undefined && validityMonths < MIN_VALIDITY_MONTHS)
    all.push({ field: 'validityMonths', code: 'validity_too_short', params: { min: MIN_VALIDITY_MONTHS } });
  if (validityMonths !== undefined && validityMonths > MAX_VALIDITY_MONTHS)
    all.push({ field: 'validityMonths', code: 'validity_too_long', params: { max: MAX_VALIDITY_MONTHS } });
  if (all.length > 0) return { ok: false, errors: inFieldOrder(all, Object.keys(NEW_VOUCHER_FORM)) };
  return {
    ok: true,
    value: {
      amountCents: amount!,
      validityMonths: validityMonths!,
      origin: values.origin!,
      recipientName: values.recipientName!,
      buyerName: values.buyerName!,
      buyerEmail: values.buyerEmail!,
      message: values.message!,
      note: values.note!,
      language: values.language!,
    },
  };
}
