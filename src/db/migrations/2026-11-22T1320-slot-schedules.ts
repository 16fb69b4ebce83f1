import { type Kysely, sql } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A weekly pattern that generated slots: ISO weekdays (1 = Monday) as a sorted list "1,3,5",
  // an Amsterdam wall-clock start time "HH:MM", and the dates (YYYY-MM-DD) it runs, inclusive.
  await db.schema
    .createTable('slot_schedules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('exclusive', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('slot_schedules_period', sql`valid_from <= valid_until`)
    .addCheckConstraint('slot_schedules_capacity', sql`capacity >= 1`)
    .execute();
  await db.schema.createIndex('slot_schedules_activity').on('slot_schedules').column('activity_id').execute();

  // Dates (YYYY-MM-DD, Amsterdam) on which a schedule gives no slot.
  await db.schema
    .createTable('slot_schedule_exceptions')
    .addColumn('schedule_id', 'text', (c) => c.notNull().references('slot_schedules.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('slot_schedule_exceptions_pk', ['schedule_id', 'date'])
    .execute();

  // The schedule a slot was generated from; null for slots made one by one (and kept slots of a deleted schedule).
  await db.schema
    .alterTable('slots')
    .addColumn('schedule_id', 'text', (c) => c.references('slot_schedules.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('slots_schedule').on('slots').column('schedule_id').execute();

  // Never two slots of one activity at the same instant: generating a schedule twice adds nothing.
  await db.schema.dropIndex('slots_activity_start').execute();
  await db.schema.createIndex('slots_activity_start').on('slots').columns(['activity_id', 'starts_at']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('slots_activity_start').execute();
  await db.schema.createIndex('slots_activity_start').on('slots').columns(['activity_id', 'starts_at']).execute();
  await db.schema.dropIndex('slots_schedule').execute();
  await db.schema.alterTable('slots').dropColumn('schedule_id').execute();
  await db.schema.dropTable('slot_schedule_exceptions').execute();
  await db.schema.dropTable('slot_schedules').execute();
}
