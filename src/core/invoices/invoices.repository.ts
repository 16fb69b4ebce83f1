import type { Insertable, Selectable } from 'kysely';
import type { Executor, InvoiceTable, Tx } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';
import { SELLER_COLUMNS } from './invoice-seller.js';

export type InvoiceRow = Selectable<InvoiceTable>;

/** A booking, with its venue's billing columns, its activity's title and its visit's start: what invoicing it needs. */
export async function findInvoicingBooking(db: Executor, bookingId: string) {
  return db
    .selectFrom('bookings')
    .innerJoin('venues', 'venues.id', 'bookings.venue_id')
    .innerJoin('activities', 'activities.id', 'bookings.activity_id')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select([
      'bookings.id',
      'bookings.reference',
      'bookings.venue_id',
      'bookings.status',
      'bookings.pay_by',
      'bookings.language',
      'bookings.total_cents',
      'bookings.adjustment_cents',
      'bookings.price_breakdown',
      'bookings.balance_due_on',
      'bookings.organiser_name',
      'bookings.organiser_email',
      'bookings.organisation',
      'bookings.billing_organisation',
      'bookings.billing_address',
      'bookings.billing_reference',
      'bookings.billing_vat_id',
      'bookings.billing_country',
      ...SELLER_COLUMNS.map((column) => `venues.${column}` as const),
      'venues.invoice_term_days',
      'activities.title_nl',
      'activities.title_en',
      'slots.starts_at',
    ])
    .where('bookings.id', '=', bookingId)
    .executeTakeFirst();
}

export type InvoicingBookingRow = NonNullable<Awaited<ReturnType<typeof findInvoicingBooking>>>;

/** A booking's invoices and credit notes, in the order they were issued. */
export async function listBookingInvoices(db: Executor, bookingId: string): Promise<InvoiceRow[]> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .orderBy('issued_at')
    .orderBy('year')
    .orderBy('sequence')
    .execute();
}

export async function insertInvoice(trx: Tx, row: Insertable<InvoiceTable>): Promise<void> {
  await trx.insertInto('invoices').values(row).execute();
}

/** Whether the booking's history has an entry with this action already. */
export async function hasBookingEvent(db: Executor, venueId: string, reference: string, action: string): Promise<boolean> {
  const row = await db
    .selectFrom('activity_log')
    .select('id')
    .where('venue_id', '=', venueId)
    .where('target', '=', reference)
    .where('action', '=', action)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

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

/** Ids asked for in one query: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const IDS_PER_QUERY = 1000;

/** The documents of these ids (any number: a year's register of a busy venue), oldest first. */
export async function listInvoicesByIds(db: Executor, ids: readonly string[]): Promise<InvoiceRow[]> {
  const rows: InvoiceRow[] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    rows.push(
      ...(await db
        .selectFrom('invoices')
        .selectAll()
        .where('id', 'in', ids.slice(start, start + IDS_PER_QUERY))
        .execute()),
    );
  }
  return rows.sort((a, b) => a.issued_at.localeCompare(b.issued_at) || a.sequence - b.sequence);
}
