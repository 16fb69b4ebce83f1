import type { Executor } from '../../db/schema.js';
import { listVatRates } from '../catalog/catalog.repository.js';
import { type PriceBreakdown, priceFor, ratesOn } from '../catalog/pricing.js';
import type { Activity } from '../catalog/activity.js';
import { localDateOf } from '../shared/time.js';
import { type DiscountTerms, withDiscount } from '../discounts/discount-code.js';

/** What a booking buys: what its price is made of. */
export interface PriceSelection {
  groupSize: number;
  /** The discount the booking is given (its own lines per VAT rate, after the rest); none: no discount. */
  discount?: DiscountTerms | null;
}

/**
 * The price of what a booking buys of an activity, at the VAT rates of its visit's date: one
 * place for a new booking's quote and a booking's repricing (a change of its group), so both
 * always price alike.
 */
export async function priceOfSelection(
  db: Executor,
  activity: Activity,
  startsAt: Date,
  selection: PriceSelection,
): Promise<PriceBreakdown> {
  const price = priceFor(activity.pricing, selection.groupSize, ratesOn(await listVatRates(db), localDateOf(startsAt)));
  return selection.discount ? withDiscount(price, selection.discount, selection.groupSize) : price;
}
