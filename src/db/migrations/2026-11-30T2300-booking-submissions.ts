import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The SHA-256 of the key a booking was submitted with (the review page's hidden field, or the
  // API's `submissionKey`): a second submission with the same key finds this booking instead of
  // placing another. Unique, so two submissions racing each other cannot both insert.
  await db.schema.alterTable('bookings').addColumn('submission_hash', 'text').execute();
  await db.schema.createIndex('bookings_submission_hash').unique().on('bookings').column('submission_hash').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bookings_submission_hash').execute();
  await db.schema.alterTable('bookings').dropColumn('submission_hash').execute();
}
