import { z } from 'zod';
import { isPaymentMode, PAYMENT_TERM_LIMITS, type PaymentTerms } from './payment-terms.js';
import { REFUND_POLICY_LIMITS, type RefundPolicy, type RefundTier, tierOrderFault } from './refund-policy.js';
import { type FieldError, fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import { type NumberWriting, wholeNumber, wholeNumberText } from './admin-fields.js';

/** How many cancellation tiers the activity form offers: the most a policy may have. */
export const REFUND_TIER_FIELDS = REFUND_POLICY_LIMITS.tiers;

/** One tier of the cancellation policy as typed: "until N hours|days before, P % back". */
export interface RefundTierForm {
  amount: string;
  /** `hours` or `days`. */
  unit: string;
  percent: string;
}

/** The activity form's payment terms and cancellation policy, as typed. */
export interface PaymentTermsForm {
  /** One of PAYMENT_MODES. */
  paymentMode: string;
  depositPercent: string;
  balanceDaysBefore: string;
  invoiceAllowed: boolean;
  invoiceTermDays: string;
  /** Always REFUND_TIER_FIELDS tiers; blank tiers are ignored. */
  refundTiers: RefundTierForm[];
}

const HOURS_PER_DAY = 24;

const numbers = (lang: NumberWriting) => ({
  depositPercent: wholeNumber(PAYMENT_TERM_LIMITS.depositPercent.min, PAYMENT_TERM_LIMITS.depositPercent.max, lang),
  balanceDaysBefore: wholeNumber(PAYMENT_TERM_LIMITS.balanceDaysBefore.min, PAYMENT_TERM_LIMITS.balanceDaysBefore.max, lang),
  invoiceTermDays: wholeNumber(PAYMENT_TERM_LIMITS.invoiceTermDays.min, PAYMENT_TERM_LIMITS.invoiceTermDays.max, lang),
});

/**
 * The payment terms; every fault at once. A number the chosen terms use is required; one they do
 * not use (the deposit when paying in full) is checked when typed and kept from `current` when left
 * blank, so switching the mode back finds it again. Numbers are read as written in `lang`, the
 * page's language (see readWholeNumber).
 */
export function parsePaymentTerms(form: PaymentTermsForm, current: PaymentTerms, lang: NumberWriting): FormResult<PaymentTerms> {
  const errors: FieldError[] = [];
  const fields = numbers(lang);
  const mode = form.paymentMode.trim();
  if (!isPaymentMode(mode)) errors.push({ field: 'paymentMode', code: mode === '' ? 'required' : 'invalid_value' });
  const used = {
    depositPercent: mode === 'deposit',
    balanceDaysBefore: mode === 'deposit',
    invoiceTermDays: form.invoiceAllowed,
  };
  const value = { ...current };
  for (const name of ['depositPercent', 'balanceDaysBefore', 'invoiceTermDays'] as const) {
    if (!used[name] && form[name].trim() === '') continue;
    const result = fields[name].safeParse(form[name]);
    if (result.success) value[name] = result.data;
    else errors.push(...fieldErrorsOf(result.error).map((e) => ({ ...e, field: name })));
  }
  if (errors.length > 0 || !isPaymentMode(mode)) return { ok: false, errors };
  return { ok: true, value: { ...value, mode, invoiceAllowed: form.invoiceAllowed } };
}

function isBlankTier(tier: RefundTierForm): boolean {
  return tier.amount.trim() === '' && tier.percent.trim() === '';
}

const tierFields = (lang: NumberWriting) =>
  z.object({
    amount: wholeNumber(REFUND_POLICY_LIMITS.hoursBefore.min, REFUND_POLICY_LIMITS.hoursBefore.max, lang),
    unit: z.enum(['hours', 'days'], { error: 'invalid_value' }),
    percent: wholeNumber(0, 100, lang),
  });

/** The most a tier's amount may be in its unit (`days`, else hours): the policy's longest notice. */
function maxTierAmount(unit: string): number {
  const max = REFUND_POLICY_LIMITS.hoursBefore.max;
  return unit === 'days' ? Math.floor(max / HOURS_PER_DAY) : max;
}

/** A tier's notice in hours. */
function hoursBefore(amount: number, unit: 'hours' | 'days'): number {
  return unit === 'days' ? amount * HOURS_PER_DAY : amount;
}

/**
 * The error of a tier's notice over the policy's longest, naming it in the unit typed (366 days
 * passes the amount's own bound, which is in hours), or undefined: also while another of the
 * tier's fields is at fault, so that one answer names both.
 */
function noticeTooLong(index: number, typed: RefundTierForm, fields: ReturnType<typeof tierFields>): FieldError | undefined {
  const amount = fields.shape.amount.safeParse(typed.amount);
  const unit = fields.shape.unit.safeParse(typed.unit);
  if (!amount.success || !unit.success || hoursBefore(amount.data, unit.data) <= REFUND_POLICY_LIMITS.hoursBefore.max) return undefined;
  return { field: `refundTiers.${index}.amount`, code: 'too_large', params: { max: maxTierAmount(unit.data) } };
}

/**
 * The cancellation policy from its typed tiers (blank ones skipped): each "until N hours or days
 * before the visit, P % back", strictly shorter before the visit than the last valid tier above it
 * and refunding no more than it (tierOrderFault). Errors under `refundTiers.<i>.<field>`; no tiers
 * at all is a policy too: nothing back. Numbers are read as written in `lang` (see readWholeNumber).
 */
export function parseRefundTiers(tiers: readonly RefundTierForm[], lang: NumberWriting): FormResult<RefundPolicy> {
  const errors: FieldError[] = [];
  const fields = tierFields(lang);
  const policy: RefundPolicy = [];
  let above: RefundTier | undefined;
  tiers.slice(0, REFUND_TIER_FIELDS).forEach((typed, index) => {
    if (isBlankTier(typed)) return;
    const result = fields.safeParse(typed);
    const tooLong = noticeTooLong(index, typed, fields);
    if (!result.success) {
      errors.push(
        ...(tooLong ? [tooLong] : []),
        ...fieldErrorsOf(result.error).map((e) => ({
          ...e,
          field: `refundTiers.${index}.${e.field}`,
          ...(e.field === 'amount' && e.code === 'too_large' && { params: { max: maxTierAmount(typed.unit) } }),
        })),
      );
      return;
    }
    const { amount, unit, percent } = result.data;
    const tier = { hoursBefore: hoursBefore(amount, unit), percent };
    const fault = above && tierOrderFault(above, tier);
    if (tooLong) {
      errors.push(tooLong);
    } else if (fault === 'hours') {
      errors.push({ field: `refundTiers.${index}.amount`, code: 'tiers_out_of_order' });
    } else if (fault === 'percent') {
      errors.push({ field: `refundTiers.${index}.percent`, code: 'tiers_percent_rising' });
    } else {
      policy.push(tier);
      above = tier;
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: policy };
}

/** Stored terms as the form shows them. */
export function paymentTermsFormOf(terms: PaymentTerms, policy: RefundPolicy, writing: NumberWriting): PaymentTermsForm {
  return {
    paymentMode: terms.mode,
    depositPercent: wholeNumberText(terms.depositPercent, writing),
    balanceDaysBefore: wholeNumberText(terms.balanceDaysBefore, writing),
    invoiceAllowed: terms.invoiceAllowed,
    invoiceTermDays: wholeNumberText(terms.invoiceTermDays, writing),
    refundTiers: Array.from({ length: REFUND_TIER_FIELDS }, (_, i) => refundTierFormOf(policy[i], writing)),
  };
}

/** Whether a tier reads in days: a whole number of them, three or more (48 hours stays 48 hours). */
export function tierReadsInDays(hoursBefore: number): boolean {
  return hoursBefore >= 3 * HOURS_PER_DAY && hoursBefore % HOURS_PER_DAY === 0;
}

/** A tier as typed: in days where it reads so, else hours. */
function refundTierFormOf(tier: RefundPolicy[number] | undefined, writing: NumberWriting): RefundTierForm {
  if (!tier) return { amount: '', unit: 'days', percent: '' };
  const inDays = tierReadsInDays(tier.hoursBefore);
  return {
    amount: wholeNumberText(inDays ? tier.hoursBefore / HOURS_PER_DAY : tier.hoursBefore, writing),
    unit: inDays ? 'days' : 'hours',
    percent: wholeNumberText(tier.percent, writing),
  };
}
