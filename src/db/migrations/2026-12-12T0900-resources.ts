import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: imports nothing from the app. Resources a venue's activities share (a boat, a room, a
// guide, a lane): a capacity in persons (groups share it) or in units (each group takes a unit for
// its time), weekly opening hours (no rows: always open) and closures. An activity's slots use the
// resources linked to it for their time plus the link's changeover buffer; what a resource holds at
// a moment is read from the booked slots that use it then, so no second count can drift from the
// slots' own. Slots of activities without a link behave as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('venue_id', 'text', (c) => c.notNull().references('venues.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('resources_kind', sql`kind in ('persons', 'units')`)
    .addCheckConstraint('resources_capacity', sql`capacity >= 1`)
    .execute();
  await db.schema.createIndex('resources_venue').on('resources').columns(['venue_id', 'name']).execute();

  await db.schema
    .createTable('resource_hours')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('opens', 'text', (c) => c.notNull())
    .addColumn('closes', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_hours_pk', ['resource_id', 'weekday'])
    .addCheckConstraint('resource_hours_weekday', sql`weekday between 1 and 7`)
    .execute();

  await db.schema
    .createTable('resource_closures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resource_closures_resource').on('resource_closures').columns(['resource_id', 'starts_at']).execute();

  await db.schema
    .createTable('activity_resources')
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('buffer_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('activity_resources_pk', ['activity_id', 'resource_id'])
    .addCheckConstraint('activity_resources_buffer', sql`buffer_minutes >= 0`)
    .execute();
  await db.schema.createIndex('activity_resources_resource').on('activity_resources').columns(['resource_id']).execute();

  // Programmes ("arrangementen"): an activity of several parts, each a time within its slots (an
  // offset from the start and a duration), optionally naming the stand-alone activity it is, and
  // using resources of its own for that time plus a buffer.
  await db.schema
    .createTable('programme_parts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title_nl', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('offset_minutes', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('part_activity_id', 'text', (c) => c.references('activities.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('programme_parts_time', sql`offset_minutes >= 0 and duration_minutes >= 1`)
    .execute();
  await db.schema.createIndex('programme_parts_activity').on('programme_parts').columns(['activity_id', 'position']).execute();

  await db.schema
    .createTable('part_resources')
    .addColumn('part_id', 'text', (c) => c.notNull().references('programme_parts.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('buffer_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('part_resources_pk', ['part_id', 'resource_id'])
    .addCheckConstraint('part_resources_buffer', sql`buffer_minutes >= 0`)
    .execute();
  await db.schema.createIndex('part_resources_resource').on('part_resources').columns(['resource_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('part_resources').execute();
  await db.schema.dropTable('programme_parts').execute();
  await db.schema.dropTable('activity_resources').execute();
  await db.schema.dropTable('resource_closures').execute();
  await db.schema.dropTable('resource_hours').execute();
  await db.schema.dropTable('resources').execute();
}
