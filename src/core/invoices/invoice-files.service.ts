import type { Executor } from '../../db/schema.js';
import { moneyOf } from '../payments/payments.repository.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/time.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { InvoiceDocument, InvoiceKind } from './invoice-document.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { invoiceStatuses, type InvoiceStatus } from './invoice-status.js';
import { renderInvoiceUbl } from './invoice-ubl.js';
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

/** The status of each of the booking's documents now, from what it has paid net of refunds. */
export async function bookingInvoiceStatuses(db: Executor, clock: Clock, bookingId: string): Promise<Map<string, InvoiceStatus>> {
  const rows = await listBookingInvoices(db, bookingId);
  const money = await moneyOf(db, bookingId);
  const inputs = rows.map((row) => ({
    id: row.id,
    kind: row.kind as InvoiceKind,
    correctsId: row.corrects_id,
    totalCents: row.total_cents,
    dueOn: row.due_on,
    issuedAt: row.issued_at,
    sequence: row.sequence,
  }));
  return invoiceStatuses(inputs, money.paidCents - money.refundedCents, localDateOf(clock.now()));
}

/** The document as a PDF (with its status now) or a UBL e-invoice, named by its number. */
export async function renderInvoiceFile(row: InvoiceRow, format: InvoiceFormat, status: InvoiceStatus): Promise<InvoiceFile> {
  const document = documentOf(row);
  return format === 'pdf'
    ? { filename: `${row.number}.pdf`, contentType: 'application/pdf', content: await renderInvoicePdf(document, status) }
    : { filename: `${row.number}.xml`, contentType: 'application/xml', content: Buffer.from(renderInvoiceUbl(document), 'utf8') };
}

async function fileOf(db: Executor, clock: Clock, row: InvoiceRow | undefined, format: InvoiceFormat): Promise<InvoiceFile | undefined> {
  if (!row) return undefined;
  const status = (await bookingInvoiceStatuses(db, clock, row.booking_id)).get(row.id) ?? 'open';
  return renderInvoiceFile(row, format, status);
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
  const statuses = await bookingInvoiceStatuses(db, clock, bookingId);
  const files: InvoiceFile[] = [];
  for (const row of rows) {
    const status = statuses.get(row.id) ?? 'open';
    files.push(await renderInvoiceFile(row, 'pdf', status), await renderInvoiceFile(row, 'xml', status));
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
  return Promise.all(
    entries.flatMap((entry) => {
      const row = rows.get(entry.id);
      return row ? [renderInvoiceFile(row, 'xml', entry.status)] : [];
    }),
  );
}
