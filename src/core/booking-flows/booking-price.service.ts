import type { Executor } from '../../db/schema.js';
import { listVatRates } from '../catalog/catalog.repository.js';
import { freePersons, type PriceBreakdown, priceFor, type Pricing, ratesOn, type VatRateRow } from '../catalog/pricing.js';
import type { Party } from '../catalog/price-categories.js';
import { type HeldExtra, withExtras } from '../catalog/extras.js';
import { localDateOf } from '../shared/time.js';
import { type DiscountTerms, withDiscount } from '../discounts/discount-code.js';
import { MAX_BOOKING_CENTS } from '../shared/money.js';
import { FieldsRefused } from '../shared/field-errors.js';

/** What a booking buys: what its price is made of. */
export interface PriceSelection {
  groupSize: number;
  /** How many of each price category (partyOf); null for an activity without categories. */
  party: Party | null;
  /** The extras it takes (core/catalog/extras.ts), each a line after the activity's own. */
  extras?: readonly HeldExtra[];
  /** The discount the booking is given (its own lines per VAT rate, after the rest); none: no discount. */
  discount?: DiscountTerms | null;
  /**
   * A booking priced again: what it owes beside its price (its adjustment: fees kept, less goodwill
   * refunds; bookings.adjustment_cents), which counts toward the bound, and its price so far, which
   * a new price may come back down from (see priceAtRates).
   */
  repriced?: { adjustmentCents: number; previousCents: number };
}

/**
 * The price of what a booking buys by a pricing (an activity's, or the one a booking keeps), at the
 * VAT rates of its visit's date: one place for a new booking's quote and a booking's repricing (a
 * change of its group), so both always price alike.
 */
export async function priceOfSelection(db: Executor, pricing: Pricing, startsAt: Date, selection: PriceSelection): Promise<PriceBreakdown> {
  return priceAtRates(await listVatRates(db), pricing, startsAt, selection);
}

/**
 * priceOfSelection with the VAT rate rows (listVatRates) already read, as a booking's quote reads
 * them with its slot. A price above the most one booking may cost (MAX_BOOKING_CENTS) is refused
 * (`total_too_large`, naming the maximum) where its cause is (boundField); for a booking priced
 * again, with what it owes beside its price (the fees it kept, which a smaller
 * group adds to: so the bound holds however often it grows and shrinks), and one above the bound
 * already (stored before the bound) may still come down.
 */
export function priceAtRates(vatRates: readonly VatRateRow[], pricing: Pricing, startsAt: Date, selection: PriceSelection): PriceBreakdown {
  const rates = ratesOn(vatRates, localDateOf(startsAt));
  const base = priceFor(pricing, selection.groupSize, rates, selection.party ?? undefined);
  const price = withExtras(base, selection.extras ?? [], rates);
  // An amount per person is for those who pay: free companions take no discount.
  const paying = selection.groupSize - freePersons(pricing, selection.party);
  const total = selection.discount ? withDiscount(price, selection.discount, paying) : price;
  const { adjustmentCents = 0, previousCents = 0 } = selection.repriced ?? {};
  const owed = total.totalCents + adjustmentCents;
  if (owed > MAX_BOOKING_CENTS && owed > previousCents + adjustmentCents) {
    const field = boundField(base.totalCents, selection);
    throw new FieldsRefused([{ field, code: 'total_too_large', params: { max: { cents: MAX_BOOKING_CENTS } } }]);
  }
  return total;
}

/**
 * Where a new booking's price over the bound is refused: at the extra the organiser chose that adds
 * the most to it (`extras.<id>`: one per unit, or an optional one; a required one is no choice; the
 * first of those adding as much) when the group alone (`groupCents`, its price without extras) stays
 * within the bound, else at the group size, as always for a booking priced again (a change of its group).
 */
function boundField(groupCents: number, selection: PriceSelection): string {
  if (selection.repriced || groupCents > MAX_BOOKING_CENTS) return 'groupSize';
  const chosen = (selection.extras ?? []).filter(
    ({ extra, quantity }) => quantity > 0 && extra.amountCents > 0 && (extra.basis === 'unit' || !extra.required),
  );
  const costliest = chosen.reduce<(typeof chosen)[number] | undefined>(
    (most, held) => (most && most.extra.amountCents * most.quantity >= held.extra.amountCents * held.quantity ? most : held),
    undefined,
  );
  return costliest ? `extras.${costliest.extra.id}` : 'groupSize';
}
