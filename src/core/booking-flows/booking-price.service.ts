import type { Executor } from '../../db/schema.js';
import { listVatRates } from '../catalog/catalog.repository.js';
import { breakdownOf, type PriceBreakdown, priceFor, ratesOn } from '../catalog/pricing.js';
import type { Activity } from '../catalog/activity.js';
import type { Party } from '../catalog/price-categories.js';
import { extraLines, type HeldExtra } from '../catalog/extras.js';
import { localDateOf } from '../shared/time.js';

/** What a booking buys: what its price is made of. */
export interface PriceSelection {
  groupSize: number;
  /** How many of each price category (partyOf); null for an activity without categories. */
  party: Party | null;
  /** The extras it takes (core/catalog/extras.ts), each a line after the activity's own. */
  extras?: readonly HeldExtra[];
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
  const rates = ratesOn(await listVatRates(db), localDateOf(startsAt));
  const base = priceFor(activity.pricing, selection.groupSize, rates, selection.party ?? undefined);
  if (!selection.extras?.length) return base;
  return breakdownOf([...base.lines.map(({ vatCents: _vat, ...gross }) => gross), ...extraLines(selection.extras, rates)]);
}
