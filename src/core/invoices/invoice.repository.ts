import type { Selectable } from 'kysely';
import type { Executor, InvoiceTable } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';

export type InvoiceRow = Selectable<InvoiceTable>;

/** One of the booking's documents by its number; undefined when the booking has no such number. */
export async function findBookingInvoiceByNumber(db: Executor, bookingId: string, number: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('booking_id', '=', bookingId).where('number', '=', number).executeTakeFirst();
}

/** A document by id within the member's venues; undefined for another venue's. */
export async function findInvoiceInScope(db: Executor, scope: VenueScope, id: string): Promise<InvoiceRow | undefined> {
  let query = db.selectFrom('invoices').selectAll().where('id', '=', id);
  if (!scope.all) query = query.where('venue_id', '=', scope.venueId);
  return query.executeTakeFirst();
}

/** A booking's documents, oldest first. */
export async function listBookingInvoices(db: Executor, bookingId: string): Promise<InvoiceRow[]> {
  return db.selectFrom('invoices').selectAll().where('booking_id', '=', bookingId).orderBy('issued_at').orderBy('sequence').execute();
}

/** The documents of these ids, oldest first. */
export async function listInvoicesByIds(db: Executor, ids: readonly string[]): Promise<InvoiceRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('invoices').selectAll().where('id', 'in', ids).orderBy('issued_at').orderBy('sequence').execute();
}
