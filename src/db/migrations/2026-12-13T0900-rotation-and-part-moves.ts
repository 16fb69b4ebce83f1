import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Frozen: imports nothing from the app. Two ways a booked programme's parts differ from the plan:
// - Rotation: a programme may split a group larger than its subgroup size into subgroups that
//   take turns at the parts marked `rotates` (60 pupils in three groups of 20); each subgroup
//   holds a rotating part's resources for its turn only.
// - Moves: staff may move one booking's part to another time, or onto other resources, without
//   changing the programme for its other bookings. A moved part is done by the whole group at once.
// What the resources hold stays read from the bookings that hold places: nothing here counts.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programme_rotations')
    .addColumn('activity_id', 'text', (c) => c.primaryKey().references('activities.id'))
    .addColumn('subgroup_size', 'integer', (c) => c.notNull())
    .addCheckConstraint('programme_rotations_size', sql`subgroup_size >= 1`)
    .execute();
  await db.schema
    .alterTable('programme_parts')
    .addColumn('rotates', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('booking_part_moves')
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id'))
    .addColumn('part_id', 'text', (c) => c.notNull().references('programme_parts.id'))
    .addColumn('offset_minutes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('booking_part_moves_pk', ['booking_id', 'part_id'])
    .addCheckConstraint('booking_part_moves_offset', sql`offset_minutes >= 0`)
    .execute();
  await db.schema.createIndex('booking_part_moves_part').on('booking_part_moves').columns(['part_id']).execute();
  await db.schema
    .createTable('booking_part_move_resources')
    .addColumn('booking_id', 'text', (c) => c.notNull())
    .addColumn('part_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('buffer_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('booking_part_move_resources_pk', ['booking_id', 'part_id', 'resource_id'])
    .addForeignKeyConstraint('booking_part_move_resources_move', ['booking_id', 'part_id'], 'booking_part_moves', ['booking_id', 'part_id'])
    .addCheckConstraint('booking_part_move_resources_buffer', sql`buffer_minutes >= 0`)
    .execute();
  await db.schema.createIndex('booking_part_move_resources_resource').on('booking_part_move_resources').columns(['resource_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('booking_part_move_resources').execute();
  await db.schema.dropTable('booking_part_moves').execute();
  await db.schema.alterTable('programme_parts').dropColumn('rotates').execute();
  await db.schema.dropTable('programme_rotations').execute();
}
