import type { ExpressionBuilder } from 'kysely';
import type { Database, Executor, Tx } from '../../db/schema.js';
import { HOLDING_STATUSES } from '../shared/booking-status.js';
import type { PartMove } from './programme.js';

/** Bookings by id, or the bookings holding places on the slots of the activities that start in (from, to). */
export type MovesOf = readonly string[] | { activityIds: readonly string[]; from: Date; to: Date };

/** The parts staff moved for each of the bookings, by booking; bookings without moves are absent. */
export async function listPartMoves(db: Executor, of: MovesOf): Promise<Map<string, PartMove[]>> {
  const moves = new Map<string, PartMove[]>();
  if ('length' in of ? of.length === 0 : of.activityIds.length === 0) return moves;
  const bookings = (eb: ExpressionBuilder<Database, 'booking_part_moves'>) => {
    if ('length' in of) return eb('booking_part_moves.booking_id', 'in', [...of]);
    const held = eb
      .selectFrom('bookings')
      .innerJoin('slots', 'slots.id', 'bookings.slot_id')
      .select('bookings.id')
      .where('slots.activity_id', 'in', [...of.activityIds])
      .where('bookings.status', 'in', HOLDING_STATUSES)
      .where('slots.starts_at', '<', of.to.toISOString())
      .where('slots.starts_at', '>', of.from.toISOString());
    return eb('booking_part_moves.booking_id', 'in', held);
  };
  const rows = await db
    .selectFrom('booking_part_moves')
    .select(['booking_id', 'part_id', 'offset_minutes'])
    .where(bookings)
    .orderBy('booking_id')
    .orderBy('part_id')
    .execute();
  if (rows.length === 0) return moves;
  const resources = await db
    .selectFrom('booking_part_move_resources')
    .innerJoin('resources', 'resources.id', 'booking_part_move_resources.resource_id')
    .select([
      'booking_part_move_resources.booking_id',
      'booking_part_move_resources.part_id',
      'booking_part_move_resources.resource_id',
      'booking_part_move_resources.buffer_minutes',
      'resources.name',
    ])
    // Moves are few (staff make them one at a time): their bookings by id.
    .where('booking_part_move_resources.booking_id', 'in', [...new Set(rows.map((row) => row.booking_id))])
    .orderBy('resources.name')
    .execute();
  const used = new Map<string, PartMove['resources']>();
  for (const r of resources) {
    const key = `${r.booking_id} ${r.part_id}`;
    used.set(key, [...(used.get(key) ?? []), { resourceId: r.resource_id, name: r.name, bufferMinutes: r.buffer_minutes }]);
  }
  for (const row of rows) {
    const move: PartMove = {
      partId: row.part_id,
      offsetMinutes: row.offset_minutes,
      resources: used.get(`${row.booking_id} ${row.part_id}`) ?? [],
    };
    moves.set(row.booking_id, [...(moves.get(row.booking_id) ?? []), move]);
  }
  return moves;
}

/** Writes one booking's move of a part (replacing an earlier move of it). */
export async function savePartMove(trx: Tx, bookingId: string, move: PartMove, createdAt: string): Promise<void> {
  await deletePartMove(trx, bookingId, move.partId);
  await trx
    .insertInto('booking_part_moves')
    .values({ booking_id: bookingId, part_id: move.partId, offset_minutes: move.offsetMinutes, created_at: createdAt })
    .execute();
  if (move.resources.length === 0) return;
  await trx
    .insertInto('booking_part_move_resources')
    .values(
      move.resources.map((r) => ({
        booking_id: bookingId,
        part_id: move.partId,
        resource_id: r.resourceId,
        buffer_minutes: r.bufferMinutes,
      })),
    )
    .execute();
}

/** Puts one booking's part back as the programme plans it. */
export async function deletePartMove(trx: Tx, bookingId: string, partId: string): Promise<void> {
  await trx.deleteFrom('booking_part_move_resources').where('booking_id', '=', bookingId).where('part_id', '=', partId).execute();
  await trx.deleteFrom('booking_part_moves').where('booking_id', '=', bookingId).where('part_id', '=', partId).execute();
}

/** Puts every part of a booking that no longer holds places back as the programme plans it. */
export async function deletePartMoves(trx: Tx, bookingId: string): Promise<void> {
  await trx.deleteFrom('booking_part_move_resources').where('booking_id', '=', bookingId).execute();
  await trx.deleteFrom('booking_part_moves').where('booking_id', '=', bookingId).execute();
}

/** The programmes some of whose bookings had a part moved onto one of the resources: they use it too. */
export async function programmesMovedOnto(db: Executor, resourceIds: readonly string[]): Promise<string[]> {
  if (resourceIds.length === 0) return [];
  const rows = await db
    .selectFrom('booking_part_move_resources')
    .innerJoin('programme_parts', 'programme_parts.id', 'booking_part_move_resources.part_id')
    .select('programme_parts.activity_id')
    .distinct()
    .where('booking_part_move_resources.resource_id', 'in', [...resourceIds])
    .execute();
  return rows.map((row) => row.activity_id);
}
