import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A venue's profile, edited in the back office: its address (all three parts or none), website,
  // and texts in both languages (description, how to get there and park). Null until given.
  for (const column of ['street', 'postcode', 'address_city', 'website', 'description_nl', 'description_en', 'route_nl', 'route_en']) {
    await db.schema.alterTable('venues').addColumn(column, 'text').execute();
  }
  // A venue's booking terms: numbered 1, 2, 3 ... per venue, immutable once published. A booking
  // records the version its organiser accepted (null: the venue had published none).
  await db.schema
    .createTable('venue_terms')
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('text_nl', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('venue_terms_pkey', ['venue_id', 'version'])
    .execute();
  await db.schema.alterTable('bookings').addColumn('terms_version', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('terms_version').execute();
  await db.schema.dropTable('venue_terms').execute();
  for (const column of ['route_en', 'route_nl', 'description_en', 'description_nl', 'website', 'address_city', 'postcode', 'street']) {
    await db.schema.alterTable('venues').dropColumn(column).execute();
  }
}
