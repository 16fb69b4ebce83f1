import { z } from 'zod';
import { type FieldError, fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';
import { decimal, type NumberWriting, optionalWholeNumber, requiredText, optionalNumberText } from './admin-fields.js';
import type { CategoryLine } from './price-categories.js';
import { isBanded, type PlainLine, type Pricing } from './pricing.js';

/** How many fixed price lines the back office's activity form offers. */
export const PRICE_LINE_FIELDS = 5;

/**
 * One price line as typed: label in both languages, per person, per group or per person of a price
 * category, VAT code, amount in euros; for a category, the limits on its count and its free
 * allowance (one free per `freePer` of the category on line `freeOf`, a line number from 1).
 */
export interface PriceLineForm {
  labelNl: string;
  labelEn: string;
  basis: string;
  vat: string;
  amount: string;
  minCount: string;
  maxCount: string;
  freePer: string;
  freeOf: string;
}

/** The bounds of a price line's numbers: what the form accepts, and what its hints name. */
export const PRICE_LINE_LIMITS = {
  minCount: { min: 0, max: MAX_GROUP_SIZE },
  maxCount: { min: 1, max: MAX_GROUP_SIZE },
  freePer: { min: 1, max: MAX_GROUP_SIZE },
} as const;

/** The highest amount of a price line, in cents: EUR 100,000. */
export const MAX_LINE_AMOUNT_CENTS = 100_000_00;

export const BLANK_PRICE_LINE: PriceLineForm = {
  labelNl: '',
  labelEn: '',
  basis: 'person',
  vat: 'low',
  amount: '',
  minCount: '',
  maxCount: '',
  freePer: '',
  freeOf: '',
};

const priceLineFields = (lang: NumberWriting) =>
  z.object({
    labelNl: requiredText(120),
    labelEn: requiredText(120),
    basis: z.enum(['person', 'group', 'category'], { error: 'invalid_value' }),
    vat: z.enum(['low', 'high'], { error: 'invalid_value' }),
    amount: decimal('invalid_amount', MAX_LINE_AMOUNT_CENTS, lang),
    minCount: optionalWholeNumber(PRICE_LINE_LIMITS.minCount.min, PRICE_LINE_LIMITS.minCount.max, lang),
    maxCount: optionalWholeNumber(PRICE_LINE_LIMITS.maxCount.min, PRICE_LINE_LIMITS.maxCount.max, lang),
    freePer: optionalWholeNumber(PRICE_LINE_LIMITS.freePer.min, PRICE_LINE_LIMITS.freePer.max, lang),
    freeOf: optionalWholeNumber(1, PRICE_LINE_FIELDS, lang),
  });

/** A line with an amount: what the form edits (banded lines it keeps as they are). */
export type FixedLine = (PlainLine & { amountCents: number }) | CategoryLine;

function isBlank(line: PriceLineForm): boolean {
  return !line.labelNl.trim() && !line.labelEn.trim() && !line.amount.trim();
}

/** The lines the form edits, in the pricing's order. */
function fixedLinesOf(pricing: Pricing): FixedLine[] {
  return pricing.filter((line): line is FixedLine => !isBanded(line));
}

/** A key made from a label ("Child under 4" → child-under-4), unlike the keys taken. */
function keyFrom(label: string, taken: ReadonlySet<string>): string {
  const slug = label
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  const start = slug.search(/[a-z]/);
  const base = (start < 0 ? '' : slug.slice(start, start + 28)).replace(/-$/, '') || 'category';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

/**
 * The form's fixed price lines, or the errors of each filled-in line under `lines.<i>.<field>`. A
 * category keeps the key of the category that stood on its line (bookings count by it), a new one
 * gets a key from its English label; a free allowance must name another category's line, and a
 * category's minimum must not be above its maximum. Numbers are read as written in `lang` (see readWholeNumber).
 */
export function parseFixedLines(lines: readonly PriceLineForm[], current: Pricing, lang: NumberWriting): FormResult<FixedLine[]> {
  const fields = priceLineFields(lang);
  const before = fixedLinesOf(current);
  const errors: FieldError[] = [];
  const parsed: { index: number; value: z.output<ReturnType<typeof priceLineFields>> }[] = [];
  const refused = new Set<number>();
  lines.slice(0, PRICE_LINE_FIELDS).forEach((line, index) => {
    if (isBlank(line)) return;
    const result = fields.safeParse(line);
    if (result.success) parsed.push({ index, value: result.data });
    else {
      refused.add(index);
      errors.push(...fieldErrorsOf(result.error).map((e) => ({ ...e, field: `lines.${index}.${e.field}` })));
    }
  });
  const kept = new Set(before.flatMap((line, i) => (line.basis === 'category' && parsed.some((p) => p.index === i) ? [line.key] : [])));
  const keys = new Map<number, string>();
  for (const { index, value } of parsed) {
    if (value.basis !== 'category') continue;
    const was = before[index];
    const key = was?.basis === 'category' ? was.key : keyFrom(value.labelEn, new Set([...kept, ...keys.values()]));
    keys.set(index, key);
  }
  const fixed = parsed.map(({ index, value }): FixedLine => {
    const { labelNl, labelEn, basis, vat, amount, minCount, maxCount, freePer, freeOf } = value;
    const label = { nl: labelNl, en: labelEn };
    if (basis !== 'category') return { label, basis, vat, amountCents: amount };
    if (minCount !== null && maxCount !== null && minCount > maxCount)
      errors.push({ field: `lines.${index}.maxCount`, code: 'min_above_max' });
    const of = freeOf === null ? undefined : keys.get(freeOf - 1);
    // A free allowance is both numbers or neither: half of one is never dropped unsaid.
    if (freePer === null && freeOf !== null) errors.push({ field: `lines.${index}.freePer`, code: 'required' });
    // A line named whose own fields were refused says what is wrong itself: this one is not wrong for it.
    if (freePer !== null && (of === undefined || freeOf === index + 1) && !(freeOf !== null && refused.has(freeOf - 1)))
      errors.push({ field: `lines.${index}.freeOf`, code: 'invalid_value' });
    return {
      label,
      basis,
      key: keys.get(index)!,
      vat,
      amountCents: amount,
      ...(minCount !== null && { minCount }),
      ...(maxCount !== null && { maxCount }),
      ...(freePer !== null && of !== undefined && { free: { per: freePer, of } }),
    };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: fixed };
}

/**
 * The new pricing: banded lines are kept where they were (the form cannot edit bands), the form's
 * fixed lines take the places of the old fixed lines in order, and any extra fixed lines follow.
 */
export function mergePricing(current: Pricing, fixed: readonly FixedLine[]): Pricing {
  const queue = [...fixed];
  const merged: Pricing = [];
  for (const line of current) {
    if (isBanded(line)) merged.push(line);
    else if (queue.length > 0) merged.push(queue.shift()!);
  }
  return [...merged, ...queue];
}

/** The pricing's fixed lines as the form shows them, amounts written by `amountText`; then blank lines up to PRICE_LINE_FIELDS. */
export function priceLineForms(pricing: Pricing, amountText: (cents: number) => string, writing: NumberWriting): PriceLineForm[] {
  const fixed = fixedLinesOf(pricing);
  const lineOf = (key: string) => fixed.findIndex((line) => line.basis === 'category' && line.key === key) + 1;
  const forms = fixed.map((line): PriceLineForm => ({
    ...BLANK_PRICE_LINE,
    labelNl: line.label.nl,
    labelEn: line.label.en,
    basis: line.basis,
    vat: line.vat,
    amount: amountText(line.amountCents),
    ...(line.basis === 'category' && {
      minCount: optionalNumberText(line.minCount, writing),
      maxCount: optionalNumberText(line.maxCount, writing),
      freePer: optionalNumberText(line.free?.per, writing),
      freeOf: line.free ? String(lineOf(line.free.of)) : '',
    }),
  }));
  return Array.from({ length: PRICE_LINE_FIELDS }, (_, i) => forms[i] ?? BLANK_PRICE_LINE);
}
