import type { Db } from '../../db/schema.js';
import { listSlotOffers } from './slot.service.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/time.js';
import type { Activity } from '../catalog/activity.js';
import { type ActivitySearch, matchesTerms } from '../catalog/activity-search.js';
import { listPublishedActivities, listVatRates } from '../catalog/catalog.repository.js';
import { type PriceBreakdown, priceFor, ratesOn, type VatRates } from '../catalog/pricing.js';
import { requiredExtras, withExtras } from '../catalog/extras.js';
import { listOfferedExtras } from './extra-offers.service.js';

/** An activity a search found, priced for the group it was found for. */
export interface ActivityMatch {
  activity: Activity;
  /** The group size searched for, or the activity's smallest group. */
  groupSize: number;
  /** For that group, VAT included, at the VAT of the date searched for (else today's). */
  price: PriceBreakdown;
  /** The total divided over the group, rounded to the cent. */
  perPersonCents: number;
  /** The VAT rates it was priced at. */
  rates: VatRates;
}

export interface CatalogueSearchResult {
  matches: ActivityMatch[];
  /** Every city with an activity, whatever the search, by name: what the city filter offers. */
  cities: string[];
}

/**
 * The published activities of the catalogue (by Dutch title) that a search finds. The catalogue is read
 * once and matched here, so text matches ignore case and accents on SQLite and PostgreSQL alike;
 * only a date asks for each remaining activity's slots of that day.
 */
export async function searchCatalogue(db: Db, clock: Clock, search: ActivitySearch): Promise<CatalogueSearchResult> {
  const activities = await listPublishedActivities(db);
  const rates = ratesOn(await listVatRates(db), search.date ?? localDateOf(clock.now()));
  const extras = await listOfferedExtras(
    db,
    activities.map((a) => a.id),
  );
  const matches: ActivityMatch[] = [];
  for (const activity of activities) {
    const groupSize = search.groupSize ?? activity.minGroupSize;
    if (groupSize < activity.minGroupSize || groupSize > activity.maxGroupSize || !matchesTerms(activity, search)) continue;
    // The price shown is what every booking of the group pays: its required extras included.
    const price = withExtras(priceFor(activity.pricing, groupSize, rates), requiredExtras(extras.get(activity.id) ?? [], groupSize), rates);
    const perPersonCents = Math.round(price.totalCents / groupSize);
    if (search.maxPerPersonCents !== undefined && perPersonCents > search.maxPerPersonCents) continue;
    if (search.date) {
      const offers = await listSlotOffers(db, clock, activity, { from: search.date, to: search.date, groupSize });
      if (!offers.some((offer) => !offer.refusal)) continue;
    }
    matches.push({ activity, groupSize, price, perPersonCents, rates });
  }
  const cities = [...new Set(activities.map((a) => a.venue.city))].sort((a, b) => a.localeCompare(b, 'nl'));
  return { matches, cities };
}
