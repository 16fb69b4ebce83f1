import type { Tx } from '../../db/schema.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import { formatDateTime } from '../i18n/format.js';
import { moneyOf } from '../payments/payments.repository.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { Language } from '../shared/language.js';
import { addLocalDays, localDateOf } from '../shared/time.js';
import { amountsOf, negatedAmounts } from './invoice-amounts.js';
import { buyerOf } from './invoice-buyer.js';
import type { InvoiceDocument, InvoiceLine, InvoiceSeller } from './invoice-document.js';
import { takeInvoiceSequence } from './invoice-numbers.repository.js';
import { queueInvoiceMail } from './invoice-mail.service.js';
import { sellerOf } from './invoice-seller.js';
import { invoiceStandings, statusInputOf } from './invoice-status.js';
import { type InvoiceDraft, type InvoicingState, type StandingInvoice, targetInvoices } from './invoice-targets.js';
import {
  findInvoicingBooking,
  hasBookingEvent,
  insertInvoice,
  type InvoiceRow,
  type InvoicingBookingRow,
  listBookingInvoices,
} from './invoices.repository.js';

/** Years an invoice is kept after the end of the year it was issued in (Dutch fiscal retention). */
export const RETENTION_YEARS = 7;

/** The history entry of a booking whose venue cannot issue an invoice yet (once per booking). */
export const WITHHELD_ACTION = 'booking.invoice_withheld';

/**
 * Brings a booking's invoices in line with its state, inside the transaction that changed it (a
 * confirmation, a payment, a refund, a change of group size or price, a cancellation, an expiry):
 * computes the invoices that should stand (invoice-targets.ts), credits each standing one that no
 * longer should (a credit note: its negative mirror, referring to it by number) and issues what
 * should stand and does not, each with the venue's next number and an entry in the booking's
 * history, and one mail to the organiser with every document it issued attached. Idempotent:
 * called again without a change, it issues nothing. Returns the ids issued, credit notes first. A venue without complete billing details issues nothing: the booking's
 * history says so once, and the next event catches up.
 */
export async function reconcileInvoices(trx: Tx, clock: Clock, bookingId: string): Promise<string[]> {
  const row = await findInvoicingBooking(trx, bookingId);
  if (!row) return [];
  const issued = await listBookingInvoices(trx, bookingId);
  const standing = standingOf(issued);
  const state = await stateOf(trx, row);
  const targets = targetInvoices(state, standing);
  const kept = new Set(targets.flatMap((t) => ('keep' in t ? [t.keep] : [])));
  const toIssue: InvoiceDraft[] = [];
  for (const draft of targets.filter((t): t is InvoiceDraft => !('keep' in t))) {
    const same = standing.find((s) => !kept.has(s.id) && sameInvoice(s, draft));
    if (same) kept.add(same.id);
    else toIssue.push(draft);
  }
  const toCredit = issued.filter((r) => standing.some((s) => s.id === r.id && !kept.has(s.id)));
  if (toCredit.length === 0 && toIssue.length === 0) return [];

  const seller = sellerOf(row);
  if (!seller.ok) {
    if (!(await hasBookingEvent(trx, row.venue_id, row.reference, WITHHELD_ACTION))) {
      await recordBookingEvent(trx, clock, {
        by: 'system',
        venueId: row.venue_id,
        reference: row.reference,
        action: WITHHELD_ACTION,
        detail: { missing: seller.missing.join(',') },
      });
    }
    return [];
  }
  const issuer = issuerOf(trx, clock, row, seller.seller);
  const ids: string[] = [];
  // What the booking had paid of each invoice a credit note corrects: that part moves to what stands next.
  const standings = invoiceStandings(issued.map(statusInputOf), state.netPaidCents, localDateOf(clock.now()));
  for (const original of toCredit) {
    const outstanding = standings.get(original.id)?.outstandingCents ?? original.total_cents;
    ids.push(await issuer.credit(original, original.total_cents - outstanding));
  }
  for (const draft of toIssue) ids.push(await issuer.invoice(draft));
  await queueInvoiceMail(trx, clock, bookingId, ids);
  return ids;
}

/** The invoices issued and not corrected by a credit note. */
function standingOf(issued: readonly InvoiceRow[]): StandingInvoice[] {
  const credited = new Set(issued.map((r) => r.corrects_id));
  return issued
    .filter((r) => r.kind === 'invoice' && !credited.has(r.id))
    .map((r) => {
      const document = JSON.parse(r.document) as InvoiceDocument;
      return {
        id: r.id,
        number: r.number,
        issueDate: r.issue_date,
        purpose: document.purpose,
        totalCents: r.total_cents,
        lines: document.lines,
        vat: document.vat,
      };
    });
}

/** Whether a standing invoice states what a draft would: same purpose, lines and total. */
function sameInvoice(standing: StandingInvoice, draft: InvoiceDraft): boolean {
  const amounts = amountsOf(draft.lines);
  return standing.purpose === draft.purpose && standing.totalCents === amounts.totalCents && sameLines(standing.lines, amounts.lines);
}

/**
 * Whether two invoices' lines state the same amounts: quantity, unit price, net and rate, line by
 * line. Their words are not compared: a renamed activity or price line, or a booking now read in
 * another language, is no reason for a credit note and a new number.
 */
function sameLines(a: readonly InvoiceLine[], b: readonly InvoiceLine[]): boolean {
  const amounts = (lines: readonly InvoiceLine[]) => JSON.stringify(lines.map((l) => [l.quantity, l.unitNet, l.netCents, l.vatRateBp]));
  return amounts(a) === amounts(b);
}

/**
 * Whether a booking just placed, confirmed with nothing paid yet (no payment, no invoice, no
 * adjustment), has an invoice to issue now: only one paid on invoice does. For any other,
 * reconcileInvoices would read the booking, its invoices and its ledger to issue nothing and write
 * nothing (no history entry either), so placing one leaves it out. The subject goes unused: it
 * only names a deposit or a cancellation, which need something paid.
 */
export function invoicedWhenPlaced(placed: Pick<InvoicingState, 'status' | 'payBy' | 'language' | 'price'>): boolean {
  return targetInvoices({ ...placed, subject: '', adjustmentCents: 0, netPaidCents: 0, paidCents: 0 }, []).length > 0;
}

async function stateOf(trx: Tx, row: InvoicingBookingRow): Promise<InvoicingState> {
  const money = await moneyOf(trx, row.id);
  const language = languageOf(row.language);
  const price = JSON.parse(row.price_breakdown) as PriceBreakdown;
  return {
    status: row.status,
    payBy: row.pay_by,
    language,
    subject: subjectOf(row, language),
    price,
    adjustmentCents: row.adjustment_cents,
    netPaidCents: money.paidCents - money.refundedCents,
    paidCents: money.paidCents,
  };
}

function languageOf(value: string): Language {
  return value === 'en' ? 'en' : 'nl';
}

/** "Kanoën op de Vecht, za 14 mrt 2027, 10:00". */
function subjectOf(row: InvoicingBookingRow, language: Language): string {
  const title = language === 'en' ? row.title_en : row.title_nl;
  return `${title}, ${formatDateTime(new Date(row.starts_at), language)}`;
}

/** Issues the documents of one booking with the venue's numbers, each recorded in its history. */
function issuerOf(trx: Tx, clock: Clock, row: InvoicingBookingRow, seller: InvoiceSeller) {
  const now = clock.now();
  const issueDate = localDateOf(now);
  const year = Number(issueDate.slice(0, 4));
  const language = languageOf(row.language);
  const base = {
    language,
    issueDate,
    serviceDate: localDateOf(new Date(row.starts_at)),
    seller,
    buyer: buyerOf(row),
    bookingReference: row.reference,
    subject: subjectOf(row, language),
  };

  async function issue(document: Omit<InvoiceDocument, 'number'>, correctsId: string | null): Promise<string> {
    const sequence = await takeInvoiceSequence(trx, row.venue_id, year);
    const number = `${row.invoice_prefix}-${year}-${String(sequence).padStart(6, '0')}`;
    const id = newId();
    await insertInvoice(trx, {
      id,
      venue_id: row.venue_id,
      booking_id: row.id,
      number,
      year,
      sequence,
      kind: document.kind,
      purpose: document.purpose,
      corrects_id: correctsId,
      issued_at: now.toISOString(),
      issue_date: issueDate,
      due_on: document.dueOn,
      language,
      total_cents: document.totalCents,
      vat_cents: document.vatCents,
      document: JSON.stringify({ ...document, number }),
      retain_until: retainUntil(year),
    });
    await recordBookingEvent(trx, clock, {
      by: 'system',
      venueId: row.venue_id,
      reference: row.reference,
      action: document.kind === 'invoice' ? 'booking.invoice_issued' : 'booking.credit_note_issued',
      detail: { number, kind: document.kind, purpose: document.purpose, total_cents: document.totalCents },
    });
    return id;
  }

  return {
    /**
     * A credit note for a standing invoice: its negative mirror, referring to it by number. `paidCents`
     * of it had been paid: that much the credit note states as prepaid, so it is owed back only
     * what was still open (the money paid counts towards the invoice issued in its place).
     */
    async credit(original: InvoiceRow, paidCents: number): Promise<string> {
      const of = JSON.parse(original.document) as InvoiceDocument;
      const amounts = negatedAmounts(of);
      return issue(
        {
          ...base,
          kind: 'credit_note',
          purpose: 'credit',
          dueOn: null,
          references: [{ number: original.number, issueDate: original.issue_date }],
          ...amounts,
          prepaidCents: -paidCents,
          payableCents: amounts.totalCents + paidCents,
        },
        original.id,
      );
    },
    async invoice(draft: InvoiceDraft): Promise<string> {
      const amounts = amountsOf(draft.lines);
      const prepaidCents = Math.min(draft.prepaidCents, amounts.totalCents);
      const payable = amounts.totalCents - prepaidCents;
      // The booking's due date, unless it has passed (an invoice issued again after a change): then the venue's term from today.
      const bookingDue = row.balance_due_on !== null && row.balance_due_on >= issueDate ? row.balance_due_on : null;
      const dueOn = payable > 0 ? (bookingDue ?? addLocalDays(issueDate, row.invoice_term_days)) : issueDate;
      return issue(
        {
          ...base,
          kind: 'invoice',
          purpose: draft.purpose,
          dueOn,
          references: draft.deducts ? [{ number: draft.deducts.number, issueDate: draft.deducts.issueDate }] : [],
          ...amounts,
          prepaidCents,
          payableCents: payable,
        },
        null,
      );
    },
  };
}

/** The last day an invoice of `year` is kept: 31 December, RETENTION_YEARS years on. */
export function retainUntil(year: number): string {
  return `${year + RETENTION_YEARS}-12-31`;
}
