import { z } from 'zod';
import { isLocalDate } from '../shared/time.js';
import { refuseTextProblem } from '../shared/control-characters.js';
import type { Language } from '../shared/language.js';

/** Required text of at most `max` characters, passing the shared text check; line breaks only when `multiline`. */
export function requiredText(max: number, { multiline = false } = {}) {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine((s) => s.length <= max, { message: 'too_long', abort: true })
    .superRefine(refuseTextProblem(multiline));
}

/** The highest age an activity may name as its minimum or maximum. */
export const MAX_AGE = 120;

/**
 * Digits grouped by thousands where the separator cannot be a decimal one: two or more groups of
 * three after the same separator ("1.000.000", "1,000,000"). A single group ("1.000") is 1000 the
 * Dutch way and 1 the English way, so it is read as grouped only in the page's language that
 * writes it so (see readWholeNumber).
 */
const THOUSANDS = String.raw`\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3}){2,}`;
const UNAMBIGUOUS_WHOLE_NUMBER = new RegExp(`^-?(?:\\d+|${THOUSANDS})$`);
const PLAIN_WHOLE_NUMBER = /^-?\d+$/;
/**
 * A whole number as a language writes it: digits, or grouped by its thousands separator in groups
 * of three, one group or more, after a first group that is no zero ("0.500" is a decimal typed
 * the other way, not 500).
 */
const WHOLE_NUMBER_IN: Record<Language, RegExp> = {
  nl: /^-?(?:\d+|[1-9]\d{0,2}(?:\.\d{3})+)$/,
  en: /^-?(?:\d+|[1-9]\d{0,2}(?:,\d{3})+)$/,
};

/**
 * How a whole number may be written: the page's language (`nl` or `en`), or `plain` digits only
 * (the API, which has no page language). Every reader is told which: none falls back silently.
 */
export type NumberWriting = Language | 'plain';

/**
 * The whole number a text (trimmed) writes, or undefined when it writes none: any run of digits,
 * signed or not, however long, so that a number out of bounds can be told as too small or too
 * large rather than as no number. Beyond the safe integers it counts as the nearest of them; -0 as 0.
 *
 * Digits grouped by thousands are read only where they can mean one number. In the page's
 * language its own separator groups thousands, once or more, in groups of exactly three after a
 * first group of one to three digits, not zero (see WHOLE_NUMBER_IN): "10.000" in Dutch, "10,000"
 * in English. The other language's separator is that language's decimal sign, so it is read only
 * where it cannot be one: twice or more ("1,000,000" in Dutch, "1.000.000" in English, see
 * THOUSANDS); once ("10,000" on a Dutch page) it could mean 10 or 10000 and is refused, as is any
 * decimal ("1,5"), a misplaced separator ("1.0000", "10.00") or both separators at once. `plain`
 * reads digits only (the API).
 */
export function readWholeNumber(text: string, writing: NumberWriting): number | undefined {
  const trimmed = text.trim();
  const read =
    writing === 'plain'
      ? PLAIN_WHOLE_NUMBER.test(trimmed)
      : UNAMBIGUOUS_WHOLE_NUMBER.test(trimmed) || WHOLE_NUMBER_IN[writing].test(trimmed);
  if (!read) return undefined;
  return Math.max(Math.min(Number(trimmed.replace(/[.,]/g, '')), Number.MAX_SAFE_INTEGER), Number.MIN_SAFE_INTEGER) || 0;
}

/** The separator a language groups thousands with, as WHOLE_NUMBER_IN reads it. */
const THOUSANDS_SEPARATOR: Record<Language, string> = { nl: '.', en: ',' };

/**
 * A stored whole number as a form shows it, written as readWholeNumber reads it back: grouped the
 * page's language's way ("10.000", "10,000"), as its hint and messages write numbers (formatCount);
 * digits only for `plain`. Shown and sent back unchanged, it saves the same number.
 */
export function wholeNumberText(n: number, writing: NumberWriting): string {
  if (writing === 'plain') return String(n);
  const digits = String(Math.abs(n));
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return `${n < 0 ? '-' : ''}${groups.join(THOUSANDS_SEPARATOR[writing])}`;
}

/** As wholeNumberText; '' for no number (an optional field left blank). */
export function optionalNumberText(n: number | null | undefined, writing: NumberWriting): string {
  return n === null || n === undefined ? '' : wholeNumberText(n, writing);
}

/** The other language's thousands separator once, after a first group that is no zero: "10,000" in Dutch, "10.000" in English. */
const OTHER_SEPARATOR_ONCE: Record<Language, RegExp> = {
  nl: /^-?[1-9]\d{0,2},\d{3}$/,
  en: /^-?[1-9]\d{0,2}\.\d{3}$/,
};

/**
 * Why a text readWholeNumber refused is no whole number, as a field error's code and params: the
 * number the other language's separator would group (`value`), or, where that number is out of the
 * field's bounds, the bounds (`min`, `max`), so that the message never suggests a number the field
 * refuses ("10.000" for a percentage).
 */
export type WholeNumberFault =
  { code: 'not_a_number' } | { code: 'ambiguous_grouping'; params: { value: number } | { min: number; max: number } };

/**
 * Why a text readWholeNumber refused (written `writing`'s way) is none: the other language's
 * separator once ("10,000" on a Dutch page) is `ambiguous_grouping`, naming the number it writes
 * if the separator groups thousands, so the message can say how to write it ("10000 or 10.000");
 * anything else is `not_a_number`. Plain digits (the API) know no separator to suggest.
 */
export function wholeNumberFault(text: string, writing: NumberWriting): WholeNumberFault {
  const trimmed = text.trim();
  if (writing === 'plain' || !OTHER_SEPARATOR_ONCE[writing].test(trimmed)) return { code: 'not_a_number' };
  return { code: 'ambiguous_grouping', params: { value: Number(trimmed.replace(/[.,]/, '')) } };
}

/**
 * A whole number typed in a form, as readWholeNumber reads it; `required` when blank, else why not
 * (wholeNumberFault) when none, within `bounds` when the field has them.
 */
export function integerText(writing: NumberWriting, bounds?: { min: number; max: number }) {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .transform((s, ctx) => {
      const value = readWholeNumber(s, writing);
      if (value === undefined) {
        const fault = boundedFault(wholeNumberFault(s, writing), bounds);
        ctx.addIssue({ code: 'custom', message: fault.code, ...('params' in fault && { params: fault.params }) });
        return z.NEVER;
      }
      return value;
    });
}

/** The fault, naming the field's bounds instead of a number it would refuse anyway. */
function boundedFault(fault: WholeNumberFault, bounds: { min: number; max: number } | undefined): WholeNumberFault {
  if (!bounds || fault.code !== 'ambiguous_grouping' || !('value' in fault.params)) return fault;
  const { value } = fault.params;
  return value < bounds.min || value > bounds.max ? { code: 'ambiguous_grouping', params: bounds } : fault;
}

/** A whole number typed in a form, between min and max. */
export function wholeNumber(min: number, max: number, writing: NumberWriting) {
  return integerText(writing, { min, max }).pipe(z.number().min(min, 'too_small').max(max, 'too_large'));
}

/**
 * A decimal written where it can mean one number only, the Dutch or the English way ("12,50" or
 * "12.50"), as hundredths: 1250; signed, and of any number of digits, so that an amount out of
 * bounds is told as such rather than as no amount. At most two decimals. Thousands separators only
 * where they cannot be the decimal separator: with the other one after them as the decimal
 * separator ("1.000.000,00", "1,000,000.00"), or without decimals in two or more groups
 * ("1.000.000", see THOUSANDS). A lone "1.000" or "1,000" is no such decimal: 1000 the Dutch way,
 * 1 the English way (the page's language decides, see DECIMAL_IN).
 */
const DECIMAL = new RegExp(String.raw`^(-?)(\d+|\d{1,3}(?:\.\d{3})+(?=,)|\d{1,3}(?:,\d{3})+(?=\.)|(?:${THOUSANDS})$)(?:[.,](\d{1,2}))?$`);

/**
 * A decimal as the page's language writes it: digits, grouped by its thousands separator or not,
 * then its decimal sign and at most two decimals ("1.250,00", "1.250", "12,5" in Dutch;
 * "1,250.00", "1,250", "12.5" in English).
 */
const DECIMAL_IN: Record<Language, RegExp> = {
  nl: /^(-?)(\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d{1,2}))?$/,
  en: /^(-?)(\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d{1,2}))?$/,
};

/**
 * The hundredths a text writes: the page's language's way (DECIMAL_IN), else any way that can mean
 * one number only (DECIMAL), so "1.250,00" on an English page is 1250 euros as on a Dutch one. The
 * other language's thousands separator once, without decimals ("1,250" on a Dutch page: 1,25 or
 * 1250?), is neither: decimalText refuses it as `ambiguous_amount`. `plain` (no page language)
 * reads DECIMAL only.
 */
function hundredths(text: string, writing: NumberWriting): number | undefined {
  const trimmed = text.trim();
  const match = (writing === 'plain' ? null : DECIMAL_IN[writing].exec(trimmed)) ?? DECIMAL.exec(trimmed);
  if (!match) return undefined;
  const value = Number(match[2]!.replace(/[.,]/g, '')) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' && value > 0 ? -value : value;
}

/**
 * A decimal amount or number of hours typed in a form, as hundredths, however large or small (see
 * hundredths), written `writing`'s way. The other language's thousands separator once is refused as
 * `ambiguous_amount`, naming the amount it would group, so the message can say how to write it.
 */
export function decimalText(code: 'invalid_amount' | 'invalid_hours', writing: NumberWriting) {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .transform((s, ctx) => {
      const value = hundredths(s, writing);
      if (value === undefined) {
        const fault = wholeNumberFault(s, writing);
        if (code === 'invalid_amount' && fault.code === 'ambiguous_grouping' && 'value' in fault.params)
          ctx.addIssue({ code: 'custom', message: 'ambiguous_amount', params: { amount: { cents: fault.params.value * 100 } } });
        else ctx.addIssue({ code: 'custom', message: code });
        return z.NEVER;
      }
      return value;
    });
}

/**
 * An amount in cents as a form shows it, written as decimalText reads it back in either language:
 * the page's thousands separator and decimal sign ("1.250,00", "1,250.00"); no grouping for `plain`.
 */
export function amountText(cents: number, writing: NumberWriting): string {
  const whole = wholeNumberText(Math.trunc(Math.abs(cents) / 100), writing);
  return `${cents < 0 ? '-' : ''}${whole}${writing === 'nl' ? ',' : '.'}${String(Math.abs(cents) % 100).padStart(2, '0')}`;
}

/**
 * A decimal amount or number of hours, as hundredths, from `min` (default 0) to `max` hundredths.
 * Out of bounds, it names its bound: a number of hours in hours, an amount as money (its cents,
 * which the message writes in euros).
 */
export function decimal(code: 'invalid_amount' | 'invalid_hours', max: number, writing: NumberWriting, { min = 0 } = {}) {
  const bound = (name: 'min' | 'max', hundredths: number) => ({
    [name]: code === 'invalid_hours' ? hundredths / 100 : { cents: hundredths },
  });
  return decimalText(code, writing)
    .refine((value) => value >= min, { message: 'too_small', params: bound('min', min) })
    .refine((value) => value <= max, { message: 'too_large', params: bound('max', max) });
}

/** A calendar date (YYYY-MM-DD), as the browser's date input sends it. */
export function localDate() {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine(isLocalDate, 'invalid_date');
}

/** A wall-clock time (HH:MM, 00:00 to 23:59), as the browser's time input sends it. */
export function wallClockTime() {
  return z
    .string()
    .trim()
    .refine((s) => s.length > 0, { message: 'required', abort: true })
    .refine((s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), 'invalid_time');
}

/** Optional text of at most `max` characters (line breaks allowed): null when left blank. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .refine((s) => s.length <= max, { message: 'too_long', abort: true })
    .superRefine(refuseTextProblem(true))
    .transform((s) => (s.length > 0 ? s : null));
}

/** An optional whole number typed in a form, between min and max: null when left blank. */
export function optionalWholeNumber(min: number, max: number, writing: NumberWriting) {
  const number = wholeNumber(min, max, writing);
  return z.string().transform((s, ctx) => {
    if (s.trim() === '') return null;
    const parsed = number.safeParse(s);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [] });
    return z.NEVER;
  });
}
