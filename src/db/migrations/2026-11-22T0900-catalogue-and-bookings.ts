import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('venues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title_nl', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('description_nl', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('min_group_size', 'integer', (c) => c.notNull())
    .addColumn('max_group_size', 'integer', (c) => c.notNull())
    .addColumn('booking_cutoff_minutes', 'integer', (c) => c.notNull())
    .addColumn('pricing', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('activities_group_sizes', sql`min_group_size >= 1 and max_group_size >= min_group_size`)
    .execute();

  await db.schema
    .createTable('vat_rates')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vat_rates_pk', ['code', 'valid_from'])
    .execute();
  // Dutch VAT: 21 % since 2012-10-01, the reduced rate 9 % since 2019-01-01.
  await db
    .insertInto('vat_rates' as never)
    .values([
      { code: 'high', rate_bp: 2100, valid_from: '2012-10-01' },
      { code: 'low', rate_bp: 900, valid_from: '2019-01-01' },
    ] as never)
    .execute();

  await db.schema
    .createTable('slots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('exclusive', 'integer', (c) => c.notNull())
    .addColumn('booked_persons', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('booked_groups', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    // The database itself refuses an oversold slot, whatever the application does.
    .addCheckConstraint('slots_capacity', sql`booked_persons >= 0 and booked_persons <= capacity`)
    .addCheckConstraint('slots_exclusive', sql`exclusive = 0 or booked_groups <= 1`)
    .execute();
  await db.schema.createIndex('slots_activity_start').on('slots').columns(['activity_id', 'starts_at']).execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('slot_id', 'text', (c) => c.notNull().references('slots.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('group_size', 'integer', (c) => c.notNull())
    .addColumn('organiser_name', 'text', (c) => c.notNull())
    .addColumn('organiser_email', 'text', (c) => c.notNull())
    .addColumn('organiser_phone', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_cents', 'integer', (c) => c.notNull())
    .addColumn('price_breakdown', 'text', (c) => c.notNull())
    .addColumn('manage_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bookings_slot').on('bookings').column('slot_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['bookings', 'slots', 'vat_rates', 'activities', 'venues']) {
    await db.schema.dropTable(table).execute();
  }
}
