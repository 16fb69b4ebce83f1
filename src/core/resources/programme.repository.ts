import type { Executor, Tx } from '../../db/schema.js';
import type { ProgrammePart } from './programme.js';

/** The parts of the programmes among the activities, by activity, in time order; activities without parts are absent. */
export async function listProgrammeParts(db: Executor, activityIds: readonly string[]): Promise<Map<string, ProgrammePart[]>> {
  const parts = new Map<string, ProgrammePart[]>();
  if (activityIds.length === 0) return parts;
  const rows = await db
    .selectFrom('programme_parts')
    .selectAll()
    .where('activity_id', 'in', [...activityIds])
    .orderBy('offset_minutes')
    .orderBy('position')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return parts;
  const rotations = await db
    .selectFrom('programme_rotations')
    .selectAll()
    .where('activity_id', 'in', [...activityIds])
    .execute();
  const resources = await db
    .selectFrom('part_resources')
    .innerJoin('resources', 'resources.id', 'part_resources.resource_id')
    .select(['part_resources.part_id', 'part_resources.resource_id', 'part_resources.buffer_minutes', 'resources.name'])
    .where(
      'part_resources.part_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('resources.name')
    .execute();
  for (const row of rows) {
    const part: ProgrammePart = {
      id: row.id,
      activityId: row.activity_id,
      position: row.position,
      title: { nl: row.title_nl, en: row.title_en },
      offsetMinutes: row.offset_minutes,
      durationMinutes: row.duration_minutes,
      partActivityId: row.part_activity_id,
      resources: resources
        .filter((r) => r.part_id === row.id)
        .map((r) => ({ resourceId: r.resource_id, name: r.name, bufferMinutes: r.buffer_minutes })),
      subgroupSize: row.rotates ? (rotations.find((r) => r.activity_id === row.activity_id)?.subgroup_size ?? null) : null,
    };
    parts.set(row.activity_id, [...(parts.get(row.activity_id) ?? []), part]);
  }
  return parts;
}

/** The subgroup size of a programme that splits larger groups (programme_rotations), or null. */
export async function findSubgroupSize(db: Executor, activityId: string): Promise<number | null> {
  const row = await db.selectFrom('programme_rotations').select('subgroup_size').where('activity_id', '=', activityId).executeTakeFirst();
  return row?.subgroup_size ?? null;
}

/**
 * Sets a programme's rotation: groups larger than `subgroupSize` split into subgroups that take
 * turns at the parts `rotating`; with null, none (every part done together).
 */
export async function saveRotation(trx: Tx, activityId: string, subgroupSize: number | null, rotating: readonly string[]): Promise<void> {
  await trx.updateTable('programme_parts').set({ rotates: 0 }).where('activity_id', '=', activityId).execute();
  if (subgroupSize === null) {
    await trx.deleteFrom('programme_rotations').where('activity_id', '=', activityId).execute();
    return;
  }
  if (rotating.length > 0) {
    await trx
      .updateTable('programme_parts')
      .set({ rotates: 1 })
      .where('activity_id', '=', activityId)
      .where('id', 'in', [...rotating])
      .execute();
  }
  await trx
    .insertInto('programme_rotations')
    .values({ activity_id: activityId, subgroup_size: subgroupSize })
    .onConflict((oc) => oc.column('activity_id').doUpdateSet({ subgroup_size: subgroupSize }))
    .execute();
}

/** Writes a part (taken in turns when it has a subgroup size) and the resources it uses (replacing those it used). */
export async function savePart(trx: Tx, part: ProgrammePart, createdAt: string): Promise<void> {
  const values = {
    activity_id: part.activityId,
    position: part.position,
    title_nl: part.title.nl,
    title_en: part.title.en,
    offset_minutes: part.offsetMinutes,
    duration_minutes: part.durationMinutes,
    part_activity_id: part.partActivityId,
    rotates: part.subgroupSize === null ? 0 : 1,
  };
  await trx
    .insertInto('programme_parts')
    .values({ id: part.id, ...values, created_at: createdAt })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  await trx.deleteFrom('part_resources').where('part_id', '=', part.id).execute();
  if (part.resources.length === 0) return;
  await trx
    .insertInto('part_resources')
    .values(part.resources.map((r) => ({ part_id: part.id, resource_id: r.resourceId, buffer_minutes: r.bufferMinutes })))
    .execute();
}

/** Deletes a part, its resources and the bookings' moves of it. */
export async function deletePart(trx: Tx, activityId: string, partId: string): Promise<void> {
  await trx.deleteFrom('booking_part_move_resources').where('part_id', '=', partId).execute();
  await trx.deleteFrom('booking_part_moves').where('part_id', '=', partId).execute();
  await trx.deleteFrom('part_resources').where('part_id', '=', partId).execute();
  await trx.deleteFrom('programme_parts').where('activity_id', '=', activityId).where('id', '=', partId).execute();
}

/**
 * Every resource a programme's bookings may hold: those of its parts, and those its bookings'
 * moved parts use. A change of one part can change what the others hold (a rotating part's time is
 * a turn of every rotating part; one part fewer in turns makes larger subgroups), so such a change
 * is checked against all of them.
 */
export async function programmeResourceIds(db: Executor, activityId: string): Promise<string[]> {
  const planned = await db
    .selectFrom('part_resources')
    .innerJoin('programme_parts', 'programme_parts.id', 'part_resources.part_id')
    .select('part_resources.resource_id')
    .where('programme_parts.activity_id', '=', activityId)
    .execute();
  const moved = await db
    .selectFrom('booking_part_move_resources')
    .innerJoin('programme_parts', 'programme_parts.id', 'booking_part_move_resources.part_id')
    .select('booking_part_move_resources.resource_id')
    .where('programme_parts.activity_id', '=', activityId)
    .execute();
  return [...new Set([...planned, ...moved].map((row) => row.resource_id))];
}
