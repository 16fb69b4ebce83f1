import type { Executor } from '../../db/schema.js';
import { moneyOf } from '../payments/payments.repository.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/time.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { InvoiceDocument } from './invoice-document.js';
import { invoiceStandings, type InvoiceStanding, statusInputOf } from './invoice-status.js';
import { readInvoiceRegister, type RegisterFilter } from './invoice-list.service.js';
import {
  findBookingInvoiceByNumber,
  findInvoiceInScope,
  type InvoiceRow,
  listBookingInvoices,
  listInvoicesByIds,
} from './invoices.repository.js';

export type InvoiceFormat = 'pdf' | 'xml';

/** A document as a file to download or attach. */
export interface InvoiceFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export function documentOf(row: InvoiceRow): InvoiceDocument {
  return JSON.parse(row.document) as InvoiceDocument;
}

/** The standing of each of the booking's documents now (status, what is still to pay), from what it has paid net of refunds. */
export async function bookingInvoiceStandings(db: Executor, clock: Clock, bookingId: string): Promise<Map<string, InvoiceStanding>> {
  const rows = await listBookingInvoices(db, bookingId);
  const money = await moneyOf(db, bookingId);
  return invoiceStandings(rows.map(statusInputOf), money.paidCents - money.refundedCents, localDateOf(clock.now()));
}

// The renderers (pdfkit with its fonts, xmlbuilder2: a few hundred modules) are loaded when the
// first document is rendered, not when the platform starts.

/** The document as a UBL e-invoice, named by its number (as issued: no status in it). */
async function ublFileOf(row: InvoiceRow): Promise<InvoiceFile> {
  const { renderInvoiceUbl } = await import('./invoice-ubl.js');
  return { filename: `${row.number}.xml`, contentType: 'application/xml', content: Buffer.from(renderInvoiceUbl(documentOf(row)), 'utf8') };
}

/** The document as a PDF (with its status and what is still to pay now) or a UBL e-invoice, named by its number. */
export async function renderInvoiceFile(row: InvoiceRow, format: InvoiceFormat, standing: InvoiceStanding): Promise<InvoiceFile> {
  if (format === 'xml') return ublFileOf(row);
  const { renderInvoicePdf } = await import('./invoice-pdf.js');
  return { filename: `${row.number}.pdf`, contentType: 'application/pdf', content: await renderInvoicePdf(documentOf(row), standing) };
}

/** A document the standings do not know (not expected): open, its total to pay. */
function openStanding(row: InvoiceRow): InvoiceStanding {
  return { status: 'open', outstandingCents: row.total_cents };
}

async function fileOf(db: Executor, clock: Clock, row: InvoiceRow | undefined, format: InvoiceFormat): Promise<InvoiceFile | undefined> {
  if (!row) return undefined;
  const standing = (await bookingInvoiceStandings(db, clock, row.booking_id)).get(row.id) ?? openStanding(row);
  return renderInvoiceFile(row, format, standing);
}

/** The organiser's download: one of their booking's documents by number; undefined for any other number. */
export async function readOrganiserInvoiceFile(
  db: Executor,
  clock: Clock,
  bookingId: string,
  number: string,
  format: InvoiceFormat,
): Promise<InvoiceFile | undefined> {
  return fileOf(db, clock, await findBookingInvoiceByNumber(db, bookingId, number), format);
}

/** Staff's download: a document of the member's venues by id; undefined for another venue's. */
export async function readStaffInvoiceFile(
  db: Executor,
  clock: Clock,
  scope: VenueScope,
  id: string,
  format: InvoiceFormat,
): Promise<InvoiceFile | undefined> {
  return fileOf(db, clock, await findInvoiceInScope(db, scope, id), format);
}

/** "GZ-AMS-2027-000123.pdf" -> the number and the format; undefined for any other name. */
export function parseInvoiceFileName(name: string): { key: string; format: InvoiceFormat } | undefined {
  const match = /^([A-Za-z0-9_-]{1,80})\.(pdf|xml)$/.exec(name);
  return match ? { key: match[1]!, format: match[2] as InvoiceFormat } : undefined;
}

/** The files an `invoices_issued` mail carries: each of its documents (of this booking) as PDF and UBL, with its status now. */
export async function invoiceMailAttachments(db: Executor, clock: Clock, bookingId: string, invoiceIds: string): Promise<InvoiceFile[]> {
  const rows = (await listInvoicesByIds(db, invoiceIds.split(','))).filter((row) => row.booking_id === bookingId);
  const standings = await bookingInvoiceStandings(db, clock, bookingId);
  const files: InvoiceFile[] = [];
  for (const row of rows) {
    const standing = standings.get(row.id) ?? openStanding(row);
    files.push(await renderInvoiceFile(row, 'pdf', standing), await ublFileOf(row));
  }
  return files;
}

/** The UBL e-invoices of every document the register matches (the accountant's import), named by number, in the register's order. */
export async function readRegisterUblFiles(db: Executor, clock: Clock, scope: VenueScope, filter: RegisterFilter): Promise<InvoiceFile[]> {
  const { entries } = await readInvoiceRegister(db, clock, scope, filter);
  const rows = new Map(
    (
      await listInvoicesByIds(
        db,
        entries.map((entry) => entry.id),
      )
    ).map((row) => [row.id, row]),
  );
  const files: InvoiceFile[] = [];
  for (const entry of entries) {
    const row = rows.get(entry.id);
    if (row) files.push(await ublFileOf(row));
  }
  return files;
}
