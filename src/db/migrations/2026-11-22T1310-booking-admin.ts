import { type Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // When the venue recorded the payment, and when the booking was cancelled; null while not so.
  await db.schema.alterTable('bookings').addColumn('paid_at', 'text').execute();
  await db.schema.alterTable('bookings').addColumn('cancelled_at', 'text').execute();

  // Staff's internal notes on a booking; never shown to the organiser. The author's name is kept
  // as written, so a note still says who wrote it after the account is gone.
  await db.schema
    .createTable('booking_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('booking_notes_booking').on('booking_notes').columns(['booking_id', 'created_at']).execute();
  await db.schema.createIndex('bookings_venue_created').on('bookings').columns(['venue_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bookings_venue_created').execute();
  await db.schema.dropTable('booking_notes').execute();
  await db.schema.alterTable('bookings').dropColumn('cancelled_at').execute();
  await db.schema.alterTable('bookings').dropColumn('paid_at').execute();
}
