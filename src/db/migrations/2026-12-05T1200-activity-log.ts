import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // "Audit" names the check of a deployment (`groupz audit`, self_audits); the record of who did
  // what is the activity log. Rows and columns stay as they are; the indexes follow the new name
  // (PostgreSQL's primary key keeps its name, audit_log_pkey: nothing refers to it).
  await db.schema.alterTable('audit_log').renameTo('activity_log').execute();
  await db.schema.dropIndex('audit_log_at').execute();
  await db.schema.dropIndex('audit_log_venue_at').execute();
  await db.schema.createIndex('activity_log_at').on('activity_log').column('at').execute();
  await db.schema.createIndex('activity_log_venue_at').on('activity_log').columns(['venue_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('activity_log_venue_at').execute();
  await db.schema.dropIndex('activity_log_at').execute();
  await db.schema.alterTable('activity_log').renameTo('audit_log').execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_venue_at').on('audit_log').columns(['venue_id', 'at']).execute();
}
