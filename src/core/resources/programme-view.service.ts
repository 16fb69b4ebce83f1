import type { Executor } from '../../db/schema.js';
import type { Translated } from '../catalog/activity.js';
import { listPublishedActivityLinks } from '../catalog/catalog.repository.js';
import type { ProgrammePart } from './programme.js';
import { listPartMoves } from './part-move.repository.js';
import { listProgrammeParts } from './programme.repository.js';
import { bookingParts, type Subgroup, subgroupsOf } from './rotation.js';

/** A part as visitors see it: with the stand-alone activity it is, when that one is published (its page to link to). */
export interface PublicPart extends ProgrammePart {
  standAlone: { id: string; slug: string; title: Translated } | undefined;
}

/**
 * The parts of the programmes among the activities, by activity, in time order, for the public
 * pages and the API; activities without parts are absent. Two queries for the parts however many
 * activities, one more for their stand-alone activities.
 */
export async function listPublicParts(db: Executor, activityIds: readonly string[]): Promise<Map<string, PublicPart[]>> {
  const parts = await listProgrammeParts(db, activityIds);
  const standAloneIds = new Set([...parts.values()].flat().flatMap((part) => (part.partActivityId ? [part.partActivityId] : [])));
  const published = await listPublishedActivityLinks(db, [...standAloneIds]);
  return new Map(
    [...parts].map(([activityId, list]) => [
      activityId,
      list.map((part) => ({ ...part, standAlone: part.partActivityId ? published.get(part.partActivityId) : undefined })),
    ]),
  );
}

/**
 * A booking's programme as its group does it, from its slot's start: the parts with the moves
 * staff made for it, and split into subgroups taking turns when the programme rotates and the
 * group is larger than its subgroup size. Empty for an activity without parts.
 */
export async function bookingProgramme(db: Executor, booking: ProgrammeOf): Promise<Subgroup[]> {
  return (await bookingsProgrammes(db, [booking])).get(booking.id) ?? [];
}

/** A booking as its programme follows from it. */
type ProgrammeOf = { id: string; activity: { id: string }; slot: { startsAt: Date }; groupSize: number };

/**
 * The programmes of the bookings as bookingProgramme makes them, by booking id: one query for the
 * parts however many bookings, one more for the moves when any of them has parts.
 */
export async function bookingsProgrammes(db: Executor, bookings: readonly ProgrammeOf[]): Promise<Map<string, Subgroup[]>> {
  const parts = await listProgrammeParts(db, [...new Set(bookings.map((booking) => booking.activity.id))]);
  const partsOf = (booking: ProgrammeOf) => parts.get(booking.activity.id) ?? [];
  const moves = await listPartMoves(
    db,
    bookings.flatMap((booking) => (partsOf(booking).length > 0 ? [booking.id] : [])),
  );
  return new Map(
    bookings.map((booking) => {
      const own = partsOf(booking);
      return [
        booking.id,
        own.length === 0 ? [] : subgroupsOf(bookingParts(own, moves.get(booking.id) ?? []), booking.slot.startsAt, booking.groupSize),
      ];
    }),
  );
}

/** A programme as a group of `groupSize` booking the slot would do it (its subgroups when it splits); empty for an activity without parts. */
export async function plannedProgramme(db: Executor, activityId: string, slotStartsAt: Date, groupSize: number): Promise<Subgroup[]> {
  const parts = (await listProgrammeParts(db, [activityId])).get(activityId) ?? [];
  return parts.length === 0 ? [] : subgroupsOf(parts, slotStartsAt, groupSize);
}
