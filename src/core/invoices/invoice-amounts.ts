import { allocateCents, splitRate } from '../shared/money.js';
import type { InvoiceLine, InvoiceVat } from './invoice-document.js';

/** A line as the booking knows it: an amount including VAT. */
export interface GrossLine {
  description: string;
  /** Negative where the line takes something off (a deposit deducted). */
  quantity: number;
  grossCents: number;
  vatRateBp: number;
}

/** An invoice's lines and totals, as its document states them. */
export interface InvoiceAmounts {
  lines: InvoiceLine[];
  /** Highest rate first. */
  vat: InvoiceVat[];
  netCents: number;
  vatCents: number;
  totalCents: number;
}

/**
 * The amounts an invoice states for lines priced including VAT: per rate its gross total G, its
 * VAT rounded once on G, its net G − VAT; the lines' net amounts allocated to add up exactly to the
 * rate's net (largest remainder). The total is the lines' gross total to the cent.
 */
export function amountsOf(lines: readonly GrossLine[]): InvoiceAmounts {
  const nets = new Map<GrossLine, number>();
  const vat: InvoiceVat[] = [];
  for (const rate of [...new Set(lines.map((l) => l.vatRateBp))].sort((a, b) => b - a)) {
    const ofRate = lines.filter((l) => l.vatRateBp === rate);
    const split = splitRate(
      ofRate.map((l) => l.grossCents),
      rate,
    );
    ofRate.forEach((line, i) => nets.set(line, split.netCents[i]!));
    vat.push({ vatRateBp: rate, netCents: split.netCents.reduce((a, b) => a + b, 0), vatCents: split.vatCents });
  }
  const netCents = vat.reduce((sum, v) => sum + v.netCents, 0);
  const vatCents = vat.reduce((sum, v) => sum + v.vatCents, 0);
  return {
    lines: lines.map((line) => {
      const net = nets.get(line)!;
      return {
        description: line.description,
        quantity: line.quantity,
        unitNet: unitNetOf(net, line.quantity),
        netCents: net,
        vatRateBp: line.vatRateBp,
      };
    }),
    vat,
    netCents,
    vatCents,
    totalCents: netCents + vatCents,
  };
}

/**
 * A line's unit price excluding VAT in euros, with up to 6 decimals (at least 2), so that quantity
 * × unit rounds to the line's net amount: "22.914286". A zero quantity has a zero unit price.
 */
export function unitNetOf(netCents: number, quantity: number): string {
  if (quantity === 0) return '0.00';
  // Micro-euros: cents × 10 000, rounded half away from zero once.
  const exact = (netCents * 10_000) / quantity;
  const micro = Math.sign(exact) * Math.round(Math.abs(exact));
  const sign = micro < 0 ? '-' : '';
  const digits = String(Math.abs(micro)).padStart(7, '0');
  const euros = digits.slice(0, -6);
  const decimals = digits.slice(-6).replace(/0{1,4}$/, '');
  return `${sign}${euros}.${decimals.padEnd(2, '0')}`;
}

/**
 * Splits an amount over VAT rates in proportion to the booking's gross per rate (a deposit, what a
 * cancellation keeps, fees or goodwill), so that the parts add up to it exactly. Highest rate first.
 */
export function splitOverRates(
  cents: number,
  grossPerRate: readonly { vatRateBp: number; grossCents: number }[],
): { vatRateBp: number; grossCents: number }[] {
  const rates = [...grossPerRate].sort((a, b) => b.vatRateBp - a.vatRateBp);
  const parts = allocateCents(
    cents,
    rates.map((r) => r.grossCents),
  );
  return rates.map((r, i) => ({ vatRateBp: r.vatRateBp, grossCents: parts[i]! })).filter((r) => r.grossCents !== 0);
}

/** The gross per VAT rate of lines, highest rate first. */
export function grossPerRate(lines: readonly GrossLine[]): { vatRateBp: number; grossCents: number }[] {
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.vatRateBp, (byRate.get(line.vatRateBp) ?? 0) + line.grossCents);
  return [...byRate].sort(([a], [b]) => b - a).map(([vatRateBp, grossCents]) => ({ vatRateBp, grossCents }));
}

/** The same amounts negated: a credit note's mirror of its invoice (unit prices stay, quantities turn). */
export function negatedAmounts(amounts: InvoiceAmounts): InvoiceAmounts {
  return {
    lines: amounts.lines.map((line) => ({ ...line, quantity: -line.quantity, netCents: -line.netCents })),
    vat: amounts.vat.map((v) => ({ ...v, netCents: -v.netCents, vatCents: -v.vatCents })),
    netCents: -amounts.netCents,
    vatCents: -amounts.vatCents,
    totalCents: -amounts.totalCents,
  };
}
