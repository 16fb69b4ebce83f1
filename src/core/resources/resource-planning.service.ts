import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import type { ScopedMember } from '../shared/venue-scope.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { type Closure, dayOf, type Interval, openingOn, type Resource } from './resource.js';
import { resourceFor } from './resource-admin.service.js';
import { freeGaps } from './resource-planning.js';
import { listPlannedSlots, type PlannedSlot } from './resource-planning.repository.js';
import { findResources } from './resource.repository.js';

/** One resource's Amsterdam day: what holds it when, and when it is free. */
export interface ResourcePlanning {
  resource: Resource;
  date: string;
  /** The day as instants (23 or 25 hours on the days the clocks change). */
  day: Interval;
  /** When the resource may be used that day: the whole day when always open; null when closed all day. */
  opening: Interval | null;
  /** The closures that overlap the day. */
  closures: Closure[];
  /** The slots of its activities that hold it (or would, once booked) during the day, in time order. */
  slots: PlannedSlot[];
  /** The times within its opening that no booked slot (with its buffer) and no closure holds. */
  gaps: Interval[];
}

/**
 * A resource's planning for an Amsterdam date: every slot of a linked activity that day with its
 * bookings, and the free gaps. A slot without bookings holds nothing, so it does not fill a gap.
 * Another venue's resource is not_found.
 */
export async function readResourcePlanning(
  db: Db,
  clock: Clock,
  member: ActivityActor & ScopedMember,
  id: string,
  date: string,
): Promise<ResourcePlanning> {
  await resourceFor(db, clock, member, id);
  const day = dayOf(date);
  const resource = (await findResources(db, [id], day.from)).get(id)!;
  const closures = resource.closures.filter((closure) => closure.startsAt < day.to && closure.endsAt > day.from);
  const slots = await listPlannedSlots(db, id, day.from, day.to);
  const opening = openingOn(resource, date);
  const taken = [
    ...slots.filter((slot) => slot.bookedGroups > 0).map((slot) => ({ from: slot.startsAt, to: slot.heldUntil })),
    ...closures.map((closure) => ({ from: closure.startsAt, to: closure.endsAt })),
  ];
  return { resource, date, day, opening, closures, slots, gaps: freeGaps(opening, taken) };
}
