import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. The activity's pricing as it stood when the booking was
// placed (JSON, as activities.pricing): a later change of the booking's group is priced by it, not
// by the activity's prices of the day. Null for the bookings placed before it was kept.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('pricing', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('pricing').execute();
}
