import { lockRow } from '../../db/lock-row.js';
import type { Tx } from '../../db/schema.js';
import type { Closure, OpeningHours, Resource } from './resource.js';
import { MAX_BUFFER_MINUTES, type ResourceLink } from './resource.repository.js';

export async function insertResource(trx: Tx, resource: Resource, createdAt: string): Promise<void> {
  await trx
    .insertInto('resources')
    .values({
      id: resource.id,
      venue_id: resource.venueId,
      name: resource.name,
      kind: resource.kind,
      capacity: resource.capacity,
      created_at: createdAt,
    })
    .execute();
}

export async function updateResource(trx: Tx, resource: Resource): Promise<void> {
  await trx
    .updateTable('resources')
    .set({ name: resource.name, kind: resource.kind, capacity: resource.capacity })
    .where('id', '=', resource.id)
    .execute();
}

export async function replaceHours(trx: Tx, resourceId: string, hours: readonly OpeningHours[]): Promise<void> {
  await trx.deleteFrom('resource_hours').where('resource_id', '=', resourceId).execute();
  if (hours.length === 0) return;
  await trx
    .insertInto('resource_hours')
    .values(hours.map((day) => ({ resource_id: resourceId, weekday: day.weekday, opens: day.opens, closes: day.closes })))
    .execute();
}

export async function insertClosure(trx: Tx, resourceId: string, closure: Closure, createdAt: string): Promise<void> {
  await trx
    .insertInto('resource_closures')
    .values({
      id: closure.id,
      resource_id: resourceId,
      starts_at: closure.startsAt.toISOString(),
      ends_at: closure.endsAt.toISOString(),
      reason: closure.reason,
      created_at: createdAt,
    })
    .execute();
}

export async function deleteClosure(trx: Tx, resourceId: string, closureId: string): Promise<void> {
  await trx.deleteFrom('resource_closures').where('resource_id', '=', resourceId).where('id', '=', closureId).execute();
}

/** Links an activity to the resource, or sets the buffer of its link. */
export async function saveResourceLink(trx: Tx, link: ResourceLink): Promise<void> {
  await trx
    .insertInto('activity_resources')
    .values({ activity_id: link.activityId, resource_id: link.resourceId, buffer_minutes: link.bufferMinutes })
    .onConflict((oc) => oc.columns(['activity_id', 'resource_id']).doUpdateSet({ buffer_minutes: link.bufferMinutes }))
    .execute();
}

export async function deleteResourceLink(trx: Tx, resourceId: string, activityId: string): Promise<void> {
  await trx.deleteFrom('activity_resources').where('resource_id', '=', resourceId).where('activity_id', '=', activityId).execute();
}

/**
 * Locks the activity's slots held after `from` (their buffer included) until the transaction ends:
 * waits for the bookings taking places on them now, so that what they took can be read after.
 */
export async function lockSlotsAfter(trx: Tx, activityId: string, from: Date): Promise<void> {
  const slots = await trx
    .selectFrom('slots')
    .select('id')
    .where('activity_id', '=', activityId)
    .where('ends_at', '>', new Date(from.getTime() - 2 * MAX_BUFFER_MINUTES * 60_000).toISOString())
    .orderBy('id')
    .execute();
  // One at a time in id order, so that two changes of one activity's use cannot wait on each other.
  for (const slot of slots) await lockRow(trx, 'slots', slot.id);
}
