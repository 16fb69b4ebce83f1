import type { Executor } from '../../db/schema.js';

/** How many entries the booking's history holds (its creation included). */
export async function countBookingEvents(db: Executor, venueId: string, reference: string): Promise<number> {
  const row = await db
    .selectFrom('activity_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('venue_id', '=', venueId)
    .where('target', '=', reference)
    .where('action', 'like', 'booking.%')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
