import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. A booking's history is read by its reference (the mail's
// calendar sequence counts it for every booking mail, an invoice checks it, a data request lists
// it): without an index on the target, each read went through every entry of the venue's log, a
// cost that grew with every booking the venue took. Led by the target, so a read by target alone
// uses it too; the venue second, so a read by venue and target needs nothing else.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('activity_log_target').on('activity_log').columns(['target', 'venue_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('activity_log_target').execute();
}
