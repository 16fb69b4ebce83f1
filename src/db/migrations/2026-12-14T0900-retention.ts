import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: imports nothing from the app. Personal data is kept only as long as it is needed:
// - `venue_retention`: a venue's own, shorter periods (null keeps the platform's default).
// - `bookings.participants_removed_at`: when the participants' details and the organiser's
//   remarks (allergies, diets, emergency phones) were removed; `anonymised_at`: when the
//   organiser's contact and billing details were replaced; `erasure_requested_at`: when the
//   organiser asked for erasure through the manage link (carried out once the visit is over).
// - `vouchers.anonymised_at`: when a voucher's buyer and recipient were replaced.
// - `retention_runs`: what each run of the retention job removed, as counts per rule only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('venue_retention')
    .addColumn('venue_id', 'text', (c) => c.primaryKey().references('venues.id'))
    .addColumn('participants_days', 'integer')
    .addColumn('organiser_months', 'integer')
    .addColumn('cancelled_days', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'venue_retention_positive',
      sql`coalesce(participants_days, 1) >= 1 and coalesce(organiser_months, 1) >= 1 and coalesce(cancelled_days, 1) >= 1`,
    )
    .execute();
  await db.schema.alterTable('bookings').addColumn('participants_removed_at', 'text').execute();
  await db.schema.alterTable('bookings').addColumn('anonymised_at', 'text').execute();
  await db.schema.alterTable('bookings').addColumn('erasure_requested_at', 'text').execute();
  await db.schema.createIndex('bookings_anonymised').on('bookings').columns(['anonymised_at', 'venue_id']).execute();
  await db.schema.createIndex('bookings_organiser_email').on('bookings').columns(['venue_id', 'organiser_email']).execute();
  await db.schema.alterTable('vouchers').addColumn('anonymised_at', 'text').execute();
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('retention_runs_started').on('retention_runs').columns(['started_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('retention_runs').execute();
  await db.schema.alterTable('vouchers').dropColumn('anonymised_at').execute();
  await db.schema.dropIndex('bookings_organiser_email').execute();
  await db.schema.dropIndex('bookings_anonymised').execute();
  await db.schema.alterTable('bookings').dropColumn('erasure_requested_at').execute();
  await db.schema.alterTable('bookings').dropColumn('anonymised_at').execute();
  await db.schema.alterTable('bookings').dropColumn('participants_removed_at').execute();
  await db.schema.dropTable('venue_retention').execute();
}
