import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: imports nothing from the app. The image bytes live in the database (a blob on SQLite, a
// bytea on PostgreSQL: the one column type that differs), so a backup of the database holds the
// photos and every app instance on one PostgreSQL database serves the same ones.
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  // A venue's photo (activity_id null, kind 'venue'), its logo (kind 'logo') or an activity's photo.
  await db.schema
    .createTable('photos')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('activity_id', 'text', (c) => c.references('activities.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('alt_nl', 'text', (c) => c.notNull())
    .addColumn('alt_en', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('photos_kind', sql`kind in ('activity', 'venue', 'logo')`)
    .addCheckConstraint('photos_owner', sql`(kind = 'activity') = (activity_id is not null)`)
    .execute();
  await db.schema.createIndex('photos_activity').on('photos').columns(['activity_id', 'position']).execute();
  await db.schema.createIndex('photos_venue').on('photos').columns(['venue_id', 'kind', 'position']).execute();
  // Each photo's stored sizes and formats; never changed once written (their URLs are cached for good).
  await db.schema
    .createTable('photo_variants')
    .addColumn('photo_id', 'text', (c) => c.notNull().references('photos.id').onDelete('cascade'))
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('photo_variants_pk', ['photo_id', 'width', 'format'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('photo_variants').execute();
  await db.schema.dropTable('photos').execute();
}
