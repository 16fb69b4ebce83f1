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

/**
 * How many entries the history of each of the bookings holds, as countBookingEvents counts them, by
 * reference, in one query however many bookings (references are a venue's own: each is looked up with its venue).
 */
export async function countBookingsEvents(
  db: Executor,
  bookings: readonly { venueId: string; reference: string }[],
): Promise<(venueId: string, reference: string) => number> {
  const rows =
    bookings.length === 0
      ? []
      : await db
          .selectFrom('activity_log')
          .select((eb) => ['venue_id', 'target', eb.fn.countAll().as('n')])
          .where('target', 'in', [...new Set(bookings.map((b) => b.reference))])
          .where('venue_id', 'in', [...new Set(bookings.map((b) => b.venueId))])
          .where('action', 'like', 'booking.%')
          .groupBy(['venue_id', 'target'])
          .execute();
  const counts = new Map(rows.map((row) => [`${row.venue_id} ${row.target}`, Number(row.n)]));
  return (venueId, reference) => counts.get(`${venueId} ${reference}`) ?? 0;
}
