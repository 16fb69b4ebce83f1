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
export async function bookingProgramme(
  db: Executor,
  booking: { id: string; activity: { id: string }; slot: { startsAt: Date }; groupSize: number },
): Promise<Subgroup[]> {
  const parts = (await listProgrammeParts(db, [booking.activity.id])).get(booking.activity.id) ?? [];
  if (parts.length === 0) return [];
  const moves = (await listPartMoves(db, [booking.id])).get(booking.id) ?? [];
  return subgroupsOf(bookingParts(parts, moves), booking.slot.startsAt, booking.groupSize);
}

/** A programme as a group of `groupSize` booking the slot would do it (its subgroups when it splits); empty for an activity without parts. */
export async function plannedProgramme(db: Executor, activityId: string, slotStartsAt: Date, groupSize: number): Promise<Subgroup[]> {
  const parts = (await listProgrammeParts(db, [activityId])).get(activityId) ?? [];
  return parts.length === 0 ? [] : subgroupsOf(parts, slotStartsAt, groupSize);
}
