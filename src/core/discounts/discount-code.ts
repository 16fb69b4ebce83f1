import { breakdownOf, type GrossPricedLine, type PriceBreakdown } from '../catalog/pricing.js';
import { FieldsRefused } from '../shared/field-errors.js';
import { allocateCents } from '../shared/money.js';

/** The longest code staff can make and an organiser can type. */
export const MAX_CODE_LENGTH = 40;

/** A code as stored and compared: trimmed, upper case (codes are case-insensitive). */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * What a discount code gives, as a booking keeps it (JSON in bookings.discount_terms): a
 * percentage off the price, or an amount (cents including VAT) off per booking or per person.
 * Repricing a booking (a change of its group) uses these terms, whatever staff changed since.
 */
export type DiscountTerms =
  { code: string; kind: 'percent'; percent: number } | { code: string; kind: 'amount'; amountCents: number; per: 'booking' | 'person' };

/** The terms a booking was given, with the smallest group the code was for (absent: any group). */
export type BookingDiscountTerms = DiscountTerms & { minGroupSize?: number };

/** The terms a booking keeps of the code it used. */
export function bookingTermsOf(code: Pick<DiscountCode, 'terms' | 'minGroupSize'>): BookingDiscountTerms {
  return code.minGroupSize === null ? code.terms : { ...code.terms, minGroupSize: code.minGroupSize };
}

/**
 * A booking's group changed to `groupSize` below the smallest group its code was for: refused
 * (`discount_group_too_small` at the code), as the code would refuse a new booking of that size.
 */
export function refuseBelowCodeMinimum(terms: BookingDiscountTerms | null, groupSize: number): void {
  if (terms?.minGroupSize !== undefined && groupSize < terms.minGroupSize) {
    throw new DiscountRefused('discount_group_too_small', { min: terms.minGroupSize });
  }
}

/** A venue's discount code with the rules that decide whether a booking may use it. */
export interface DiscountCode {
  id: string;
  venueId: string;
  terms: DiscountTerms;
  /** Amsterdam dates (YYYY-MM-DD) the booking must be placed within; null: open-ended. */
  validFrom: string | null;
  validUntil: string | null;
  minGroupSize: number | null;
  maxUses: number | null;
  uses: number;
  active: boolean;
  /** The activities it is limited to; empty: all the venue's. */
  activityIds: string[];
  createdAt: Date;
}

/** Why a code is refused for a booking: field error codes at `discountCode`. */
export const DISCOUNT_REFUSALS = [
  'discount_unknown',
  'discount_not_yet_valid',
  'discount_expired',
  'discount_not_for_activity',
  'discount_group_too_small',
  'discount_used_up',
] as const;

export type DiscountRefusal = (typeof DISCOUNT_REFUSALS)[number];

/** A booking's discount code refused (see DISCOUNT_REFUSALS), as its field's error. */
export class DiscountRefused extends FieldsRefused {
  override readonly name = 'DiscountRefused';
  constructor(code: DiscountRefusal, params?: Record<string, number>) {
    super([{ field: 'discountCode', code, ...(params && { params }) }]);
  }
}

/**
 * Why `code` may not be used by a booking of `activityId` for `groupSize` placed on `today` (an
 * Amsterdam date), or undefined when it may. Inactive codes are as unknown as codes never made.
 * Uses are checked here to tell the organiser early; the booking's transaction takes a use under
 * the same rule (takeDiscountUse), which is what keeps the maximum under concurrency.
 */
export function discountRefusal(
  code: DiscountCode | undefined,
  booking: { activityId: string; groupSize: number; today: string },
): { code: DiscountRefusal; params?: Record<string, number> } | undefined {
  if (!code || !code.active) return { code: 'discount_unknown' };
  if (code.validFrom !== null && booking.today < code.validFrom) return { code: 'discount_not_yet_valid' };
  if (code.validUntil !== null && booking.today > code.validUntil) return { code: 'discount_expired' };
  if (code.activityIds.length > 0 && !code.activityIds.includes(booking.activityId)) return { code: 'discount_not_for_activity' };
  if (code.minGroupSize !== null && booking.groupSize < code.minGroupSize) {
    return { code: 'discount_group_too_small', params: { min: code.minGroupSize } };
  }
  if (code.maxUses !== null && code.uses >= code.maxUses) return { code: 'discount_used_up' };
  return undefined;
}

/**
 * The lines a discount takes off priced lines: one negative line per VAT rate of the lines, so the
 * VAT of each rate falls with its own part of the discount (breakdownOf totals them with the rest).
 * - A percentage: of each rate's gross, rounded half up to whole cents per rate.
 * - An amount (times the paying persons for `per: 'person'`: free companions take none): at most the lines' total (a price never goes
 *   below zero), split over the rates in proportion to their gross, largest remainder, so the
 *   parts add up to it exactly and none exceeds its rate's gross.
 * Rates whose lines total zero or less take nothing; a discount of nothing gives no lines.
 */
export function discountLines(lines: readonly GrossPricedLine[], terms: DiscountTerms, payingPersons: number): GrossPricedLine[] {
  const gross = new Map<number, number>();
  for (const line of lines) gross.set(line.rateBp, (gross.get(line.rateBp) ?? 0) + line.totalCents);
  const rates = [...gross.entries()].filter(([, cents]) => cents > 0).sort((a, b) => b[0] - a[0]);
  const total = rates.reduce((sum, [, cents]) => sum + cents, 0);
  const parts =
    terms.kind === 'percent'
      ? rates.map(([, cents]) => Math.round((cents * terms.percent) / 100))
      : allocateCents(
          Math.min(total, terms.amountCents * (terms.per === 'person' ? payingPersons : 1)),
          rates.map(([, cents]) => cents),
        );
  const label = { nl: `Korting ${terms.code}`, en: `Discount ${terms.code}` };
  return rates.flatMap(([rateBp], i): GrossPricedLine[] => {
    const cents = parts[i]!;
    return cents > 0 ? [{ label, basis: 'group', quantity: 1, unitCents: -cents, totalCents: -cents, rateBp }] : [];
  });
}

/** A price with a discount's lines added (none for a price the discount takes nothing off). */
export function withDiscount(price: PriceBreakdown, terms: DiscountTerms, payingPersons: number): PriceBreakdown {
  const discount = discountLines(price.lines, terms, payingPersons);
  return discount.length === 0 ? price : breakdownOf([...price.lines, ...discount]);
}

/** A price's discount lines taken together per discount (their parts per rate added up), as a mail states them. */
export function discountsIn(price: PriceBreakdown): { label: { nl: string; en: string }; totalCents: number }[] {
  const discounts = new Map<string, { label: { nl: string; en: string }; totalCents: number }>();
  for (const line of price.lines.filter((l) => l.totalCents < 0)) {
    const seen = discounts.get(line.label.nl) ?? { label: line.label, totalCents: 0 };
    discounts.set(line.label.nl, { ...seen, totalCents: seen.totalCents + line.totalCents });
  }
  return [...discounts.values()];
}
