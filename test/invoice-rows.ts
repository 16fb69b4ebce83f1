import type { Db } from '../src/db/schema.js';
import type { InvoiceDocument } from '../src/core/invoices/invoice-document.js';
import { newId } from '../src/core/shared/ids.js';

let sequence = 0;

/**
 * Writes an issued document for a booking as the issuing does (a real row the triggers keep
 * unchanged), with a number unique in the test run; returns its id and number.
 */
export async function insertInvoiceRow(
  db: Db,
  at: { venueId: string; bookingId: string; issuedAt?: string },
  document: InvoiceDocument,
  correctsId: string | null = null,
): Promise<{ id: string; number: string; document: InvoiceDocument }> {
  sequence += 1;
  const year = Number(document.issueDate.slice(0, 4));
  const number = `GZ-TST-${year}-${String(sequence).padStart(6, '0')}-${at.bookingId.slice(0, 6)}`;
  const stored: InvoiceDocument = { ...document, number };
  const id = newId();
  await db
    .insertInto('invoices')
    .values({
      id,
      venue_id: at.venueId,
      booking_id: at.bookingId,
      number,
      year,
      sequence: sequence + 1000 * (year - 2000),
      kind: document.kind,
      purpose: document.purpose,
      corrects_id: correctsId,
      issued_at: at.issuedAt ?? `${document.issueDate}T10:00:00.000Z`,
      issue_date: document.issueDate,
      due_on: document.dueOn,
      language: document.language,
      total_cents: document.totalCents,
      vat_cents: document.vatCents,
      document: JSON.stringify(stored),
      retain_until: `${year + 8}-01-01`,
    })
    .execute();
  return { id, number, document: stored };
}
