import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. Discount codes per venue (see core/discounts/).
// - discount_codes: a code (stored upper-cased, unique per venue), a percentage off or an amount
//   off (per booking or per person), valid from/until local dates (null: open-ended), a minimum
//   group size and a maximum number of uses (null: none). `uses` counts the bookings that hold the
//   code; it is raised by a conditional update in the booking's transaction, so it never passes
//   max_uses, and lowered when such a booking is cancelled or expires.
// - discount_code_activities: the activities a code is limited to; none: all the venue's.
// - bookings.discount_code_id and discount_terms: the code a booking used and the terms it was
//   given (JSON), so repricing the booking later uses them even after the code is edited.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('discount_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('amount_cents', 'integer')
    .addColumn('per', 'text', (c) => c.notNull().defaultTo('booking'))
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('min_group_size', 'integer')
    .addColumn('max_uses', 'integer')
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('discount_codes_venue_code', ['venue_id', 'code'])
    .addCheckConstraint(
      'discount_codes_kind',
      sql`(kind = 'percent' and percent between 1 and 100 and amount_cents is null and per = 'booking') or (kind = 'amount' and amount_cents > 0 and percent is null and per in ('booking', 'person'))`,
    )
    .addCheckConstraint('discount_codes_uses', sql`uses >= 0 and (max_uses is null or uses <= max_uses)`)
    .execute();

  await db.schema
    .createTable('discount_code_activities')
    .addColumn('discount_code_id', 'text', (c) => c.notNull().references('discount_codes.id'))
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addPrimaryKeyConstraint('discount_code_activities_pk', ['discount_code_id', 'activity_id'])
    .execute();

  await db.schema
    .alterTable('bookings')
    .addColumn('discount_code_id', 'text', (c) => c.references('discount_codes.id'))
    .execute();
  await db.schema.alterTable('bookings').addColumn('discount_terms', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('bookings').dropColumn('discount_terms').execute();
  await db.schema.alterTable('bookings').dropColumn('discount_code_id').execute();
  await db.schema.dropTable('discount_code_activities').execute();
  await db.schema.dropTable('discount_codes').execute();
}
