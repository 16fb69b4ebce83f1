import type { Executor } from '../../db/schema.js';

/** The count of the booking's history entries, by its reference (index activity_log_target). */
export function bookingEventsQuery(db: Executor, venueId: string, reference: string) {
  return db
    .selectFrom('activity_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('venue_id', '=', venueId)
    .where('target', '=', reference)
    .where('action', 'like', 'booking.%');
}

/** How many entries the booking's history holds (its creation included). */
export async function countBookingEvents(db: Executor, venueId: string, reference: string): Promise<number> {
  const row = await bookingEventsQuery(db, venueId, reference).executeTakeFirstOrThrow();
  return Number(row.n);
}
