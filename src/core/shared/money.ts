/**
 * Money is integer euro cents. Prices are quoted including VAT (as Dutch consumers expect);
 * VAT rates are basis points (900 = 9 %).
 */
export function vatIncluded(grossCents: number, rateBp: number): number {
  return grossCents - Math.round((grossCents * 10_000) / (10_000 + rateBp));
}
