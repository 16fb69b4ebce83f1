import type { ExpressionBuilder, Selectable } from 'kysely';
import { lockRow } from '../../db/lock-row.js';
import type { Database, Executor, ResourceTable, Tx } from '../../db/schema.js';
import { jsonArrayOf, rowsOfJsonArray } from '../../db/json-array.js';
import { prepared } from '../../db/prepared-query.js';
import { HOLDING_STATUSES } from '../shared/booking-status.js';
import { listPartMoves, programmesMovedOnto } from './part-move.repository.js';
import type { PartMove, ProgrammePart } from './programme.js';
import { listProgrammeParts } from './programme.repository.js';
import { type Resource, type ResourceKind, type ResourceUse, type SlotResource, type Turns, useWindow } from './resource.js';
import { resourceTimes } from './rotation.js';

/** The longest changeover buffer a link may add (a day): how far around a time other uses are read. */
export const MAX_BUFFER_MINUTES = 24 * 60;

/**
 * A slot's uses of resources end within this after its start: a part begins less than a day after
 * it, a part (or slot) lasts at most a day, its buffer at most a day.
 */
export const USES_END_WITHIN_MINUTES = 3 * 24 * 60;

/** The slot fields what its resources hold is read with. */
export interface SlotTime {
  id: string;
  activityId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Whether the slot's activity uses any resource (for its whole slots or in a programme's part), as
 * a column of the query that reads the slot: an activity that uses none costs no further query.
 */
export function usesResources(eb: ExpressionBuilder<Database, 'slots'>) {
  return eb.or([
    eb.exists(
      eb.selectFrom('activity_resources').select('resource_id').whereRef('activity_resources.activity_id', '=', 'slots.activity_id'),
    ),
    eb.exists(
      eb
        .selectFrom('programme_parts')
        .innerJoin('part_resources', 'part_resources.part_id', 'programme_parts.id')
        .select('part_resources.resource_id')
        .whereRef('programme_parts.activity_id', '=', 'slots.activity_id'),
    ),
  ]);
}

/**
 * The resources a slot's bookings hold, in one query: those its activity uses (for its whole slots
 * or in a programme's part) and those staff moved a part of a booking on it onto. None for most
 * activities, which then cost no further query.
 */
export async function slotResourceIds(db: Executor, slot: Pick<SlotTime, 'id' | 'activityId'>): Promise<string[]> {
  return resourceIdsOf(await resourceIdsOfSlot.rows(db, { slotId: slot.id, activityId: slot.activityId }));
}

/**
 * The resources slotResourceIds finds, as a column of another query (a JSON array of text; read it
 * with slotResourceIdsIn): a booking reads them with what else it reads under the slot's lock.
 */
export function slotResourceIdsColumn(db: Executor, slot: { slotId: string; activityId: string }) {
  return jsonArrayOf(db, selectSlotResourceIds(db, slot));
}

/** The ids of a slotResourceIdsColumn. */
export function slotResourceIdsIn(column: { resource_id: string }[] | string): string[] {
  return resourceIdsOf(rowsOfJsonArray(column));
}

function resourceIdsOf(rows: { resource_id: string }[]): string[] {
  return rows.map((row) => row.resource_id);
}

function selectSlotResourceIds(db: Executor, p: { slotId: string; activityId: string }) {
  return db
    .selectFrom('activity_resources')
    .select('resource_id')
    .where('activity_id', '=', p.activityId)
    .union(
      db
        .selectFrom('part_resources')
        .innerJoin('programme_parts', 'programme_parts.id', 'part_resources.part_id')
        .select('part_resources.resource_id')
        .where('programme_parts.activity_id', '=', p.activityId),
    )
    .union(
      db
        .selectFrom('booking_part_move_resources')
        .innerJoin('bookings', 'bookings.id', 'booking_part_move_resources.booking_id')
        .select('booking_part_move_resources.resource_id')
        .where('bookings.slot_id', '=', p.slotId)
        // Only a programme's parts are moved: for an activity without parts the slot's bookings are
        // not scanned at all (an uncorrelated condition, checked once). A booking runs this under
        // its slot's lock, and a popular slot holds hundreds of bookings.
        .where((eb) => eb.exists(eb.selectFrom('programme_parts').select('id').where('programme_parts.activity_id', '=', p.activityId))),
    );
}

const resourceIdsOfSlot = prepared(selectSlotResourceIds);

/** A resource an activity uses, with the link's changeover buffer: for its whole slots, or for one part of a programme. */
export interface ResourceLink {
  activityId: string;
  resourceId: string;
  bufferMinutes: number;
  part?: { id: string; offsetMinutes: number; durationMinutes: number; turns?: Turns };
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

/**
 * The resources the activities use, by resource id then activity: their own links (the whole slot)
 * and those of their programme parts (the part's time within the slot).
 */
export async function listResourceLinks(
  db: Executor,
  by: { activityIds: readonly string[] } | { resourceIds: readonly string[] },
): Promise<ResourceLink[]> {
  const ids = 'activityIds' in by ? by.activityIds : by.resourceIds;
  if (ids.length === 0) return [];
  let whole = db.selectFrom('activity_resources').selectAll();
  let parts = db
    .selectFrom('part_resources')
    .innerJoin('programme_parts', 'programme_parts.id', 'part_resources.part_id')
    .select([
      'programme_parts.activity_id',
      'part_resources.resource_id',
      'part_resources.buffer_minutes',
      'programme_parts.id as part_id',
      'programme_parts.offset_minutes',
      'programme_parts.duration_minutes',
      'programme_parts.rotates',
    ]);
  if ('resourceIds' in by) {
    whole = whole.where('resource_id', 'in', [...ids]);
    parts = parts.where('part_resources.resource_id', 'in', [...ids]);
  } else {
    whole = whole.where('activity_id', 'in', [...ids]);
    parts = parts.where('programme_parts.activity_id', 'in', [...ids]);
  }
  const links: ResourceLink[] = (await whole.execute()).map((row) => ({
    activityId: row.activity_id,
    resourceId: row.resource_id,
    bufferMinutes: row.buffer_minutes,
  }));
  const partRows = await parts.execute();
  const turns = await turnsOf(db, [...new Set(partRows.filter((row) => row.rotates).map((row) => row.activity_id))]);
  for (const row of partRows) {
    const rotation = row.rotates ? turns.get(row.activity_id) : undefined;
    links.push({
      activityId: row.activity_id,
      resourceId: row.resource_id,
      bufferMinutes: row.buffer_minutes,
      part: {
        id: row.part_id,
        offsetMinutes: row.offset_minutes,
        durationMinutes: row.duration_minutes,
        ...(rotation && { turns: rotation }),
      },
    });
  }
  return links.sort(
    (a, b) =>
      a.resourceId.localeCompare(b.resourceId) ||
      a.activityId.localeCompare(b.activityId) ||
      (a.part?.offsetMinutes ?? -1) - (b.part?.offsetMinutes ?? -1),
  );
}

/** The rotations of the programmes among the activities that split groups (two rotating parts or more), by activity. */
async function turnsOf(db: Executor, activityIds: readonly string[]): Promise<Map<string, Turns>> {
  const turns = new Map<string, Turns>();
  if (activityIds.length === 0) return turns;
  const rows = await db
    .selectFrom('programme_parts')
    .innerJoin('programme_rotations', 'programme_rotations.activity_id', 'programme_parts.activity_id')
    .select(['programme_parts.activity_id', 'offset_minutes', 'duration_minutes', 'subgroup_size'])
    .where('programme_parts.activity_id', 'in', [...activityIds])
    .where('rotates', '=', 1)
    .execute();
  for (const id of activityIds) {
    const own = rows.filter((row) => row.activity_id === id);
    if (own.length < 2) continue;
    turns.set(id, {
      startsMinutes: own.map((row) => row.offset_minutes).sort((a, b) => a - b),
      durationMinutes: own[0]!.duration_minutes,
      subgroupSize: own[0]!.subgroup_size,
    });
  }
  return turns;
}

/** A group holding places on a slot: its persons and the parts staff moved for it. */
interface BookedGroup {
  persons: number;
  moves: PartMove[];
}

/**
 * The groups on the slots whose uses depend on each group, not only on the slot's totals: those of
 * a programme that splits groups into rotating subgroups (`rotating`), and those holding a booking
 * with a moved part. By slot id; other slots are absent. The slot's own totals stay what counts:
 * places taken but not yet on a booking row (a booking being placed, a group growing) are one more
 * group of that many persons, as planned.
 */
async function groupsOn(
  db: Executor,
  slots: readonly { id: string; activity_id: string; booked_persons: number }[],
  programmeIds: readonly string[],
  rotating: ReadonlySet<string>,
  bounds: { from: Date; to: Date },
): Promise<Map<string, BookedGroup[]>> {
  const groups = new Map<string, BookedGroup[]>();
  if (programmeIds.length === 0) return groups;
  const bookings = await db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select(['bookings.id', 'bookings.slot_id', 'bookings.group_size', 'slots.activity_id'])
    .where('slots.activity_id', 'in', [...programmeIds])
    .where('bookings.status', 'in', HOLDING_STATUSES)
    .where('slots.starts_at', '<', bounds.to.toISOString())
    .where('slots.starts_at', '>', bounds.from.toISOString())
    // Every group of a slot where one moved a part: the others count as groups of their own too.
    .where((eb) => {
      const moved = eb.exists(
        eb
          .selectFrom('booking_part_moves')
          .innerJoin('bookings as moving', 'moving.id', 'booking_part_moves.booking_id')
          .select('booking_part_moves.part_id')
          .whereRef('moving.slot_id', '=', 'bookings.slot_id'),
      );
      return rotating.size === 0 ? moved : eb.or([eb('slots.activity_id', 'in', [...rotating]), moved]);
    })
    .execute();
  const moves = await listPartMoves(db, { activityIds: programmeIds, ...bounds });
  const bySlot = new Map<string, typeof bookings>();
  for (const booking of bookings) bySlot.set(booking.slot_id, [...(bySlot.get(booking.slot_id) ?? []), booking]);
  // A rotating programme's slots all, its places taken before a booking row holds them included.
  for (const slot of slots) {
    const own = bySlot.get(slot.id) ?? [];
    if (!rotating.has(slot.activity_id) && own.length === 0) continue;
    const onSlot = own.map((booking) => ({ persons: booking.group_size, moves: moves.get(booking.id) ?? [] }));
    const pending = slot.booked_persons - own.reduce((sum, booking) => sum + booking.group_size, 0);
    if (pending > 0) onSlot.push({ persons: pending, moves: [] });
    groups.set(slot.id, onSlot);
  }
  return groups;
}

/**
 * The booked uses of the resources that reach into [from, to): every slot holding a group of an
 * activity (or programme part) linked to one of them, for its time of use plus the link's buffer,
 * by start. Cancelled and expired bookings have given their places back to the slot, so they hold
 * nothing here either.
 */
export async function listResourceUses(
  db: Executor,
  resourceIds: readonly string[],
  from: Date,
  to: Date,
): Promise<Map<string, ResourceUse[]>> {
  const uses = new Map<string, ResourceUse[]>(resourceIds.map((id) => [id, []]));
  if (resourceIds.length === 0) return uses;
  const links = await listResourceLinks(db, { resourceIds });
  // Programmes whose parts a booking moved onto one of the resources use it too.
  const movedOnto = await programmesMovedOnto(db, resourceIds);
  const programmeIds = [...new Set([...links.filter((link) => link.part).map((link) => link.activityId), ...movedOnto])];
  const activityIds = [...new Set([...links.map((link) => link.activityId), ...programmeIds])];
  // A slot lasts at most a day and a buffer at most a day: one that starts earlier cannot reach `from`.
  const bounds = { from: new Date(from.getTime() - 2 * MAX_BUFFER_MINUTES * 60_000), to };
  const rows =
    activityIds.length === 0
      ? []
      : await db
          .selectFrom('slots')
          .select(['id', 'activity_id', 'starts_at', 'ends_at', 'booked_persons', 'booked_groups'])
          .where('activity_id', 'in', activityIds)
          .where('booked_groups', '>', 0)
          .where('starts_at', '<', bounds.to.toISOString())
          .where('starts_at', '>', bounds.from.toISOString())
          .execute();
  const rotating = new Set(links.filter((link) => link.part?.turns).map((link) => link.activityId));
  const groups = await groupsOn(db, rows, programmeIds, rotating, bounds);
  const programmes = groups.size > 0 ? await listProgrammeParts(db, programmeIds) : new Map<string, ProgrammePart[]>();
  const add = (resourceId: string, use: ResourceUse) => {
    if (use.endsAt > from && use.startsAt < to) uses.get(resourceId)?.push(use);
  };
  for (const row of rows) {
    const startsAt = new Date(row.starts_at);
    const endsAt = new Date(row.ends_at);
    const onSlot = groups.get(row.id);
    for (const link of links) {
      // The parts of a slot whose groups differ are read per group below.
      if (link.activityId !== row.activity_id || (onSlot && link.part)) continue;
      const window = useWindow(startsAt, endsAt, link);
      add(link.resourceId, {
        slotId: row.id,
        startsAt: window.from,
        usedUntil: window.until,
        endsAt: window.heldUntil,
        persons: row.booked_persons,
        groups: row.booked_groups,
      });
    }
    for (const group of onSlot ?? []) {
      for (const time of resourceTimes(programmes.get(row.activity_id)!, group.moves, startsAt, group.persons)) {
        add(time.resourceId, {
          slotId: row.id,
          startsAt: time.startsAt,
          usedUntil: time.endsAt,
          endsAt: time.heldUntil,
          persons: time.persons,
          groups: 1,
        });
      }
    }
  }
  for (const list of uses.values()) list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return uses;
}

/**
 * The resources each slot uses (for the whole slot, or for a part of a programme), with the booked
 * uses around each time of use: one read of links, resources and uses for all the slots. Slots of
 * activities without resources are absent.
 */
export async function slotResourcesOf(db: Executor, slots: readonly SlotTime[]): Promise<Map<string, SlotResource[]>> {
  const result = new Map<string, SlotResource[]>();
  const links = await listResourceLinks(db, { activityIds: [...new Set(slots.map((slot) => slot.activityId))] });
  if (links.length === 0) return result;
  // From the first slot's start to the last time one holds a resource: a programme's part may end
  // after its slot (its offset and duration are its own), its buffer after that.
  const windows = slots.flatMap((slot) =>
    links.filter((link) => link.activityId === slot.activityId).map((link) => useWindow(slot.startsAt, slot.endsAt, link)),
  );
  if (windows.length === 0) return result;
  const from = new Date(Math.min(...windows.map((window) => window.from.getTime())));
  const to = new Date(Math.max(...windows.map((window) => window.heldUntil.getTime())));
  const resourceIds = [...new Set(links.map((link) => link.resourceId))];
  const resources = await findResources(db, resourceIds, from);
  const uses = await listResourceUses(db, resourceIds, from, to);
  for (const slot of slots) {
    const own = links.filter((link) => link.activityId === slot.activityId);
    if (own.length === 0) continue;
    result.set(
      slot.id,
      own.map((link) => {
        const window = useWindow(slot.startsAt, slot.endsAt, link);
        const start = window.from.getTime();
        const end = window.heldUntil.getTime();
        const around: ResourceUse[] = [];
        // The uses come by start: those starting at the window's end or later cannot overlap it.
        for (const use of uses.get(link.resourceId)!) {
          if (use.startsAt.getTime() >= end) break;
          if (use.endsAt.getTime() > start) around.push(use);
        }
        return { resource: resources.get(link.resourceId)!, ...window, uses: around };
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
