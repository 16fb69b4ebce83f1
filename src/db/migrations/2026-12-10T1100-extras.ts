import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. Extras an activity offers beside its price (lunch, a drinks
// package, equipment, a guide): per person, per group or per unit, each with its VAT rate, an
// amount including VAT, and optionally a stock. The stock is per slot (the items are in use during
// it): extra_stock counts the units taken per slot and extra, a row made on first use, and the
// database itself refuses more taken than the stock. booking_extras holds what each booking took.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_extras')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('label_nl', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('vat', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stock', 'integer')
    .addColumn('max_per_booking', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('activity_extras_stock', sql`stock is null or stock >= 0`)
    .execute();
  await db.schema.createIndex('activity_extras_activity').on('activity_extras').columns(['activity_id', 'position']).execute();

  await db.schema
    .createTable('extra_stock')
    .addColumn('slot_id', 'text', (c) => c.notNull().references('slots.id'))
    .addColumn('extra_id', 'text', (c) => c.notNull().references('activity_extras.id'))
    .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('extra_stock_pk', ['slot_id', 'extra_id'])
    .addCheckConstraint('extra_stock_taken', sql`taken >= 0`)
    .execute();

  await db.schema
    .createTable('booking_extras')
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('extra_id', 'text', (c) => c.notNull().references('activity_extras.id'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_extras_pk', ['booking_id', 'extra_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('booking_extras').execute();
  await db.schema.dropTable('extra_stock').execute();
  await db.schema.dropIndex('activity_extras_activity').execute();
  await db.schema.dropTable('activity_extras').execute();
}
