import type { InvoiceDocument, InvoiceLine, InvoicePurpose, InvoiceVat } from '../src/core/invoices/invoice-document.js';
import { insertPayment } from '../src/core/payments/payments.repository.js';
import type { Clock } from '../src/core/shared/clock.js';
import { newId } from '../src/core/shared/ids.js';
import { addLocalDays, localDateOf } from '../src/core/shared/time.js';
import type { Db } from '../src/db/schema.js';

/**
 * Invoices and credit notes as the issuing stores them (a row of `invoices` with its InvoiceDocument),
 * written here directly for a booking the other test helpers made: the tests of the lists, the
 * register and the reminders need issued documents, not the issuing itself. The numbers run per
 * venue and year from 1, as the issuing's do; the seller is a fictitious one with a valid IBAN.
 */

/** A line as the test gives it: its net amount at a rate; quantity 1 unless given. */
export interface TestLine {
  netCents: number;
  vatRateBp: number;
  quantity?: number;
  description?: string;
}

export interface TestInvoiceSpec {
  kind?: 'invoice' | 'credit_note';
  purpose?: InvoicePurpose;
  /** Net amounts per line (negative on a credit note); by default one line of EUR 100 net at 9 %. */
  lines?: TestLine[];
  /** The invoice a credit note corrects: its lines are taken negated unless `lines` are given. */
  corrects?: TestInvoice;
  /** YYYY-MM-DD; today (the clock's, Amsterdam) by default. */
  issueDate?: string;
  /** YYYY-MM-DD; 14 days after the issue date for an invoice by default, none on a credit note. */
  dueOn?: string | null;
  /** The seller's legal name; the venue's name and " B.V." by default. */
  sellerName?: string;
}

export interface TestInvoice {
  id: string;
  number: string;
  document: InvoiceDocument;
}

export const TEST_SELLER_IBAN = 'NL91ABNA0417164300';

/** VAT of a rate's taxable amount, rounded half away from zero once per rate. */
function vatOf(netCents: number, rateBp: number): number {
  const exact = (netCents * rateBp) / 10_000;
  return Math.sign(exact) * Math.round(Math.abs(exact));
}

function vatPerRate(lines: readonly InvoiceLine[]): InvoiceVat[] {
  const byRate = new Map<number, number>();
  for (const line of lines) byRate.set(line.vatRateBp, (byRate.get(line.vatRateBp) ?? 0) + line.netCents);
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([vatRateBp, netCents]) => ({ vatRateBp, netCents, vatCents: vatOf(netCents, vatRateBp) }));
}

/** Writes an issued invoice (or, with `kind: 'credit_note'` and `corrects`, a credit note) of the booking. */
export async function insertTestInvoice(db: Db, clock: Clock, bookingId: string, spec: TestInvoiceSpec = {}): Promise<TestInvoice> {
  const kind = spec.kind ?? 'invoice';
  const booking = await db
    .selectFrom('bookings')
    .innerJoin('venues', 'venues.id', 'bookings.venue_id')
    .select([
      'bookings.venue_id',
      'bookings.reference',
      'bookings.language',
      'bookings.organiser_name',
      'bookings.organiser_email',
      'bookings.organisation',
      'bookings.billing_organisation',
      'bookings.billing_address',
      'bookings.billing_reference',
      'bookings.billing_vat_id',
      'venues.name',
    ])
    .where('bookings.id', '=', bookingId)
    .executeTakeFirstOrThrow();
  const issueDate = spec.issueDate ?? localDateOf(clock.now());
  const year = Number(issueDate.slice(0, 4));
  const last = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.max<number>('sequence').as('last'))
    .where('venue_id', '=', booking.venue_id)
    .where('year', '=', year)
    .executeTakeFirst();
  const sequence = Number(last?.last ?? 0) + 1;
  const prefix = `T${booking.venue_id
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 6)
    .toUpperCase()}`;
  const number = `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
  const testLines =
    spec.lines ??
    (spec.corrects
      ? spec.corrects.document.lines.map((line) => ({ ...line, netCents: -line.netCents, quantity: -line.quantity }))
      : [{ netCents: 10_000, vatRateBp: 900 }]);
  const lines: InvoiceLine[] = testLines.map((line) => {
    const quantity = line.quantity ?? (line.netCents < 0 ? -1 : 1);
    return {
      description: line.description ?? 'Testactiviteit',
      quantity,
      unitNet: (line.netCents / quantity / 100).toFixed(6),
      netCents: line.netCents,
      vatRateBp: line.vatRateBp,
    };
  });
  const vat = vatPerRate(lines);
  const netCents = lines.reduce((sum, line) => sum + line.netCents, 0);
  const vatCents = vat.reduce((sum, rate) => sum + rate.vatCents, 0);
  const dueOn = kind === 'credit_note' ? null : spec.dueOn === undefined ? addLocalDays(issueDate, 14) : spec.dueOn;
  const language = booking.language === 'en' ? 'en' : 'nl';
  const document: InvoiceDocument = {
    kind,
    purpose: kind === 'credit_note' ? 'credit' : (spec.purpose ?? 'full'),
    number,
    language,
    issueDate,
    serviceDate: issueDate,
    dueOn,
    references: spec.corrects ? [{ number: spec.corrects.number, issueDate: spec.corrects.document.issueDate }] : [],
    seller: {
      name: spec.sellerName ?? `${booking.name} B.V.`,
      addressLines: ['Damrak 1', '1012 LG Amsterdam'],
      street: 'Damrak 1',
      postcode: '1012 LG',
      city: 'Amsterdam',
      country: 'NL',
      vatId: 'NL123456789B01',
      kvkNumber: '12345678',
      iban: TEST_SELLER_IBAN,
      bic: null,
      email: null,
      phone: null,
    },
    buyer: {
      name: booking.billing_organisation ?? (booking.organisation || booking.organiser_name),
      addressLines: (booking.billing_address ?? '').split('\n').filter((line) => line !== ''),
      street: null,
      postcode: null,
      city: null,
      country: 'NL',
      vatId: booking.billing_vat_id,
      contactName: booking.organiser_name,
      email: booking.organiser_email,
      reference: booking.billing_reference,
    },
    bookingReference: booking.reference,
    subject: 'Testactiviteit',
    lines,
    vat,
    netCents,
    vatCents,
    totalCents: netCents + vatCents,
    prepaidCents: 0,
    payableCents: netCents + vatCents,
  };
  const id = newId();
  await db
    .insertInto('invoices')
    .values({
      id,
      venue_id: booking.venue_id,
      booking_id: bookingId,
      number,
      year,
      sequence,
      kind,
      purpose: document.purpose,
      corrects_id: spec.corrects?.id ?? null,
      issued_at: clock.now().toISOString(),
      issue_date: issueDate,
      due_on: dueOn,
      language,
      total_cents: document.totalCents,
      vat_cents: vatCents,
      document: JSON.stringify(document),
      retain_until: `${year + 7}-12-31`,
    })
    .execute();
  return { id, number, document };
}

/** A bank transfer staff recorded for the booking (paid), as the ledger holds one. */
export async function insertTransfer(db: Db, clock: Clock, bookingId: string, amountCents: number): Promise<void> {
  const booking = await db.selectFrom('bookings').select('venue_id').where('id', '=', bookingId).executeTakeFirstOrThrow();
  const at = clock.now().toISOString();
  await db.transaction().execute((trx) =>
    insertPayment(trx, {
      id: newId(),
      booking_id: bookingId,
      venue_id: booking.venue_id,
      method: 'bank',
      provider_id: null,
      amount_cents: amountCents,
      status: 'paid',
      checkout_url: null,
      recorded_by: null,
      created_at: at,
      updated_at: at,
      paid_at: at,
    }),
  );
}
