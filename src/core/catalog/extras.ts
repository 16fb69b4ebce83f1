import type { FieldError } from '../shared/field-errors.js';
import { breakdownOf, type GrossPricedLine, type PriceBreakdown, type VatCode, type VatRates } from './pricing.js';

/**
 * An extra an activity offers beside its price: lunch, a drinks package, equipment, a guide.
 * Per person (as many as the group), per group (one) or per unit (a number the organiser picks);
 * required (always included; a unit extra at least once) or optional; its own VAT rate; an amount
 * per person, group or unit, VAT included; a stock per slot where it is scarce (null: unlimited).
 */
export interface Extra {
  id: string;
  activityId: string;
  label: { nl: string; en: string };
  basis: 'person' | 'group' | 'unit';
  vat: VatCode;
  amountCents: number;
  required: boolean;
  stock: number | null;
  /** At most this many units per booking (basis 'unit'); null: up to MAX_EXTRA_UNITS. */
  maxPerBooking: number | null;
  position: number;
  active: boolean;
}

export const EXTRA_BASES = ['person', 'group', 'unit'] as const;

/** The most units of one extra a booking can take, whatever the extra says. */
export const MAX_EXTRA_UNITS = 999;

/** What an organiser picks, by extra id: 1 or 0 for a per-person or per-group extra (yes or no), a number of units otherwise. */
export type ExtraChoice = Readonly<Record<string, number>>;

/** An extra as a booking holds it: how many units (a per-person extra's are the group's size). */
export interface HeldExtra {
  extra: Extra;
  quantity: number;
}

/** The most units of an extra one booking may take. */
export function maxUnitsOf(extra: Extra): number {
  return Math.min(extra.maxPerBooking ?? MAX_EXTRA_UNITS, MAX_EXTRA_UNITS);
}

/** What is left in a slot of each extra with a stock, by the units taken there (by extra id); absent: unlimited. */
export function unitsLeft(extras: readonly Extra[], taken: ReadonlyMap<string, number> | undefined): Map<string, number> {
  const left = new Map<string, number>();
  for (const extra of extras) {
    if (extra.stock !== null) left.set(extra.id, Math.max(0, extra.stock - (taken?.get(extra.id) ?? 0)));
  }
  return left;
}

/** The first of a group's required extras a slot has too few units left of (`left`: unitsLeft); undefined when all fit. */
export function shortRequiredExtra(required: readonly HeldExtra[], left: ReadonlyMap<string, number>): Extra | undefined {
  return required.find(({ extra, quantity }) => (left.get(extra.id) ?? Infinity) < quantity)?.extra;
}

/** The units of an extra a group of `groupSize` holds when it takes it. */
function unitsOf(extra: Extra, groupSize: number, picked: number): number {
  if (extra.basis === 'person') return groupSize;
  if (extra.basis === 'group') return 1;
  return picked;
}

/**
 * What a group of `groupSize` takes of the activity's extras (`offered`, the active ones) by the
 * organiser's choice, or the choice's faults at `extras.<id>`: an id the activity does not offer
 * (`unknown_extra`), a yes/no other than 0 or 1 (`invalid_value`), a number of units above the
 * extra's maximum (`too_large`, naming it), none of a required unit extra (`required`). Required
 * per-person and per-group extras are always taken.
 */
export function extrasChosen(
  offered: readonly Extra[],
  choice: ExtraChoice,
  groupSize: number,
): { ok: true; held: HeldExtra[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  for (const id of Object.keys(choice)) {
    if (!offered.some((extra) => extra.id === id)) errors.push({ field: `extras.${id}`, code: 'unknown_extra' });
  }
  const held: HeldExtra[] = [];
  for (const extra of offered) {
    const field = `extras.${extra.id}`;
    const picked = choice[extra.id] ?? 0;
    if (extra.basis !== 'unit' && picked !== 0 && picked !== 1) errors.push({ field, code: 'invalid_value' });
    else if (extra.basis === 'unit' && picked > maxUnitsOf(extra))
      errors.push({ field, code: 'too_large', params: { max: maxUnitsOf(extra) } });
    else if (extra.basis === 'unit' && extra.required && picked < 1) errors.push({ field, code: 'required' });
    else if (extra.required || picked > 0) held.push({ extra, quantity: unitsOf(extra, groupSize, picked) });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, held };
}

/** The extras held by a group resized to `groupSize`: per-person extras follow the group, the others stay. */
export function resizedExtras(held: readonly HeldExtra[], groupSize: number): HeldExtra[] {
  return held.map((h) => (h.extra.basis === 'person' ? { ...h, quantity: groupSize } : h));
}

/** The price lines of the extras held, VAT included, at the rates in force (to be totalled by breakdownOf). */
export function extraLines(held: readonly HeldExtra[], rates: VatRates): GrossPricedLine[] {
  return held.map(({ extra, quantity }) => ({
    label: extra.label,
    basis: extra.basis,
    quantity,
    unitCents: extra.amountCents,
    totalCents: extra.amountCents * quantity,
    rateBp: rates[extra.vat],
    extraId: extra.id,
  }));
}

/** The extras every booking of `groupSize` takes whatever it chooses: the required ones (a per-unit one once). */
export function requiredExtras(offered: readonly Extra[], groupSize: number): HeldExtra[] {
  return offered.filter((extra) => extra.required).map((extra) => ({ extra, quantity: unitsOf(extra, groupSize, 1) }));
}

/** A price with the extras' lines after its own, totalled again (VAT once per rate over all lines). */
export function withExtras(price: PriceBreakdown, held: readonly HeldExtra[], rates: VatRates): PriceBreakdown {
  if (held.length === 0) return price;
  return breakdownOf([...price.lines.map(({ vatCents: _vat, ...gross }) => gross), ...extraLines(held, rates)]);
}
