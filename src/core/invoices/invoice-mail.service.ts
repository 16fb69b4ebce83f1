import type { Tx } from '../../db/schema.js';
import { findBookingRow } from '../bookings/booking-lifecycle.repository.js';
import { formatMoney } from '../i18n/format.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { isLanguage } from '../shared/language.js';
import type { InvoiceKind, InvoicePurpose } from './invoice-document.js';
import { listInvoicesByIds } from './invoices.repository.js';
import { documentTitle } from './invoice-texts.js';

/**
 * Queues the one mail that sends the organiser the documents an event issued (an invoice, a credit
 * note and the new invoice after a change...), in the issuing transaction. The mail lists them
 * (kind, number, amount) and carries each as PDF and UBL, rendered when it is sent from the stored
 * rows (mail-delivery). The same documents queued twice send one mail. Nothing is queued for ids
 * that are not this booking's.
 */
export async function queueInvoiceMail(trx: Tx, clock: Clock, bookingId: string, invoiceIds: string[]): Promise<boolean> {
  const booking = await findBookingRow(trx, bookingId);
  const rows = (await listInvoicesByIds(trx, invoiceIds)).filter((row) => row.booking_id === bookingId);
  if (!booking || rows.length === 0) return false;
  const language = isLanguage(booking.language) ? booking.language : 'nl';
  const documents = rows
    .map((row) => {
      const title = documentTitle({ kind: row.kind as InvoiceKind, purpose: row.purpose as InvoicePurpose, language });
      return `${title} ${row.number} (${formatMoney(row.total_cents, language)})`;
    })
    .join(', ');
  const ids = rows.map((row) => row.id);
  // What the mail carries, for its subject and first sentence (mail-content.tsx).
  const invoices = rows.some((row) => row.kind === 'invoice');
  const creditNotes = rows.some((row) => row.kind === 'credit_note');
  const contents = invoices && creditNotes ? 'both' : creditNotes ? 'credit_note' : 'invoice';
  return enqueueBookingMail(trx, clock, {
    kind: 'invoices_issued',
    bookingId,
    recipient: booking.organiser_email,
    language,
    detail: { invoice_ids: ids.join(','), documents, contents },
    dedupeKey: `invoices_issued:${[...ids].sort().join(',')}`,
  });
}
