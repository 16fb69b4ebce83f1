/**
 * Money is integer euro cents. Prices are quoted including VAT (as Dutch consumers expect);
 * VAT rates are basis points (900 = 9 %).
 */

/**
 * The most one booking's price may come to: € 1.000.000,00. Its money columns are 32-bit integers
 * on PostgreSQL (at most 2^31 - 1 cents, about € 21,5 million), and every amount stored for a
 * booking (its total and VAT, an invoice or credit note, a payment, a refund, the fees it keeps) is
 * bounded by its price, so a price within this bound is always stored, with room to spare. The
 * back office's largest price (an extra's, € 1.000.000,00 a unit) is bookable on its own; no group
 * booking of a venue comes near it. A price above it is refused (`total_too_large`), never stored.
 */
export const MAX_BOOKING_CENTS = 100_000_000;
export function vatIncluded(grossCents: number, rateBp: number): number {
  return grossCents - Math.round((grossCents * 10_000) / (10_000 + rateBp));
}

/**
 * The VAT in a rate's gross total, rounded once for the total (as invoices state VAT per rate);
 * symmetric around zero, so a credit note's VAT is exactly its invoice's, negated.
 */
export function vatOfRateTotal(grossCents: number, rateBp: number): number {
  return grossCents < 0 ? -vatIncluded(-grossCents, rateBp) : vatIncluded(grossCents, rateBp);
}

/**
 * Splits `cents` over parts in proportion to their (integer) weights so the parts add up to it
 * exactly (largest remainder). All weights zero: everything to the first part.
 */
export function allocateCents(cents: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? cents : 0));
  return allocateExact(
    cents,
    weights.map((w) => cents * w),
    sum,
  );
}

/**
 * Whole cents for exact shares numerators[i] / denominator that add up to `total`: each share
 * rounded down, the cents left over one each to the largest remainders (ties to the earlier
 * share). The shares must add up to `total` within less than one cent per share.
 */
export function allocateExact(total: number, numerators: readonly number[], denominator: number): number[] {
  const sign = denominator < 0 ? -1 : 1;
  const d = denominator * sign;
  const parts = numerators.map((n) => Math.floor((n * sign) / d));
  const rests = numerators.map((n, i) => n * sign - parts[i]! * d);
  const order = parts.map((_, i) => i).sort((a, b) => rests[b]! - rests[a]! || a - b);
  let left = total - parts.reduce((a, b) => a + b, 0);
  for (let k = 0; left > 0 && order.length > 0; k++, left--) parts[order[k % order.length]!]! += 1;
  return parts;
}

/**
 * The amounts of one VAT rate's lines (gross, VAT included): the VAT of their total, rounded once
 * (vatOfRateTotal), and each line's net amount, which add up exactly to the total less that VAT.
 */
export function splitRate(grossCents: readonly number[], rateBp: number): { vatCents: number; netCents: number[] } {
  const gross = grossCents.reduce((a, b) => a + b, 0);
  const vatCents = vatOfRateTotal(gross, rateBp);
  const netCents = allocateExact(
    gross - vatCents,
    grossCents.map((g) => g * 10_000),
    10_000 + rateBp,
  );
  return { vatCents, netCents };
}
