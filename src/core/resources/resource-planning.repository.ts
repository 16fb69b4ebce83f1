import type { Translated } from '../catalog/activity.js';
import type { Executor } from '../../db/schema.js';
import { type BookingStatus, HOLDS_PLACES } from '../shared/booking-status.js';
import { listPartMoves, programmesMovedOnto } from './part-move.repository.js';
import { listProgrammeParts } from './programme.repository.js';
import { useWindow } from './resource.js';
import { listResourceLinks, MAX_BUFFER_MINUTES } from './resource.repository.js';
import { resourceTimes, rotates } from './rotation.js';

/** A booking of a slot on a resource's planning: enough to name it and open it. */
export interface PlannedBooking {
  id: string;
  reference: string;
  status: BookingStatus;
  /** The persons it has at the resource then: the group's, or its subgroup's. */
  groupSize: number;
  organisation: string;
  name: string;
  /** Which of its subgroups (from 1) is there, for a group split into subgroups taking turns. */
  subgroup?: number;
  /** Staff moved this part for the booking (to this time or resource). */
  moved?: boolean;
}

/** A slot of an activity linked to the resource, with the time it holds the resource and its bookings (what they take of the resource's capacity). */
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
  // Programmes some of whose bookings had a part moved onto the resource use it too.
  const movedOnto = await programmesMovedOnto(db, [resourceId]);
  const activityIds = [...new Set([...links.map((link) => link.activityId), ...movedOnto])];
  if (activityIds.length === 0) return [];
  const rows = await db
    .selectFrom('slots')
    .innerJoin('activities', 'activities.id', 'slots.activity_id')
    .select([
      'slots.id',
      'slots.activity_id',
      'slots.starts_at',
      'slots.ends_at',
      'slots.booked_persons',
      'slots.booked_groups',
      'activities.title_nl',
      'activities.title_en',
    ])
    .where('slots.activity_id', 'in', activityIds)
    .where('slots.starts_at', '<', to.toISOString())
    // A slot lasts at most a day and a buffer at most a day: one that starts earlier cannot reach `from`.
    .where('slots.starts_at', '>', new Date(from.getTime() - 2 * MAX_BUFFER_MINUTES * 60_000).toISOString())
    .orderBy('slots.starts_at')
    .orderBy('activities.title_nl')
    .orderBy('slots.id')
    .execute();
  if (rows.length === 0) return [];
  const bookings = await db
    .selectFrom('bookings')
    .select(['id', 'slot_id', 'reference', 'status', 'group_size', 'organisation', 'organiser_name'])
    .where(
      'slot_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const moves = await listPartMoves(
    db,
    bookings.map((booking) => booking.id),
  );
  const programmes = await listProgrammeParts(db, activityIds);
  const planned = (row: (typeof bookings)[number], groupSize = row.group_size): PlannedBooking => ({
    id: row.id,
    reference: row.reference,
    status: row.status as BookingStatus,
    groupSize,
    organisation: row.organisation,
    name: row.organiser_name,
  });
  const slots: PlannedSlot[] = [];
  for (const row of rows) {
    const own = bookings.filter((booking) => booking.slot_id === row.id);
    const holding = own.filter((booking) => HOLDS_PLACES[booking.status as BookingStatus]);
    const parts = programmes.get(row.activity_id);
    const base = {
      id: row.id,
      activityId: row.activity_id,
      activityTitle: { nl: row.title_nl, en: row.title_en },
    };
    // A programme whose groups take its parts at times of their own (subgroups in turns, parts
    // staff moved): each time a group uses the resource, with the bookings then.
    const shaped = parts && holding.length > 0 && (rotates(parts) || holding.some((booking) => moves.has(booking.id)));
    if (shaped) {
      const times = new Map<string, PlannedSlot>();
      for (const booking of holding) {
        const start = new Date(row.starts_at);
        for (const use of resourceTimes(parts, moves.get(booking.id) ?? [], start, booking.group_size)) {
          const { heldUntil } = use;
          if (use.resourceId !== resourceId || heldUntil <= from || use.startsAt >= to) continue;
          const key = `${use.startsAt.toISOString()} ${use.part.id}`;
          const time = times.get(key) ?? {
            ...base,
            partTitle: use.part.title,
            startsAt: use.startsAt,
            endsAt: use.endsAt,
            bufferMinutes: use.bufferMinutes,
            heldUntil,
            bookedPersons: 0,
            bookedGroups: 0,
            bookings: [],
          };
          time.bookedPersons += use.persons;
          time.bookedGroups += 1;
          const split = use.subgroups > 1;
          time.bookings.push({
            ...planned(booking, use.persons),
            ...(split && { subgroup: use.subgroup + 1 }),
            ...(moves.get(booking.id)?.some((move) => move.partId === use.part.id) && { moved: true }),
          });
          times.set(key, time);
        }
      }
      slots.push(...times.values());
    }
    for (const link of links) {
      if (link.activityId !== row.activity_id || (shaped && link.part)) continue;
      const window = useWindow(new Date(row.starts_at), new Date(row.ends_at), link);
      if (window.heldUntil <= from || window.from >= to) continue;
      const part = link.part && parts?.find((p) => p.id === link.part!.id);
      slots.push({
        ...base,
        ...(part && { partTitle: part.title }),
        startsAt: window.from,
        endsAt: window.until,
        bufferMinutes: link.bufferMinutes,
        heldUntil: window.heldUntil,
        bookedPersons: row.booked_persons,
        bookedGroups: row.booked_groups,
        bookings: own.map((booking) => planned(booking)),
      });
    }
  }
  return slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
