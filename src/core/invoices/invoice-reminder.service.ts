import type { Db } from '../../db/schema.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/time.js';
import type { InvoiceDocument } from './invoice-document.js';
import {
  findInvoiceDocument,
  findReminderBooking,
  listBookingsWithUnremindedOverdue,
  overdueReminderKey,
} from './invoice-list.repository.js';
import { bookingInvoiceStandings } from './invoice-files.service.js';
import { listBookingInvoices } from './invoice-list.service.js';

/** Bookings one run looks at; the next run goes on with the rest. */
const BATCH = 500;

/**
 * Mails the organiser once per invoice that is overdue (unpaid after its due date, Amsterdam; not
 * credited): its number, what is still to pay of it, its due date, the venue's IBAN and the
 * reference to quote, with the manage link. A paid or credited invoice is never reminded, nor one
 * before its due date. The mail's dedupe key is the invoice's (the invoice itself is never
 * changed), so a second run or a second instance queues nothing more: once, ever. Each mail is
 * queued with its history entry in one transaction. Returns the reminders queued.
 */
export async function remindOverdueInvoices(db: Db, clock: Clock): Promise<number> {
  const today = localDateOf(clock.now());
  let reminded = 0;
  const errors: unknown[] = [];
  for (const bookingId of await listBookingsWithUnremindedOverdue(db, today, BATCH)) {
    try {
      reminded += await remindBooking(db, clock, bookingId);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} bookings' invoice reminders failed`);
  return reminded;
}

async function remindBooking(db: Db, clock: Clock, bookingId: string): Promise<number> {
  const booking = await findReminderBooking(db, bookingId);
  if (!booking) return 0;
  const items = await listBookingInvoices(db, clock, bookingId);
  const overdue = items.filter((item) => item.status === 'overdue');
  if (overdue.length === 0) return 0;
  const standings = await bookingInvoiceStandings(db, clock, bookingId);
  let reminded = 0;
  for (const invoice of overdue) {
    const json = await findInvoiceDocument(db, invoice.id);
    if (json === undefined) continue;
    const document = JSON.parse(json) as InvoiceDocument;
    const sent = await db.transaction().execute(async (trx) => {
      const queued = await enqueueBookingMail(trx, clock, {
        kind: 'invoice_overdue',
        bookingId,
        recipient: booking.organiser_email,
        language: booking.language === 'en' ? 'en' : 'nl',
        detail: {
          invoice_number: invoice.number,
          total_cents: invoice.totalCents,
          amount_cents: standings.get(invoice.id)?.outstandingCents ?? invoice.totalCents,
          due_on: invoice.dueOn,
          iban: document.seller.iban,
          payment_reference: document.bookingReference,
        },
        dedupeKey: overdueReminderKey(invoice.id),
      });
      if (!queued) return false;
      await recordBookingEvent(trx, clock, {
        by: 'system',
        venueId: booking.venue_id,
        reference: booking.reference,
        action: 'booking.invoice_overdue_reminder_sent',
        detail: { invoice: invoice.number, due_on: invoice.dueOn },
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}
