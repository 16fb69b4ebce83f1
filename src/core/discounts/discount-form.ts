import { z } from 'zod';
import {
  amountText,
  decimal,
  localDate,
  type NumberWriting,
  optionalWholeNumber,
  wholeNumber,
  optionalNumberText,
  wholeNumberText,
} from '../catalog/admin-fields.js';
import type { DiscountCodeTable } from '../../db/schema.js';
import { type FieldError, fieldErrorsOf, type FormResult, parseEachField } from '../shared/field-errors.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';
import { type DiscountCode, MAX_CODE_LENGTH, normaliseCode } from './discount-code.js';

/** A discount code's form as staff type it, so a refused form comes back exactly as it was sent. */
export interface DiscountCodeForm {
  code: string;
  /** 'percent' or 'amount'. */
  kind: string;
  /** The percentage (1..100) or the amount in euros ("12,50"), by kind. */
  value: string;
  /** 'booking' or 'person': what an amount is per. */
  per: string;
  validFrom: string;
  validUntil: string;
  minGroupSize: string;
  maxUses: string;
  active: boolean;
  /** The activities it is limited to; none: all the venue's. */
  activityIds: string[];
}

/** The columns a valid form gives (the code normalised; ids of activities checked by the service). */
export type DiscountCodeColumns = Pick<
  DiscountCodeTable,
  'code' | 'kind' | 'percent' | 'amount_cents' | 'per' | 'valid_from' | 'valid_until' | 'min_group_size' | 'max_uses'
> & { active: number; activityIds: string[] };

const optionalDate = z.string().transform((s, ctx) => {
  if (s.trim() === '') return null;
  const parsed = localDate().safeParse(s);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: 'invalid_date' });
  return z.NEVER;
});

const fields = (lang: NumberWriting) => ({
  code: z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine((s) => s.length <= MAX_CODE_LENGTH, { message: 'too_long', abort: true })
    .refine((s) => /^[A-Za-z0-9_-]+$/.test(s), 'invalid_discount_code')
    .transform(normaliseCode),
  kind: z.enum(['percent', 'amount'], { error: 'required' }),
  per: z.enum(['booking', 'person'], { error: 'invalid_value' }),
  validFrom: optionalDate,
  validUntil: optionalDate,
  minGroupSize: optionalWholeNumber(1, MAX_GROUP_SIZE, lang),
  maxUses: optionalWholeNumber(1, 1_000_000, lang),
});

/** An empty form: a new code's. */
export const NEW_DISCOUNT_CODE_FORM: DiscountCodeForm = {
  code: '',
  kind: 'percent',
  value: '',
  per: 'booking',
  validFrom: '',
  validUntil: '',
  minGroupSize: '',
  maxUses: '',
  active: true,
  activityIds: [],
};

/** A stored code as its form shows it. */
export function discountCodeFormOf(code: DiscountCode, writing: NumberWriting): DiscountCodeForm {
  const { terms } = code;
  return {
    code: terms.code,
    kind: terms.kind,
    value: terms.kind === 'percent' ? wholeNumberText(terms.percent, writing) : amountText(terms.amountCents, writing),
    per: terms.kind === 'amount' ? terms.per : 'booking',
    validFrom: code.validFrom ?? '',
    validUntil: code.validUntil ?? '',
    minGroupSize: optionalNumberText(code.minGroupSize, writing),
    maxUses: optionalNumberText(code.maxUses, writing),
    active: code.active,
    activityIds: code.activityIds,
  };
}

/**
 * A discount code's form checked on its own: every fault at once. A percentage is 1 to 100 (a
 * percentage is per booking); an amount is more than zero, per booking or per person; the valid
 * dates may be open on either side but not end before they start. Whole numbers are read as
 * written in `lang`, the page's language.
 */
export function parseDiscountCodeForm(form: DiscountCodeForm, lang: NumberWriting): FormResult<DiscountCodeColumns> {
  const { values, errors } = parseEachField(fields(lang), { ...form, per: form.per || 'booking' });
  const all: FieldError[] = [...errors];
  const value =
    values.kind === 'percent'
      ? wholeNumber(1, 100, lang).safeParse(form.value)
      : values.kind === 'amount'
        ? decimal('invalid_amount', 100_000_00, lang, { min: 1 }).safeParse(form.value)
        : undefined;
  if (value && !value.success) all.push(valueErrorOf(value.error));
  const { validFrom, validUntil } = values;
  if (validFrom && validUntil && validUntil < validFrom) all.push({ field: 'validUntil', code: 'until_before_from' });
  if (all.length > 0 || !value?.success) return { ok: false, errors: all };
  const percent = values.kind === 'percent';
  return {
    ok: true,
    value: {
      code: values.code!,
      kind: values.kind!,
      percent: percent ? value.data : null,
      amount_cents: percent ? null : value.data,
      per: percent ? 'booking' : values.per!,
      valid_from: validFrom ?? null,
      valid_until: validUntil ?? null,
      min_group_size: values.minGroupSize ?? null,
      max_uses: values.maxUses ?? null,
      active: form.active ? 1 : 0,
      activityIds: [...new Set(form.activityIds)],
    },
  };
}

/** The value's refusal (a percentage's bound named with it), at `value`. */
function valueErrorOf(error: z.ZodError): FieldError {
  return { ...fieldErrorsOf(error)[0]!, field: 'value' };
}
