import type { Executor, Tx } from '../../db/schema.js';

/** What a booking holds of each extra: its id and units. */
export interface BookingExtraRow {
  extraId: string;
  quantity: number;
}

export async function insertBookingExtras(trx: Tx, bookingId: string, held: readonly BookingExtraRow[]): Promise<void> {
  if (held.length === 0) return;
  await trx
    .insertInto('booking_extras')
    .values(held.map((h) => ({ booking_id: bookingId, extra_id: h.extraId, quantity: h.quantity })))
    .execute();
}

export async function listBookingExtras(db: Executor, bookingId: string): Promise<BookingExtraRow[]> {
  const rows = await db
    .selectFrom('booking_extras')
    .select(['extra_id', 'quantity'])
    .where('booking_id', '=', bookingId)
    .orderBy('extra_id')
    .execute();
  return rows.map((row) => ({ extraId: row.extra_id, quantity: row.quantity }));
}

export async function updateBookingExtraQuantity(trx: Tx, bookingId: string, extraId: string, quantity: number): Promise<void> {
  await trx.updateTable('booking_extras').set({ quantity }).where('booking_id', '=', bookingId).where('extra_id', '=', extraId).execute();
}
