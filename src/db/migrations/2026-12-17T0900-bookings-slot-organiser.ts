import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. A booking reads the address's other bookings of its slot
// (for its mail) while it holds the slot's row locked: by slot and address (any case) at once,
// instead of every booking of the slot, which a popular slot has hundreds of.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('bookings_slot_organiser')
    .on('bookings')
    .expression(sql`slot_id, lower(organiser_email)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bookings_slot_organiser').execute();
}
