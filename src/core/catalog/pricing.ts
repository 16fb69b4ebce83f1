import { z } from 'zod';
import { DomainError } from '../shared/errors.js';
import { splitRate } from '../shared/money.js';
import {
  type CategoryLine,
  categoriesAreConsistent,
  categoryLineSchema,
  defaultParty,
  freeCount,
  type Group,
  type Party,
  partySize,
  resizedParty,
} from './price-categories.js';

/**
 * An activity's price: one or more lines (entrance, lunch, guide...), each per person or per group,
 * each with its own VAT rate, each either a fixed amount or bands by group size; or per person of
 * a price category (pupil, teacher: price-categories.ts), which the group is counted in.
 * Amounts include VAT.
 */
const bandSchema = z.object({
  minSize: z.number().int().min(1),
  maxSize: z.number().int().min(1),
  amountCents: z.number().int().min(0),
});

export const priceLineSchema = z
  .object({
    label: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
    basis: z.enum(['person', 'group']),
    vat: z.enum(['low', 'high']),
    amountCents: z.number().int().min(0).optional(),
    bands: z.array(bandSchema).min(1).optional(),
  })
  .refine((line) => (line.amountCents === undefined) !== (line.bands === undefined), {
    message: 'a price line has either amountCents or bands',
  });

export const pricingSchema = z
  .array(z.union([categoryLineSchema, priceLineSchema]))
  .min(1)
  .max(10)
  .refine((lines) => categoriesAreConsistent(categoriesOf(lines)), {
    message: 'category keys are unique, and a free allowance names another category',
  });

export type Pricing = z.infer<typeof pricingSchema>;
export type PlainLine = z.infer<typeof priceLineSchema>;

/** The pricing's price categories, in its order: none for an activity priced by group size alone. */
export function categoriesOf(pricing: readonly (PlainLine | CategoryLine)[]): CategoryLine[] {
  return pricing.filter((line): line is CategoryLine => line.basis === 'category');
}
export type VatCode = 'low' | 'high';
export type VatRates = Record<VatCode, number>;

export interface VatRateRow {
  code: string;
  rate_bp: number;
  valid_from: string;
}

/** The VAT rates in force on a date (YYYY-MM-DD): Dutch VAT follows the date of supply. */
export function ratesOn(rows: readonly VatRateRow[], date: string): VatRates {
  const rates: Partial<VatRates> = {};
  for (const row of [...rows].sort((a, b) => a.valid_from.localeCompare(b.valid_from))) {
    if (row.valid_from <= date) rates[row.code as VatCode] = row.rate_bp;
  }
  if (rates.low === undefined || rates.high === undefined) throw new Error(`no VAT rates in force on ${date}`);
  return rates as VatRates;
}

export interface PricedLine {
  label: { nl: string; en: string };
  /** Per person, per group, or per unit (an extra's, core/catalog/extras.ts). */
  basis: 'person' | 'group' | 'unit';
  quantity: number;
  unitCents: number;
  totalCents: number;
  rateBp: number;
  vatCents: number;
  /** The extra the line prices (core/catalog/extras.ts); absent on the activity's own lines. */
  extraId?: string;
}

export interface PriceBreakdown {
  lines: PricedLine[];
  /** VAT per rate, highest rate first, as an invoice shows it. */
  vat: { rateBp: number; vatCents: number }[];
  totalCents: number;
  vatCents: number;
}

/**
 * The party a booking of the activity counts: the one sent, or the default for its group size;
 * null for an activity without price categories.
 */
export function partyOf(pricing: Pricing, group: { groupSize: number; party?: Party | null | undefined }): Party | null {
  const categories = categoriesOf(pricing);
  if (categories.length === 0) return null;
  return group.party ?? defaultParty(categories, group.groupSize);
}

/**
 * A booking's group after a change: a new size (for an activity with price categories, its first
 * category takes the difference: resizedParty), or a new party (its sum the new size).
 */
export function changedGroup(pricing: Pricing, current: Group, change: number | Party): Group {
  if (typeof change !== 'number') return { groupSize: partySize(change), party: change };
  const categories = categoriesOf(pricing);
  if (categories.length === 0) return { groupSize: change, party: null };
  return { groupSize: change, party: resizedParty(categories, current.party ?? defaultParty(categories, current.groupSize), change) };
}

/** How many persons of the party go free by their categories' allowances (0 without categories). */
export function freePersons(pricing: Pricing, party: Party | null): number {
  return party ? categoriesOf(pricing).reduce((sum, category) => sum + freeCount(category, party), 0) : 0;
}

/** A line priced by bands of group size (which the back office's form shows but cannot edit). */
export function isBanded(line: Pricing[number]): line is PlainLine & { bands: NonNullable<PlainLine['bands']> } {
  return line.basis !== 'category' && line.bands !== undefined;
}

function unitAmount(line: PlainLine, groupSize: number): number {
  if (line.amountCents !== undefined) return line.amountCents;
  const band = line.bands?.find((b) => groupSize >= b.minSize && groupSize <= b.maxSize);
  if (!band) throw new DomainError('price_unavailable', { groupSize });
  return band.amountCents;
}

/** A priced line before its share of VAT: what breakdownOf totals. */
export type GrossPricedLine = Omit<PricedLine, 'vatCents'>;

/**
 * Lines totalled as a price: the VAT per rate rounded once on the rate's total (as an invoice
 * states it, core/invoices/invoice-amounts.ts), each line's share of it allocated so the lines add
 * up to it. Extras and discounts are lines like any other (a discount's are negative).
 */
export function breakdownOf(gross: readonly GrossPricedLine[]): PriceBreakdown {
  const lines = gross.map((line): PricedLine => ({ ...line, vatCents: 0 }));
  const vat: PriceBreakdown['vat'] = [];
  for (const rateBp of [...new Set(lines.map((l) => l.rateBp))].sort((a, b) => b - a)) {
    const ofRate = lines.filter((l) => l.rateBp === rateBp);
    const split = splitRate(
      ofRate.map((l) => l.totalCents),
      rateBp,
    );
    ofRate.forEach((line, i) => (line.vatCents = line.totalCents - split.netCents[i]!));
    vat.push({ rateBp, vatCents: split.vatCents });
  }
  return {
    lines,
    vat,
    totalCents: lines.reduce((sum, l) => sum + l.totalCents, 0),
    vatCents: vat.reduce((sum, v) => sum + v.vatCents, 0),
  };
}

/** A category's lines: its paying persons, and those who go free by its allowance. */
function categoryLines(category: CategoryLine, party: Party, rateBp: number): GrossPricedLine[] {
  const count = party[category.key] ?? 0;
  const free = freeCount(category, party);
  const lines: GrossPricedLine[] = [];
  const { label, amountCents: unitCents } = category;
  if (count - free > 0)
    lines.push({ label, basis: 'person', quantity: count - free, unitCents, totalCents: unitCents * (count - free), rateBp });
  if (free > 0) {
    lines.push({
      label: { nl: `${label.nl} (gratis)`, en: `${label.en} (free)` },
      basis: 'person',
      quantity: free,
      unitCents: 0,
      totalCents: 0,
      rateBp,
    });
  }
  return lines;
}

/**
 * The price of a group by the activity's pricing (breakdownOf its lines). With price categories,
 * `party` says how many of each the group has (by default, defaultParty of the group size); the
 * group size is then its sum.
 */
export function priceFor(pricing: Pricing, groupSize: number, rates: VatRates, party?: Party): PriceBreakdown {
  const categories = categoriesOf(pricing);
  const counted = categories.length > 0 ? (party ?? defaultParty(categories, groupSize)) : {};
  return breakdownOf(
    pricing.flatMap((line): GrossPricedLine[] => {
      if (line.basis === 'category') return categoryLines(line, counted, rates[line.vat]);
      const unitCents = unitAmount(line, groupSize);
      const quantity = line.basis === 'person' ? groupSize : 1;
      return [{ label: line.label, basis: line.basis, quantity, unitCents, totalCents: unitCents * quantity, rateBp: rates[line.vat] }];
    }),
  );
}

/** Every group size the activity accepts must have exactly one band in every banded line. */
export function assertPricingCovers(pricing: Pricing, minSize: number, maxSize: number): void {
  for (const line of pricing) {
    if (!isBanded(line)) continue;
    for (let size = minSize; size <= maxSize; size++) {
      const matches = line.bands.filter((b) => size >= b.minSize && size <= b.maxSize).length;
      if (matches !== 1) throw new DomainError('invalid_catalogue', { reason: `group size ${size} matches ${matches} bands` });
    }
  }
}
