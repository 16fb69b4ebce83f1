import type { HeldExtra } from '../catalog/extras.js';
import type { CategoryLine } from '../catalog/price-categories.js';
import { categoriesOf, type PriceBreakdown, type Pricing } from '../catalog/pricing.js';
import type { BookingDetails } from './booking.js';

/**
 * The price rules a booking keeps: a booking is a contract at the prices it was made at (as it
 * keeps its refund policy and discount terms), so a change of its group is priced by them, never
 * by the activity's prices of the day. VAT follows the visit's date all the same.
 * - A booking placed with its activity's pricing kept (`pricingAsBooked`): that pricing, its price
 *   categories, bands and free allowances. A price category the activity added since (a key the
 *   booking's pricing lacks) joins it at today's price, where the booking was counted by categories
 *   then: a person of a kind the booking never had is bought now.
 * - One placed before the pricing was kept (null): the activity's pricing today, each of its lines
 *   at the unit price the booking's own price lines show for it (the line of the same label and
 *   basis; for a line priced by bands, the band of the booking's size), else at today's price.
 */
export function bookingPricing(booking: Pick<BookingDetails, 'pricingAsBooked' | 'price' | 'groupSize' | 'activity'>): Pricing {
  const today = booking.activity.pricing;
  const kept = booking.pricingAsBooked;
  if (kept === null) return atUnitPricesOf(today, booking.price, booking.groupSize);
  if (categoriesOf(kept).length === 0) return kept;
  return [...kept, ...categoriesAddedSince(kept, today)];
}

/** The price categories of `today` that the pricing `kept` lacks (by key): those added since. */
function categoriesAddedSince(kept: Pricing, today: Pricing): CategoryLine[] {
  const keys = new Set(categoriesOf(kept).map((category) => category.key));
  return categoriesOf(today).filter((category) => !keys.has(category.key));
}

/** The pricing with each line at the unit price of the price line of the same label and basis (an extra's or a discount's excepted). */
function atUnitPricesOf(pricing: Pricing, price: PriceBreakdown, groupSize: number): Pricing {
  const own = price.lines.filter((line) => line.extraId === undefined && line.unitCents >= 0);
  return pricing.map((line) => {
    const basis = line.basis === 'category' ? 'person' : line.basis;
    const booked = own.find((l) => l.basis === basis && l.label.nl === line.label.nl && l.label.en === line.label.en);
    if (!booked) return line;
    if (line.basis === 'category' || line.bands === undefined) return { ...line, amountCents: booked.unitCents };
    const bands = line.bands.map((band) =>
      groupSize >= band.minSize && groupSize <= band.maxSize ? { ...band, amountCents: booked.unitCents } : band,
    );
    return { ...line, bands };
  });
}

/**
 * The extras a booking holds at the unit prices its price lines show for them, the prices it took
 * them at; an extra without a line of its own at today's price.
 */
export function atBookedExtraPrices(held: readonly HeldExtra[], price: PriceBreakdown): HeldExtra[] {
  return held.map((h) => {
    const line = price.lines.find((l) => l.extraId === h.extra.id);
    return line ? { ...h, extra: { ...h.extra, amountCents: line.unitCents } } : h;
  });
}

/**
 * The price categories a booking's party is named and counted by: those of the pricing it was
 * booked with (its names then, also of a category the venue renamed or dropped since), then those
 * its activity added since; today's alone for a booking placed before its pricing was kept.
 */
export function partyCategoriesOf(booked: Pricing | null, today: Pricing): CategoryLine[] {
  return [...categoriesOf(booked ?? []), ...categoriesAddedSince(booked ?? [], today)];
}
