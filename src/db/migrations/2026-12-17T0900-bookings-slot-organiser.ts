import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. A booking reads the address's other bookings of its slot
// (for its mail) while it holds the slot's row locked: by slot and address (any case) at once,
// instead of every booking of the slot, which a popular slot has hundreds of. It leads with the
// slot, so it serves every read by slot too: the index on the slot alone goes, one index fewer for
// each booking's INSERT to write.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('bookings_slot_organiser')
    .on('bookings')
    .expression(sql`slot_id, lower(organiser_email)`)
    .execute();
  await db.schema.dropIndex('bookings_slot').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('bookings_slot').on('bookings').column('slot_id').execute();
  await db.schema.dropIndex('bookings_slot_organiser').execute();
}
