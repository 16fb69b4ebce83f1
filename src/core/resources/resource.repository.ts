import type { Selectable } from 'kysely';
import { lockRow } from '../../db/lock-row.js';
import type { Executor, ResourceTable, Tx } from '../../db/schema.js';
import { heldWindow, type Resource, type ResourceKind, type ResourceUse, type SlotResource } from './resource.js';

/** The longest changeover buffer a link may add (a day): how far around a time other uses are read. */
export const MAX_BUFFER_MINUTES = 24 * 60;

/** The slot fields what its resources hold is read with. */
export interface SlotTime {
  id: string;
  activityId: string;
  startsAt: Date;
  endsAt: Date;
}

/** A resource an activity uses, with the link's changeover buffer. */
export interface ResourceLink {
  activityId: string;
  resourceId: string;
  bufferMinutes: number;
}

async function readResources(db: Executor, rows: Selectable<ResourceTable>[], closuresFrom: Date): Promise<Map<string, Resource>> {
  const resources = new Map<string, Resource>(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        venueId: row.venue_id,
        name: row.name,
        kind: row.kind as ResourceKind,
        capacity: row.capacity,
        hours: [],
        closures: [],
      },
    ]),
  );
  if (resources.size === 0) return resources;
  const ids = [...resources.keys()];
  const hours = await db.selectFrom('resource_hours').selectAll().where('resource_id', 'in', ids).orderBy('weekday').execute();
  for (const row of hours) resources.get(row.resource_id)!.hours.push({ weekday: row.weekday, opens: row.opens, closes: row.closes });
  const closures = await db
    .selectFrom('resource_closures')
    .selectAll()
    .where('resource_id', 'in', ids)
    .where('ends_at', '>', closuresFrom.toISOString())
    .orderBy('starts_at')
    .execute();
  for (const row of closures) {
    resources.get(row.resource_id)!.closures.push({
      id: row.id,
      startsAt: new Date(row.starts_at),
      endsAt: new Date(row.ends_at),
      reason: row.reason,
    });
  }
  return resources;
}

/** Resources by id, with their hours and the closures that end after `closuresFrom`. */
export async function findResources(db: Executor, ids: readonly string[], closuresFrom: Date): Promise<Map<string, Resource>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('resources')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return readResources(db, rows, closuresFrom);
}

/** A venue's resources by name, with hours and the closures that end after `closuresFrom`. */
export async function listVenueResources(db: Executor, venueIds: readonly string[] | 'all', closuresFrom: Date): Promise<Resource[]> {
  let query = db.selectFrom('resources').selectAll();
  if (venueIds !== 'all') {
    if (venueIds.length === 0) return [];
    query = query.where('venue_id', 'in', [...venueIds]);
  }
  const rows = await query.orderBy('name').orderBy('id').execute();
  return [...(await readResources(db, rows, closuresFrom)).values()];
}

/** The resources the activities use, by resource id then activity. */
export async function listResourceLinks(
  db: Executor,
  by: { activityIds: readonly string[] } | { resourceId: string },
): Promise<ResourceLink[]> {
  let query = db.selectFrom('activity_resources').selectAll();
  if ('resourceId' in by) query = query.where('resource_id', '=', by.resourceId);
  else if (by.activityIds.length === 0) return [];
  else query = query.where('activity_id', 'in', [...by.activityIds]);
  const rows = await query.orderBy('resource_id').orderBy('activity_id').execute();
  return rows.map((row) => ({ activityId: row.activity_id, resourceId: row.resource_id, bufferMinutes: row.buffer_minutes }));
}

/**
 * The booked uses of the resources over [from, to): every slot of an activity linked to one of them
 * that holds a group, for its time plus its link's buffer. Cancelled and expired bookings have
 * given their places back to the slot, so they hold nothing here either.
 */
export async function listResourceUses(
  db: Executor,
  resourceIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, ResourceUse[]>> {
  const uses = new Map<string, ResourceUse[]>(resourceIds.map((id) => [id, []]));
  if (resourceIds.length === 0) return uses;
  const rows = await db
    .selectFrom('slots')
    .innerJoin('activity_resources', 'activity_resources.activity_id', 'slots.activity_id')
    .select([
      'slots.id',
      'slots.starts_at',
      'slots.ends_at',
      'slots.booked_persons',
      'slots.booked_groups',
      'activity_resources.resource_id',
      'activity_resources.buffer_minutes',
    ])
    .where('activity_resources.resource_id', 'in', [...resourceIds])
    .where('slots.booked_groups', '>', 0)
    .where('slots.starts_at', '<', to.toISOString())
    // A slot lasts at most a day and its buffer at most a day: one that starts earlier cannot reach `from`.
    .where('slots.starts_at', '>', new Date(from.getTime() - 2 * MAX_BUFFER_MINUTES * 60_000).toISOString())
    .where('slots.ends_at', '>', new Date(from.getTime() - MAX_BUFFER_MINUTES * 60_000).toISOString())
    .orderBy('slots.starts_at')
    .execute();
  for (const row of rows) {
    const [startsAt, endsAt] = heldWindow(new Date(row.starts_at), new Date(row.ends_at), row.buffer_minutes);
    if (endsAt <= from) continue;
    uses.get(row.resource_id)!.push({
      slotId: row.id,
      startsAt,
      endsAt,
      slotEndsAt: new Date(row.ends_at),
      persons: row.booked_persons,
      groups: row.booked_groups,
    });
  }
  return uses;
}

/**
 * The resources each slot uses, with the booked uses around its time: one read of links, resources
 * and uses for all the slots. Slots of activities without resources are absent.
 */
export async function slotResourcesOf(db: Executor, slots: readonly SlotTime[]): Promise<Map<string, SlotResource[]>> {
  const result = new Map<string, SlotResource[]>();
  const links = await listResourceLinks(db, { activityIds: [...new Set(slots.map((slot) => slot.activityId))] });
  if (links.length === 0) return result;
  const from = new Date(Math.min(...slots.map((slot) => slot.startsAt.getTime())));
  const to = new Date(Math.max(...slots.map((slot) => slot.endsAt.getTime())) + MAX_BUFFER_MINUTES * 60_000);
  const resourceIds = [...new Set(links.map((link) => link.resourceId))];
  const resources = await findResources(db, resourceIds, from);
  const uses = await listResourceUses(db, resourceIds, from, to);
  for (const slot of slots) {
    const own = links.filter((link) => link.activityId === slot.activityId);
    if (own.length === 0) continue;
    result.set(
      slot.id,
      own.map((link) => {
        const [start, end] = heldWindow(slot.startsAt, slot.endsAt, link.bufferMinutes).map((instant) => instant.getTime()) as [number, number];
        const around: ResourceUse[] = [];
        // The uses come by start: those starting at the window's end or later cannot overlap it.
        for (const use of uses.get(link.resourceId)!) {
          if (use.startsAt.getTime() >= end) break;
          if (use.endsAt.getTime() > start) around.push(use);
        }
        return { resource: resources.get(link.resourceId)!, bufferMinutes: link.bufferMinutes, uses: around };
      }),
    );
  }
  return result;
}

/**
 * Locks the resources until the transaction ends, in id order (the order every transaction takes
 * them in, after the slot's row), so that two bookings of slots sharing a resource read what it
 * holds one after the other.
 */
export async function lockResources(trx: Tx, ids: readonly string[]): Promise<void> {
  for (const id of [...ids].sort()) await lockRow(trx, 'resources', id);
}
