import type { Language } from '../shared/language.js';

/** Why an invoice was issued; a credit note's purpose is always `credit`. */
export const INVOICE_PURPOSES = ['full', 'deposit', 'final', 'cancellation', 'credit'] as const;
export type InvoicePurpose = (typeof INVOICE_PURPOSES)[number];
export type InvoiceKind = 'invoice' | 'credit_note';

/** A party as an invoice states it. */
export interface InvoiceParty {
  /** The legal name (seller) or the organisation billed (buyer). */
  name: string;
  /** The postal address as printed, one line each (street and number; postcode and city; ...). */
  addressLines: string[];
  /** The parts an e-invoice needs; the seller's are always known, the buyer's when they could be read from its address. */
  street: string | null;
  postcode: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2, e.g. NL. */
  country: string;
  /** EU VAT id in normal form (NL123456789B01); null when none. */
  vatId: string | null;
}

export interface InvoiceSeller extends InvoiceParty {
  vatId: string;
  /** KvK number, 8 digits. */
  kvkNumber: string;
  /** Normal form, no spaces. */
  iban: string;
  bic: string | null;
  email: string | null;
  phone: string | null;
}

export interface InvoiceBuyer extends InvoiceParty {
  /** The person who booked (the contact), and the address invoices are mailed to. */
  contactName: string;
  email: string;
  /** The buyer's own reference: purchase order number, "uw kenmerk"; null when none. */
  reference: string | null;
}

/**
 * One line. Amounts exclude VAT (as Dutch invoice rules and EN 16931 state lines); negative on a
 * credit note and on a final invoice's deduction of a deposit.
 */
export interface InvoiceLine {
  /** In the invoice's language. */
  description: string;
  /** Persons, groups or units; negative where the line takes something off. */
  quantity: number;
  /** Unit price excluding VAT, in euros as a decimal string with up to 6 decimals ("22.914286"), so that quantity × unit rounds to netCents. */
  unitNet: string;
  netCents: number;
  /** Basis points: 900 = 9 %, 2100 = 21 %. */
  vatRateBp: number;
}

/** The VAT of one rate: its taxable amount (the sum of its lines' net amounts) and the VAT on it, rounded once per rate. */
export interface InvoiceVat {
  vatRateBp: number;
  netCents: number;
  vatCents: number;
}

/**
 * Everything an issued invoice or credit note states, stored as issued (invoices.document) and
 * rendered from it alone: the PDF, the UBL e-invoice and the CSV export never read the booking.
 * A credit note's amounts are negative here (and in invoices.total_cents); its UBL CreditNote
 * states them positive, as UBL wants.
 */
export interface InvoiceDocument {
  kind: InvoiceKind;
  purpose: InvoicePurpose;
  number: string;
  language: Language;
  /** YYYY-MM-DD, Amsterdam. */
  issueDate: string;
  /** The date of the service (the visit's day), YYYY-MM-DD. */
  serviceDate: string;
  /** When an invoice is due, YYYY-MM-DD; null on a credit note. */
  dueOn: string | null;
  /** What a credit note corrects, or the deposit invoices a final invoice deducts: their numbers and dates. */
  references: { number: string; issueDate: string }[];
  seller: InvoiceSeller;
  buyer: InvoiceBuyer;
  /** The booking's reference, which a payment quotes ("betalingskenmerk"). */
  bookingReference: string;
  /** "Kanoën op de Vecht, za 14 maart 2027 10:00", in the invoice's language. */
  subject: string;
  lines: InvoiceLine[];
  /** Highest rate first. */
  vat: InvoiceVat[];
  netCents: number;
  vatCents: number;
  /** netCents + vatCents. */
  totalCents: number;
  /** What had been paid towards this document when it was issued (a receipt: all of it). */
  prepaidCents: number;
  /** totalCents - prepaidCents. */
  payableCents: number;
}
