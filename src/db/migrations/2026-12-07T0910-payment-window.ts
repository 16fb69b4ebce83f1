import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. A booking paid online keeps the length of the payment
// window in force when it was placed (GROUPZ_PAYMENT_WINDOW, minutes): an option confirmed, or a
// request accepted, later gets a fresh window of that length (core/bookings/status-change.service.ts).
// Null for a booking that pays nothing online.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').addColumn('payment_window_minutes', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('payment_window_minutes').execute();
}
