import type { PriceBreakdown } from '../catalog/pricing.js';
import type { Language } from '../shared/language.js';
import { type GrossLine, grossPerRate, splitOverRates } from './invoice-amounts.js';
import type { InvoiceLine, InvoicePurpose, InvoiceVat } from './invoice-document.js';

/**
 * Which invoices a booking should have standing, from its state alone (pure): what
 * reconcileInvoices (invoice-issuing.service.ts) compares with the invoices it has.
 */

/** An invoice that stands: issued, and not corrected by a credit note. */
export interface StandingInvoice {
  id: string;
  number: string;
  issueDate: string;
  purpose: InvoicePurpose;
  totalCents: number;
  /** As issued: what reissuing the same invoice is compared on. */
  lines: InvoiceLine[];
  vat: InvoiceVat[];
}

/** An invoice to issue: its purpose, its lines (gross), what had been paid towards it, and the deposit invoice it deducts. */
export interface InvoiceDraft {
  purpose: Exclude<InvoicePurpose, 'credit'>;
  lines: GrossLine[];
  prepaidCents: number;
  deducts: StandingInvoice | null;
}

/** A standing invoice to keep, or one to issue. */
export type InvoiceTarget = { keep: string } | InvoiceDraft;

export interface InvoicingState {
  status: string;
  payBy: string;
  language: Language;
  /** "Kanoën op de Vecht, za 14 maart 2027 10:00". */
  subject: string;
  price: PriceBreakdown;
  /** Fees kept (+), goodwill (−); the booking owes price.totalCents + adjustmentCents. */
  adjustmentCents: number;
  /** Paid less refunded (refunds still pending count as refunded). */
  netPaidCents: number;
  /** Paid, before refunds. */
  paidCents: number;
}

const TEXT = {
  nl: {
    fees: 'Ingehouden kosten',
    goodwill: 'Tegemoetkoming',
    deposit: (subject: string) => `Aanbetaling ${subject}`,
    deduction: (number: string) => `Aanbetaling volgens factuur ${number}`,
    cancellation: (subject: string) => `Annuleringskosten ${subject}`,
  },
  en: {
    fees: 'Fees kept',
    goodwill: 'Goodwill reduction',
    deposit: (subject: string) => `Deposit ${subject}`,
    deduction: (number: string) => `Deposit as per invoice ${number}`,
    cancellation: (subject: string) => `Cancellation charge ${subject}`,
  },
} as const;

const ACTIVE = ['confirmed', 'completed'];
const ENDED = ['cancelled', 'expired'];

/** The booking's lines, VAT included: its price lines, and its adjustment split over its rates, one line per rate. */
export function bookingLines(state: Pick<InvoicingState, 'language' | 'price' | 'adjustmentCents'>): GrossLine[] {
  const lines: GrossLine[] = state.price.lines.map((l) => ({
    description: l.label[state.language],
    quantity: l.quantity,
    grossCents: l.totalCents,
    vatRateBp: l.rateBp,
  }));
  const text = TEXT[state.language];
  const description = state.adjustmentCents > 0 ? text.fees : text.goodwill;
  for (const part of splitOverRates(state.adjustmentCents, grossPerRate(lines))) {
    lines.push({ description, quantity: 1, grossCents: part.grossCents, vatRateBp: part.vatRateBp });
  }
  return lines;
}

/** `cents` as one line per VAT rate of the booking, in proportion to its gross per rate. */
function perRateLines(cents: number, state: InvoicingState, description: string): GrossLine[] {
  return splitOverRates(cents, grossPerRate(bookingLines(state))).map((part) => ({
    description,
    quantity: 1,
    grossCents: part.grossCents,
    vatRateBp: part.vatRateBp,
  }));
}

/** The deposit invoice taken off: one negative line per rate, its gross (net + VAT) as issued. */
function deductionLines(deposit: StandingInvoice, language: Language): GrossLine[] {
  const description = TEXT[language].deduction(deposit.number);
  return deposit.vat.map((v) => ({ description, quantity: -1, grossCents: -(v.netCents + v.vatCents), vatRateBp: v.vatRateBp }));
}

/**
 * The invoices that should stand for the booking (the standing ones given, to keep a deposit):
 * - on invoice, confirmed or visited: one `full` invoice for what it owes;
 * - paying online (or at the venue, once staff recorded a payment): paid in full or visited, a
 *   `full` invoice (marked paid as far as it is), or a `final` one deducting a standing deposit
 *   invoice; paid in part before the visit, one `deposit` invoice for what was paid (the standing
 *   one while it still says so);
 * - cancelled or expired: a `cancellation` invoice for what the venue keeps, if anything;
 * - anything else (not yet confirmed): nothing.
 */
export function targetInvoices(state: InvoicingState, standing: readonly StandingInvoice[]): InvoiceTarget[] {
  const text = TEXT[state.language];
  const owed = state.price.totalCents + state.adjustmentCents;
  const paid = state.netPaidCents;
  if (ENDED.includes(state.status)) {
    if (paid <= 0) return [];
    const kept = standing.find((s) => s.purpose === 'cancellation' && s.totalCents === paid);
    if (kept) return [{ keep: kept.id }];
    return [
      { purpose: 'cancellation', lines: perRateLines(paid, state, text.cancellation(state.subject)), prepaidCents: paid, deducts: null },
    ];
  }
  if (!ACTIVE.includes(state.status) || owed <= 0) return [];
  if (state.payBy === 'invoice') {
    return [{ purpose: 'full', lines: bookingLines(state), prepaidCents: Math.max(0, Math.min(paid, owed)), deducts: null }];
  }
  if (state.payBy === 'venue' && state.paidCents === 0) return [];
  // Paid in full, or visited: the service is invoiced in full (what is still unpaid is payable on it).
  const complete = paid >= owed || state.status === 'completed';
  if (paid <= 0 && !complete) return [];
  const deposit = standing.find((s) => s.purpose === 'deposit');
  if (complete) {
    const prepaid = Math.max(0, Math.min(paid, owed));
    if (deposit && deposit.totalCents < owed) {
      const lines = [...bookingLines(state), ...deductionLines(deposit, state.language)];
      const prepaidCents = Math.max(0, prepaid - deposit.totalCents);
      return [{ keep: deposit.id }, { purpose: 'final', lines, prepaidCents, deducts: deposit }];
    }
    return [{ purpose: 'full', lines: bookingLines(state), prepaidCents: prepaid, deducts: null }];
  }
  if (deposit && deposit.totalCents === paid) return [{ keep: deposit.id }];
  return [{ purpose: 'deposit', lines: perRateLines(paid, state, text.deposit(state.subject)), prepaidCents: paid, deducts: null }];
}
