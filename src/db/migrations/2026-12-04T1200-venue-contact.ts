import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // How organisers reach a venue: shown on its activities' pages and in their mails, and the
  // Reply-To of those mails. Null until the venue gives them.
  await db.schema.alterTable('venues').addColumn('contact_email', 'text').execute();
  await db.schema.alterTable('venues').addColumn('contact_phone', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('venues').dropColumn('contact_phone').execute();
  await db.schema.alterTable('venues').dropColumn('contact_email').execute();
}
