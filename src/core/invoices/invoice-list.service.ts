import type { Executor } from '../../db/schema.js';
import { moneyOf } from '../payments/payments.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { localDateOf } from '../shared/time.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { InvoiceDocument, InvoiceKind, InvoicePurpose, InvoiceVat } from './invoice-document.js';
import {
  type InvoiceListRow,
  listDocumentsOfBookingsIn,
  listInvoicesOfBooking,
  listRegisterRows,
  netPaidOfBookingsIn,
} from './invoice-list.repository.js';
import { type InvoiceStatus, invoiceStatuses, statusInputOf } from './invoice-status.js';

/** Every status a document can have (invoice-status.ts), for the API's description of them. */
export const INVOICE_STATUSES = ['open', 'overdue', 'paid', 'credited', 'settled'] as const satisfies readonly InvoiceStatus[];

/** One issued document as the organiser's page, the booking's page and the register list it. */
export interface InvoiceListItem {
  id: string;
  number: string;
  kind: InvoiceKind;
  purpose: InvoicePurpose;
  issuedAt: Date;
  /** YYYY-MM-DD, Amsterdam. */
  issueDate: string;
  /** YYYY-MM-DD; null on a credit note. */
  dueOn: string | null;
  /** Including VAT; negative on a credit note. */
  totalCents: number;
  vatCents: number;
  /** Now, from the booking's money (invoice-status.ts). */
  status: InvoiceStatus;
  /** The number of the invoice a credit note corrects; null for an invoice. */
  correctsNumber: string | null;
}

function itemOf(row: InvoiceListRow, status: InvoiceStatus): InvoiceListItem {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as InvoiceKind,
    purpose: row.purpose as InvoicePurpose,
    issuedAt: new Date(row.issued_at),
    issueDate: row.issue_date,
    dueOn: row.due_on,
    totalCents: Number(row.total_cents),
    vatCents: Number(row.vat_cents),
    status,
    correctsNumber: row.corrects_number,
  };
}

/** The statuses of one booking's documents (all of them), given what it paid net of refunds. */
function statusesOf(rows: readonly InvoiceListRow[], netPaidCents: number, today: string): Map<string, InvoiceStatus> {
  return invoiceStatuses(rows.map(statusInputOf), netPaidCents, today);
}

/**
 * A booking's invoices and credit notes, oldest first, each with its status today (Amsterdam):
 * for its organiser's page and the API, and for its page in the back office (the caller found the
 * booking in its scope, or by its manage link). Empty when none were issued.
 */
export async function listBookingInvoices(db: Executor, clock: Clock, bookingId: string): Promise<InvoiceListItem[]> {
  const rows = await listInvoicesOfBooking(db, bookingId);
  if (rows.length === 0) return [];
  const money = await moneyOf(db, bookingId);
  const statuses = statusesOf(rows, money.paidCents - money.refundedCents, localDateOf(clock.now()));
  return rows.map((row) => itemOf(row, statuses.get(row.id) ?? 'open'));
}

/** What the register can be narrowed to; `credited` also lists the credit notes (whose status is `settled`). */
export const REGISTER_STATUSES = ['open', 'overdue', 'paid', 'credited'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

/** The longest period the register and its export take at once: a quarter (92 days), as VAT returns are. */
export const REGISTER_MAX_DAYS = 92;
/** The most documents the register's page lists; its totals and the CSV export take all of them. */
export const REGISTER_PAGE_LIMIT = 500;

export interface RegisterFilter {
  /** Issue dates, Amsterdam, both included; at most REGISTER_MAX_DAYS apart (the caller checks). */
  from: string;
  to: string;
  /** Undefined: every document. */
  status?: RegisterStatus | undefined;
  /** One venue of the scope (a seller); undefined: every venue in scope. */
  venueId?: string | undefined;
}

/** A document as the register and its export show it: with its booking, its buyer and its amounts per VAT rate. */
export interface RegisterEntry extends InvoiceListItem {
  bookingId: string;
  bookingReference: string;
  venueId: string;
  venueName: string;
  /** The seller's legal name, as the document states it (the venue's billing details when it was issued). */
  seller: string;
  /** The organisation billed, as the document states it. */
  buyer: string;
  netCents: number;
  /** Per rate, highest first, as the document states them. */
  vat: InvoiceVat[];
}

/** The sums of one VAT rate over the documents the register matched. */
export interface VatTotal {
  vatRateBp: number;
  netCents: number;
  vatCents: number;
}

/** One seller's documents summed: per VAT rate (highest first) and in all. */
export interface SellerTotals {
  venueId: string;
  /** The legal name its documents state. */
  seller: string;
  totals: VatTotal[];
  netCents: number;
  vatCents: number;
  totalCents: number;
}

export interface InvoiceRegister {
  /** The first `limit` documents that match, by issue date and number. */
  entries: RegisterEntry[];
  /** How many match in all (more than `entries` when the page's limit cut them). */
  matched: number;
  /**
   * Per seller (by name; a venue whose legal name changed in the period is two), then per VAT
   * rate and in all, over every matched document, credit notes counting negative.
   */
  sellers: SellerTotals[];
  /** Per VAT rate (highest first) and in all, over every matched document, credit notes counting negative. */
  totals: VatTotal[];
  netCents: number;
  vatCents: number;
  totalCents: number;
}

function matches(status: InvoiceStatus, filter: RegisterStatus | undefined): boolean {
  if (filter === undefined) return true;
  if (filter === 'credited') return status === 'credited' || status === 'settled';
  return status === filter;
}

/** Sums the documents' amounts per VAT rate, highest rate first. */
export function vatTotalsOf(entries: readonly Pick<RegisterEntry, 'vat'>[]): VatTotal[] {
  const byRate = new Map<number, VatTotal>();
  for (const entry of entries) {
    for (const { vatRateBp, netCents, vatCents } of entry.vat) {
      const total = byRate.get(vatRateBp) ?? { vatRateBp, netCents: 0, vatCents: 0 };
      total.netCents += netCents;
      total.vatCents += vatCents;
      byRate.set(vatRateBp, total);
    }
  }
  return [...byRate.values()].sort((a, b) => b.vatRateBp - a.vatRateBp);
}

/** The sums of documents: per VAT rate, and in all. */
function sumsOf(entries: readonly RegisterEntry[]): Pick<InvoiceRegister, 'totals' | 'netCents' | 'vatCents' | 'totalCents'> {
  const sum = (pick: (entry: RegisterEntry) => number) => entries.reduce((cents, entry) => cents + pick(entry), 0);
  return {
    totals: vatTotalsOf(entries),
    netCents: sum((entry) => entry.netCents),
    vatCents: sum((entry) => entry.vatCents),
    totalCents: sum((entry) => entry.totalCents),
  };
}

/** The documents' sums per seller (a venue and the legal name its documents state), by name. */
function sellerTotalsOf(entries: readonly RegisterEntry[]): SellerTotals[] {
  const bySeller = new Map<string, RegisterEntry[]>();
  for (const entry of entries) {
    const key = JSON.stringify([entry.venueId, entry.seller]);
    const ofSeller = bySeller.get(key);
    if (ofSeller) ofSeller.push(entry);
    else bySeller.set(key, [entry]);
  }
  return [...bySeller.values()]
    .map((ofSeller) => ({ venueId: ofSeller[0]!.venueId, seller: ofSeller[0]!.seller, ...sumsOf(ofSeller) }))
    .sort((a, b) => a.seller.localeCompare(b.seller, 'nl') || a.venueId.localeCompare(b.venueId));
}

/** The scope narrowed to the filter's venue; a venue outside the scope is not found. */
function registerScope(scope: VenueScope, venueId: string | undefined): VenueScope {
  if (venueId === undefined) return scope;
  if (!scope.all && scope.venueId !== venueId) throw new DomainError('not_found');
  return { all: false, venueId };
}

/**
 * The invoice register of the venues in scope: every invoice and credit note issued in the period
 * (by issue date), each with its status today (computed from all of its booking's documents and
 * money, whenever those were issued), narrowed to a venue and a status if asked, with totals per
 * seller and VAT rate and per VAT rate of all that match; the first `limit` are listed (all by default, as the CSV export wants them).
 * Amounts, seller and buyer come from the stored documents, as issued.
 */
export async function readInvoiceRegister(
  db: Executor,
  clock: Clock,
  scope: VenueScope,
  filter: RegisterFilter,
  limit = Number.POSITIVE_INFINITY,
): Promise<InvoiceRegister> {
  const period = { scope: registerScope(scope, filter.venueId), from: filter.from, to: filter.to };
  const [rows, documents, netPaid] = await Promise.all([
    listRegisterRows(db, period),
    listDocumentsOfBookingsIn(db, period),
    netPaidOfBookingsIn(db, period),
  ]);
  const today = localDateOf(clock.now());
  const byBooking = new Map<string, InvoiceListRow[]>();
  for (const document of documents) byBooking.set(document.booking_id, [...(byBooking.get(document.booking_id) ?? []), document]);
  const statuses = new Map<string, InvoiceStatus>();
  for (const [bookingId, ofBooking] of byBooking) {
    for (const [id, status] of statusesOf(ofBooking, netPaid.get(bookingId) ?? 0, today)) statuses.set(id, status);
  }
  const matched: RegisterEntry[] = [];
  for (const row of rows) {
    const status = statuses.get(row.id) ?? 'open';
    if (!matches(status, filter.status)) continue;
    const document = JSON.parse(row.document) as InvoiceDocument;
    matched.push({
      ...itemOf(row, status),
      bookingId: row.booking_id,
      bookingReference: row.reference,
      venueId: row.venue_id,
      venueName: row.venue_name,
      seller: document.seller.name,
      buyer: document.buyer.name,
      netCents: document.netCents,
      vat: document.vat,
    });
  }
  return { entries: matched.slice(0, limit), matched: matched.length, sellers: sellerTotalsOf(matched), ...sumsOf(matched) };
}
