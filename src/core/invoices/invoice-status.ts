import type { InvoiceKind } from './invoice-document.js';

/**
 * Where an issued document stands, read from the booking's money at the time of asking (the
 * document itself never changes):
 * - an invoice a credit note corrects is `credited`;
 * - the invoices still standing are covered by what the booking has paid net of refunds, oldest
 *   first: `paid` when covered, else `overdue` after its due date, else `open`;
 * - a credit note is `settled`: it offsets its invoice (and any refund follows the refund rules).
 */
export type InvoiceStatus = 'open' | 'overdue' | 'paid' | 'credited' | 'settled';

export interface StatusInput {
  id: string;
  kind: InvoiceKind;
  /** The invoice a credit note corrects. */
  correctsId: string | null;
  totalCents: number;
  dueOn: string | null;
  issuedAt: string;
  /** Ties in issuedAt are broken by the number's sequence. */
  sequence: number;
}

/** The columns of an invoice row (as selected) its standing follows from. */
export interface StatusColumns {
  id: string;
  kind: string;
  corrects_id: string | null;
  total_cents: number | string;
  due_on: string | null;
  issued_at: string;
  sequence: number | string;
}

/** An invoice row as invoiceStandings takes it (PostgreSQL may answer integers as strings). */
export function statusInputOf(row: StatusColumns): StatusInput {
  return {
    id: row.id,
    kind: row.kind as InvoiceKind,
    correctsId: row.corrects_id,
    totalCents: Number(row.total_cents),
    dueOn: row.due_on,
    issuedAt: row.issued_at,
    sequence: Number(row.sequence),
  };
}

/** Where a document stands now and what is still to pay of it (0 unless open or overdue). */
export interface InvoiceStanding {
  status: InvoiceStatus;
  outstandingCents: number;
}

/**
 * The standing of each of one booking's documents, given what it has paid net of refunds and
 * today's Amsterdam date: the one allocation of the booking's money over its standing invoices,
 * oldest first. An invoice the money covers is `paid`; the first it does not cover gets what is
 * left, partly (its outstanding amount is the rest), and every later one gets nothing.
 */
export function invoiceStandings(documents: readonly StatusInput[], netPaidCents: number, today: string): Map<string, InvoiceStanding> {
  const credited = new Set(documents.filter((d) => d.kind === 'credit_note').map((d) => d.correctsId));
  const standings = new Map<string, InvoiceStanding>();
  let left = netPaidCents;
  const oldestFirst = [...documents].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.sequence - b.sequence);
  for (const document of oldestFirst) {
    if (document.kind === 'credit_note') standings.set(document.id, { status: 'settled', outstandingCents: 0 });
    else if (credited.has(document.id)) standings.set(document.id, { status: 'credited', outstandingCents: 0 });
    else if (document.totalCents <= left) {
      standings.set(document.id, { status: 'paid', outstandingCents: 0 });
      left -= document.totalCents;
    } else {
      const status = document.dueOn !== null && document.dueOn < today ? 'overdue' : 'open';
      standings.set(document.id, { status, outstandingCents: document.totalCents - Math.max(left, 0) });
      // Money goes to the oldest first: nothing later is covered while this one is open.
      left = 0;
    }
  }
  return standings;
}

/** The status of each of one booking's documents (see invoiceStandings). */
export function invoiceStatuses(documents: readonly StatusInput[], netPaidCents: number, today: string): Map<string, InvoiceStatus> {
  return new Map([...invoiceStandings(documents, netPaidCents, today)].map(([id, standing]) => [id, standing.status]));
}
