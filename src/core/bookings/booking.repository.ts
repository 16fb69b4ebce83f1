import type { Insertable, Selectable } from 'kysely';
import type { BookingTable, Executor, Tx } from '../../db/schema.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { Booking } from './booking.js';

export type BookingRow = Selectable<BookingTable>;

export function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as Booking['status'],
    groupSize: row.group_size,
    name: row.organiser_name,
    email: row.organiser_email,
    phone: row.organiser_phone,
    organisation: row.organisation,
    notes: row.notes,
    language: row.language === 'en' ? 'en' : 'nl',
    price: JSON.parse(row.price_breakdown) as PriceBreakdown,
    createdAt: new Date(row.created_at),
  };
}

export async function insertBooking(trx: Tx, row: Insertable<BookingTable>): Promise<void> {
  await trx.insertInto('bookings').values(row).execute();
}

export async function findBookingByTokenHash(db: Executor, tokenHash: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').selectAll().where('manage_token_hash', '=', tokenHash).executeTakeFirst();
}
