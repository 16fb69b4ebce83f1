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

/** The status of each of one booking's documents, given what it has paid net of refunds and today's Amsterdam date. */
export function invoiceStatuses(documents: readonly StatusInput[], netPaidCents: number, today: string): Map<string, InvoiceStatus> {
  const credited = new Set(documents.filter((d) => d.kind === 'credit_note').map((d) => d.correctsId));
  const statuses = new Map<string, InvoiceStatus>();
  let left = netPaidCents;
  const oldestFirst = [...documents].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.sequence - b.sequence);
  for (const document of oldestFirst) {
    if (document.kind === 'credit_note') statuses.set(document.id, 'settled');
    else if (credited.has(document.id)) statuses.set(document.id, 'credited');
    else if (document.totalCents <= left) {
      statuses.set(document.id, 'paid');
      left -= document.totalCents;
    } else {
      statuses.set(document.id, document.dueOn !== null && document.dueOn < today ? 'overdue' : 'open');
      // Money goes to the oldest first: nothing later is covered while this one is open.
      left = 0;
    }
  }
  return statuses;
}
