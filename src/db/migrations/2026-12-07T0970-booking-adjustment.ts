import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. What a booking owes beyond (or below) its current price,
// in cents, signed: cancellation fees the venue keeps (a smaller group, a cancellation) add to it,
// goodwill refunds (staff, Mollie's dashboard) take from it. A booking owes total_cents + adjustment_cents.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('bookings')
    .addColumn('adjustment_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('adjustment_cents').execute();
}
