import { DateTime } from 'luxon';
import type { Language } from '../shared/language.js';
import type { InvoiceDocument } from './invoice-document.js';
import type { InvoiceStatus } from './invoice-status.js';

/** What an invoice's PDF and its mail call things, in the document's language. */
export interface InvoiceTexts {
  invoice: string;
  creditNote: string;
  depositInvoice: string;
  finalInvoice: string;
  number: string;
  issueDate: string;
  serviceDate: string;
  dueDate: string;
  bookingReference: string;
  subject: string;
  yourReference: string;
  attention: string;
  billedTo: string;
  kvk: string;
  vatId: string;
  iban: string;
  bic: string;
  correction: (number: string, date: string) => string;
  deducts: (number: string, date: string) => string;
  description: string;
  quantity: string;
  unitPrice: string;
  vatRate: string;
  amount: string;
  vatOver: (rate: string, net: string) => string;
  totalNet: string;
  totalVat: string;
  total: string;
  prepaid: string;
  payable: string;
  status: Record<InvoiceStatus, string>;
  payInstruction: (amount: string, due: string, iban: string, name: string, reference: string) => string;
  page: (n: number, of: number) => string;
}

export const INVOICE_TEXTS: Record<Language, InvoiceTexts> = {
  nl: {
    invoice: 'Factuur',
    creditNote: 'Creditnota',
    depositInvoice: 'Aanbetalingsfactuur',
    finalInvoice: 'Eindfactuur',
    number: 'Factuurnummer',
    issueDate: 'Factuurdatum',
    serviceDate: 'Leveringsdatum',
    dueDate: 'Vervaldatum',
    bookingReference: 'Boekingsreferentie',
    subject: 'Betreft',
    yourReference: 'Uw kenmerk',
    attention: 't.a.v.',
    billedTo: 'Factuuradres',
    kvk: 'KvK',
    vatId: 'Btw-id',
    iban: 'IBAN',
    bic: 'BIC',
    correction: (number, date) => `Correctie van factuur ${number} van ${date}`,
    deducts: (number, date) => `Verrekent aanbetalingsfactuur ${number} van ${date}`,
    description: 'Omschrijving',
    quantity: 'Aantal',
    unitPrice: 'Prijs excl. btw',
    vatRate: 'Btw',
    amount: 'Bedrag excl. btw',
    vatOver: (rate, net) => `Btw ${rate} over ${net}`,
    totalNet: 'Totaal excl. btw',
    totalVat: 'Totaal btw',
    total: 'Totaal incl. btw',
    prepaid: 'Reeds betaald',
    payable: 'Te betalen',
    status: {
      paid: 'Status: betaald. Dank u wel.',
      open: 'Status: openstaand.',
      overdue: 'Status: vervallen: de betaaltermijn is verstreken.',
      credited: 'Status: gecrediteerd: deze factuur is gecorrigeerd met een creditnota.',
      settled: 'Status: verrekend met de gecorrigeerde factuur.',
    },
    payInstruction: (amount, due, iban, name, reference) =>
      `Gelieve ${amount} uiterlijk ${due} over te maken op ${iban} t.n.v. ${name}, onder vermelding van ${reference}.`,
    page: (n, of) => `Pagina ${n} van ${of}`,
  },
  en: {
    invoice: 'Invoice',
    creditNote: 'Credit note',
    depositInvoice: 'Deposit invoice',
    finalInvoice: 'Final invoice',
    number: 'Invoice number',
    issueDate: 'Invoice date',
    serviceDate: 'Date of service',
    dueDate: 'Due date',
    bookingReference: 'Booking reference',
    subject: 'Subject',
    yourReference: 'Your reference',
    attention: 'Attn.',
    billedTo: 'Billed to',
    kvk: 'KvK (Chamber of Commerce)',
    vatId: 'VAT id',
    iban: 'IBAN',
    bic: 'BIC',
    correction: (number, date) => `Correction of invoice ${number} of ${date}`,
    deducts: (number, date) => `Deducts deposit invoice ${number} of ${date}`,
    description: 'Description',
    quantity: 'Quantity',
    unitPrice: 'Unit price excl. VAT',
    vatRate: 'VAT',
    amount: 'Amount excl. VAT',
    vatOver: (rate, net) => `VAT ${rate} on ${net}`,
    totalNet: 'Total excl. VAT',
    totalVat: 'Total VAT',
    total: 'Total incl. VAT',
    prepaid: 'Paid already',
    payable: 'Amount due',
    status: {
      paid: 'Status: paid. Thank you.',
      open: 'Status: open.',
      overdue: 'Status: overdue: the payment term has passed.',
      credited: 'Status: credited: this invoice has been corrected by a credit note.',
      settled: 'Status: settled against the invoice it corrects.',
    },
    payInstruction: (amount, due, iban, name, reference) =>
      `Please transfer ${amount} by ${due} to ${iban} in the name of ${name}, quoting ${reference}.`,
    page: (n, of) => `Page ${n} of ${of}`,
  },
};

/** What the document is called: "Factuur", "Creditnota", "Aanbetalingsfactuur"... */
export function documentTitle(document: Pick<InvoiceDocument, 'kind' | 'purpose' | 'language'>): string {
  const texts = INVOICE_TEXTS[document.language];
  if (document.kind === 'credit_note') return texts.creditNote;
  if (document.purpose === 'deposit') return texts.depositInvoice;
  if (document.purpose === 'final') return texts.finalInvoice;
  return texts.invoice;
}

/** A calendar date YYYY-MM-DD as "15 februari 2027" / "15 February 2027". */
export function formatDocumentDate(date: string, lang: Language): string {
  return DateTime.fromISO(date, { zone: 'UTC' })
    .setLocale(lang === 'nl' ? 'nl-NL' : 'en-GB')
    .toFormat('d LLLL yyyy');
}

/** An IBAN in groups of four, as people read it: NL91 ABNA 0417 1643 00. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}
