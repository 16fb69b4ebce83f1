import { breakdownOf } from '../src/core/catalog/pricing.js';
import { withDiscount } from '../src/core/discounts/discount-code.js';
import { amountsOf, type GrossLine, negatedAmounts } from '../src/core/invoices/invoice-amounts.js';
import { bookingLines } from '../src/core/invoices/invoice-targets.js';
import type { InvoiceBuyer, InvoiceDocument, InvoiceLine, InvoiceSeller, InvoiceVat } from '../src/core/invoices/invoice-document.js';

// InvoiceDocuments as the issuing would store them, internally consistent (lines add up to the
// VAT per rate, VAT is the rate's net × rate rounded once, totals add up), for the tests of the
// PDF, the UBL e-invoice, the downloads and the mail.

export const SELLER: InvoiceSeller = {
  name: 'Vechtavontuur B.V.',
  addressLines: ['Jaagpad 12', '3601 AB Maarssen'],
  street: 'Jaagpad 12',
  postcode: '3601 AB',
  city: 'Maarssen',
  country: 'NL',
  vatId: 'NL859123456B01',
  kvkNumber: '12345678',
  iban: 'NL91ABNA0417164300',
  bic: 'ABNANL2A',
  email: 'info@vechtavontuur.test',
  phone: '+31 30 123 4567',
};

export const SCHOOL: InvoiceBuyer = {
  name: 'Stichting Openbaar Onderwijs Utrecht',
  addressLines: ['Postbus 1234', '3500 AA Utrecht'],
  street: 'Postbus 1234',
  postcode: '3500 AA',
  city: 'Utrecht',
  country: 'NL',
  vatId: 'NL001234567B01',
  contactName: 'Anna de Vries',
  email: 'anna@school.test',
  reference: 'PO-2027-00917',
};

/** A buyer whose address could not be read into parts, with no VAT id and no reference of its own. */
export const FAMILY: InvoiceBuyer = {
  name: 'Familie Jansen',
  addressLines: ['Keizersgracht 1 hs, Amsterdam'],
  street: null,
  postcode: null,
  city: null,
  country: 'NL',
  vatId: null,
  contactName: 'Piet Jansen',
  email: 'piet@jansen.test',
  reference: null,
};

/** A line whose net amount is quantity × unit price rounded to the cent, away from zero. */
export function line(description: string, quantity: number, unitNet: string, vatRateBp: number): InvoiceLine {
  const exact = quantity * Number(unitNet) * 100;
  return { description, quantity, unitNet, netCents: Math.sign(exact) * Math.round(Math.abs(exact)), vatRateBp };
}

/** VAT of a rate's total, rounded once, half away from zero (so a credit note mirrors its invoice). */
function vatOf(netCents: number, rateBp: number): number {
  return Math.sign(netCents) * Math.round((Math.abs(netCents) * rateBp) / 10_000);
}

/** The VAT per rate (highest first) and the totals that follow from the lines. */
function totalsOf(lines: InvoiceLine[], prepaidCents: number) {
  const rates = [...new Set(lines.map((l) => l.vatRateBp))].sort((a, b) => b - a);
  const vat: InvoiceVat[] = rates.map((vatRateBp) => {
    const netCents = lines.filter((l) => l.vatRateBp === vatRateBp).reduce((sum, l) => sum + l.netCents, 0);
    return { vatRateBp, netCents, vatCents: vatOf(netCents, vatRateBp) };
  });
  const netCents = vat.reduce((sum, v) => sum + v.netCents, 0);
  const vatCents = vat.reduce((sum, v) => sum + v.vatCents, 0);
  const totalCents = netCents + vatCents;
  return { vat, netCents, vatCents, totalCents, prepaidCents, payableCents: totalCents - prepaidCents };
}

type Base = Omit<InvoiceDocument, 'vat' | 'netCents' | 'vatCents' | 'totalCents' | 'payableCents'>;

/** A document from its lines: the VAT and totals computed as the issuing does. */
export function documentOf(base: Base): InvoiceDocument {
  return { ...base, ...totalsOf(base.lines, base.prepaidCents) };
}

/** An invoice in Dutch for a school: two VAT rates, awkward unit prices, a PO reference and a VAT id. */
export function schoolInvoice(extra: Partial<Base> = {}): InvoiceDocument {
  return documentOf({
    kind: 'invoice',
    purpose: 'full',
    number: 'GZ-VAA-2027-000123',
    language: 'nl',
    issueDate: '2027-02-15',
    serviceDate: '2027-03-14',
    dueOn: '2027-03-01',
    references: [],
    seller: SELLER,
    buyer: SCHOOL,
    bookingReference: 'GZ7K4M2Q',
    subject: 'Kanoën op de Vecht, za 14 maart 2027 10:00',
    lines: [
      line('Kanoën op de Vecht, 28 personen', 28, '22.914286', 900),
      line('Lunchpakket', 28, '7.438017', 2100),
      line('Begeleider', 1, '0.00', 900),
    ],
    prepaidCents: 0,
    ...extra,
  });
}

/** A deposit invoice in English. */
export function depositInvoice(): InvoiceDocument {
  return documentOf({
    kind: 'invoice',
    purpose: 'deposit',
    number: 'GZ-VAA-2027-000124',
    language: 'en',
    issueDate: '2027-01-10',
    serviceDate: '2027-04-03',
    dueOn: '2027-01-24',
    references: [],
    seller: SELLER,
    buyer: { ...SCHOOL, name: 'Acme Netherlands B.V.', vatId: 'NL812345678B01', reference: 'PO 4500012345' },
    bookingReference: 'GZ9X3B7D',
    subject: 'Team outing: raft building, Sat 3 Apr 2027 13:00',
    lines: [line('Deposit 30% of raft building, 40 persons', 1, '330.275229', 900)],
    prepaidCents: 0,
  });
}

/** The final invoice after that deposit: the service in full, less the deposit (negative lines). */
export function finalInvoice(): InvoiceDocument {
  const deposit = depositInvoice();
  return documentOf({
    ...deposit,
    purpose: 'final',
    number: 'GZ-VAA-2027-000131',
    issueDate: '2027-03-20',
    dueOn: '2027-04-03',
    references: [{ number: deposit.number, issueDate: deposit.issueDate }],
    lines: [
      line('Raft building, 40 persons', 40, '27.522936', 900),
      line('Drinks package', 40, '4.132231', 2100),
      line(`Less deposit invoice ${deposit.number}`, -1, '330.275229', 900),
    ],
    prepaidCents: 0,
  });
}

/** A credit note in English correcting the school invoice in full: negative amounts throughout. */
export function creditNote(): InvoiceDocument {
  const original = schoolInvoice({ language: 'en' });
  return documentOf({
    ...original,
    kind: 'credit_note',
    purpose: 'credit',
    number: 'GZ-VAA-2027-000140',
    issueDate: '2027-03-02',
    dueOn: null,
    references: [{ number: original.number, issueDate: original.issueDate }],
    subject: 'Canoeing on the Vecht, Sun 14 Mar 2027 10:00',
    lines: original.lines.map((l) => ({ ...l, quantity: -l.quantity, netCents: -l.netCents })),
    prepaidCents: 0,
  });
}

/** A receipt (paid online) for a family without address parts, VAT id or reference, in Dutch. */
export function familyReceipt(): InvoiceDocument {
  const doc = documentOf({
    kind: 'invoice',
    purpose: 'full',
    number: 'GZ-VAA-2027-000125',
    language: 'nl',
    issueDate: '2027-02-16',
    serviceDate: '2027-02-20',
    dueOn: '2027-02-16',
    references: [],
    seller: { ...SELLER, bic: null },
    buyer: FAMILY,
    bookingReference: 'GZ2P8R5T',
    subject: 'Sloepvaren, za 20 feb 2027 14:00',
    lines: [line('Sloepvaren, 6 personen', 6, '17.431193', 900)],
    prepaidCents: 0,
  });
  return { ...doc, prepaidCents: doc.totalCents, payableCents: 0 };
}

/** An invoice with many long lines: more than a page. */
export function longInvoice(): InvoiceDocument {
  const lines = Array.from({ length: 45 }, (_, i) =>
    line(
      `Workshop ${i + 1}: een uitgebreide beschrijving van het programmaonderdeel met begeleiding, materiaal, ` +
        `consumpties en vervoer tussen de locaties, zodat de regel over meerdere regels doorloopt`,
      i + 1,
      i % 2 === 0 ? '12.345678' : '8.264463',
      i % 2 === 0 ? 900 : 2100,
    ),
  );
  return schoolInvoice({ number: 'GZ-VAA-2027-000200', lines });
}

/**
 * An invoice for the school whose amounts come from lines priced including VAT exactly as the
 * issuing computes them (amountsOf: VAT rounded once per rate on the gross), so its VAT can be a
 * cent off the net × rate rounded: €13.50 at 9 % states net 12.39 and VAT 1.11 (12.39 × 9 % = 1.12).
 */
export function grossInvoice(number: string, lines: readonly GrossLine[]): InvoiceDocument {
  const amounts = amountsOf(lines);
  return { ...schoolInvoice({ number }), ...amounts, prepaidCents: 0, payableCents: amounts.totalCents };
}

/** Gross amounts to sweep: every cent from €0.01 to €3.00, and awkward larger ones. */
export function awkwardGrossCents(): number[] {
  const small = Array.from({ length: 300 }, (_, i) => i + 1);
  const larger = Array.from({ length: 100 }, (_, i) => 1_350 + i * 9_973);
  return [...small, ...larger];
}

/**
 * A school trip priced as a booking with a discount code prices it (7 pupils at 9 %, a guide at 21 %,
 * 15 % off: a negative line per rate), its lines as the issuing takes them from the booking.
 */
export function discountedInvoice(): InvoiceDocument {
  const price = withDiscount(
    breakdownOf([
      { label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', quantity: 7, unitCents: 1795, totalCents: 12_565, rateBp: 900 },
      { label: { nl: 'Gids', en: 'Guide' }, basis: 'group', quantity: 1, unitCents: 8995, totalCents: 8995, rateBp: 2100 },
    ]),
    { code: 'SCHOOL15', kind: 'percent', percent: 15 },
    7,
  );
  return grossInvoice('GZ-VAA-2027-000310', bookingLines({ language: 'nl', price, adjustmentCents: 0 }));
}

/** The credit note of discountedInvoice: every amount negated, its discount lines taken back too. */
export function discountedCreditNote(): InvoiceDocument {
  const original = discountedInvoice();
  return {
    ...original,
    ...negatedAmounts(original),
    kind: 'credit_note',
    purpose: 'credit',
    number: 'GZ-VAA-2027-000311',
    dueOn: null,
    references: [{ number: original.number, issueDate: original.issueDate }],
    prepaidCents: 0,
    payableCents: -original.totalCents,
  };
}
