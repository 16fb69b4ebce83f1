import type { Translated } from '../catalog/activity.js';
import type { Executor } from '../../db/schema.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { heldWindow } from './resource.js';
import { MAX_BUFFER_MINUTES } from './resource.repository.js';

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
 * The slots of the activities linked to the resource whose time plus buffer overlaps [from, to),
 * in time order, with their activity's title and every booking of them (cancelled ones included,
 * with their status).
 */
export async function listPlannedSlots(db: Executor, resourceId: string, from: Date, to: Date): Promise<PlannedSlot[]> {
  const rows = await db
    .selectFrom('slots')
    .innerJoin('activity_resources', 'activity_resources.activity_id', 'slots.activity_id')
    .innerJoin('activities', 'activities.id', 'slots.activity_id')
    .select([
      'slots.id',
      'slots.activity_id',
      'slots.starts_at',
      'slots.ends_at',
      'slots.capacity',
      'slots.booked_persons',
      'slots.booked_groups',
      'activity_resources.buffer_minutes',
      'activities.title_nl',
      'activities.title_en',
    ])
    .where('activity_resources.resource_id', '=', resourceId)
    .where('slots.starts_at', '<', to.toISOString())
    .where('slots.ends_at', '>', new Date(from.getTime() - MAX_BUFFER_MINUTES * 60_000).toISOString())
    .orderBy('slots.starts_at')
    .orderBy('activities.title_nl')
    .orderBy('slots.id')
    .execute();
  const slots: PlannedSlot[] = [];
  for (const row of rows) {
    const [startsAt, heldUntil] = heldWindow(new Date(row.starts_at), new Date(row.ends_at), row.buffer_minutes);
    if (heldUntil <= from) continue;
    slots.push({
      id: row.id,
      activityId: row.activity_id,
      activityTitle: { nl: row.title_nl, en: row.title_en },
      startsAt,
      endsAt: new Date(row.ends_at),
      bufferMinutes: row.buffer_minutes,
      heldUntil,
      capacity: row.capacity,
      bookedPersons: row.booked_persons,
      bookedGroups: row.booked_groups,
      bookings: [],
    });
  }
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
    slots
      .find((slot) => slot.id === row.slot_id)!
      .bookings.push({
        id: row.id,
        reference: row.reference,
        status: row.status as BookingStatus,
        groupSize: row.group_size,
        organisation: row.organisation,
        name: row.organiser_name,
      });
  }
  return slots;
}
