import type { Translated } from '../catalog/activity.js';
import type { Executor } from '../../db/schema.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { useWindow } from './resource.js';
import { listResourceLinks, MAX_BUFFER_MINUTES } from './resource.repository.js';

/** A booking of a slot on a resource's planning: enough to name it and open it. */
export interface PlannedBooking {
  id: string;
  reference: string;
  status: BookingStatus;
  groupSize: number;
  organisation: string;
  name: string;
}

/** A slot of an activity linked to the resource, with the time it holds the resource and its bookings. */
export interface PlannedSlot {
  id: string;
  activityId: string;
  activityTitle: Translated;
  /** The programme's part that uses the resource, when it is a part's time. */
  partTitle?: Translated;
  /** When it uses the resource: the slot's time, or its programme part's. */
  startsAt: Date;
  endsAt: Date;
  bufferMinutes: number;
  /** Its end plus the link's changeover buffer: until when it holds the resource (when booked). */
  heldUntil: Date;
  capacity: number;
  bookedPersons: number;
  bookedGroups: number;
  bookings: PlannedBooking[];
}

/**
 * The slots of the activities (and programme parts) that use the resource and whose time of use
 * plus buffer overlaps [from, to), in time order, with their activity's title (and the part's, for
 * a programme) and every booking of them (cancelled ones included, with their status).
 */
export async function listPlannedSlots(db: Executor, resourceId: string, from: Date, to: Date): Promise<PlannedSlot[]> {
  const links = await listResourceLinks(db, { resourceIds: [resourceId] });
  if (links.length === 0) return [];
  const rows = await db
    .selectFrom('slots')
    .innerJoin('activities', 'activities.id', 'slots.activity_id')
    .select([
      'slots.id',
      'slots.activity_id',
      'slots.starts_at',
      'slots.ends_at',
      'slots.capacity',
      'slots.booked_persons',
      'slots.booked_groups',
      'activities.title_nl',
      'activities.title_en',
    ])
    .where('slots.activity_id', 'in', [...new Set(links.map((link) => link.activityId))])
    .where('slots.starts_at', '<', to.toISOString())
    // A slot lasts at most a day and a buffer at most a day: one that starts earlier cannot reach `from`.
    .where('slots.starts_at', '>', new Date(from.getTime() - 2 * MAX_BUFFER_MINUTES * 60_000).toISOString())
    .orderBy('slots.starts_at')
    .orderBy('activities.title_nl')
    .orderBy('slots.id')
    .execute();
  const partIds = links.flatMap((link) => (link.part ? [link.part.id] : []));
  const partTitles = new Map(
    partIds.length === 0
      ? []
      : (await db.selectFrom('programme_parts').select(['id', 'title_nl', 'title_en']).where('id', 'in', partIds).execute()).map((row) => [
          row.id,
          { nl: row.title_nl, en: row.title_en },
        ]),
  );
  const slots: PlannedSlot[] = [];
  for (const row of rows) {
    for (const link of links) {
      if (link.activityId !== row.activity_id) continue;
      const window = useWindow(new Date(row.starts_at), new Date(row.ends_at), link);
      if (window.heldUntil <= from || window.from >= to) continue;
      const part = link.part && partTitles.get(link.part.id);
      slots.push({
        id: row.id,
        activityId: row.activity_id,
        activityTitle: { nl: row.title_nl, en: row.title_en },
        ...(part && { partTitle: part }),
        startsAt: window.from,
        endsAt: window.until,
        bufferMinutes: link.bufferMinutes,
        heldUntil: window.heldUntil,
        capacity: row.capacity,
        bookedPersons: row.booked_persons,
        bookedGroups: row.booked_groups,
        bookings: [],
      });
    }
  }
  slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  if (slots.length === 0) return slots;
  const bookings = await db
    .selectFrom('bookings')
    .select(['id', 'slot_id', 'reference', 'status', 'group_size', 'organisation', 'organiser_name'])
    .where(
      'slot_id',
      'in',
      slots.map((slot) => slot.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of bookings) {
    for (const slot of slots.filter((s) => s.id === row.slot_id)) {
      slot.bookings.push({
        id: row.id,
        reference: row.reference,
        status: row.status as BookingStatus,
        groupSize: row.group_size,
        organisation: row.organisation,
        name: row.organiser_name,
      });
    }
  }
  return slots;
}
