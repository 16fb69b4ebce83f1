import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. How many persons of each price category a booking's group
// has (JSON, e.g. {"pupil":24,"teacher":3}), for an activity priced by categories; null for one
// priced by group size alone. The group size stays the sum, which capacity counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('party', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('party').execute();
}
