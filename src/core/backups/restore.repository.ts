import type { Executor } from '../../db/schema.js';

/** What a database holds that a restore would replace: venues, bookings and staff accounts. */
export interface DatabaseHoldings {
  venues: number;
  bookings: number;
  staff: number;
}

export async function databaseHoldings(db: Executor): Promise<DatabaseHoldings> {
  const count = async (table: 'venues' | 'bookings' | 'staff') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { venues: await count('venues'), bookings: await count('bookings'), staff: await count('staff') };
}

/**
 * Forgets the processes recorded in a restored copy: their heartbeats and their job leases
 * belong to the past, and would otherwise hold a job back until they expire.
 */
export async function forgetPastInstances(db: Executor): Promise<void> {
  await db.deleteFrom('platform_instances').execute();
  await db.deleteFrom('job_leases').execute();
}
