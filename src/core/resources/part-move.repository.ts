import type { Executor, Tx } from '../../db/schema.js';
import type { PartMove } from './programme.js';

/** The parts staff moved for each of the bookings, by booking; bookings without moves are absent. */
export async function listPartMoves(db: Executor, bookingIds: readonly string[]): Promise<Map<string, PartMove[]>> {
  const moves = new Map<string, PartMove[]>();
  if (bookingIds.length === 0) return moves;
  const rows = await db
    .selectFrom('booking_part_moves')
    .select(['booking_id', 'part_id', 'offset_minutes'])
    .where('booking_id', 'in', [...bookingIds])
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
    .where('booking_part_move_resources.booking_id', 'in', [...new Set(rows.map((row) => row.booking_id))])
    .orderBy('resources.name')
    .execute();
  for (const row of rows) {
    const move: PartMove = {
      partId: row.part_id,
      offsetMinutes: row.offset_minutes,
      resources: resources
        .filter((r) => r.booking_id === row.booking_id && r.part_id === row.part_id)
        .map((r) => ({ resourceId: r.resource_id, name: r.name, bufferMinutes: r.buffer_minutes })),
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

/** The resources the bookings on the slot had their parts moved onto. */
export async function movedResourceIds(db: Executor, slotId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('booking_part_move_resources')
    .innerJoin('bookings', 'bookings.id', 'booking_part_move_resources.booking_id')
    .select('booking_part_move_resources.resource_id')
    .distinct()
    .where('bookings.slot_id', '=', slotId)
    .execute();
  return rows.map((row) => row.resource_id);
}
