import { type PartMove, type PartTime, partTimes, type ProgrammePart } from './programme.js';

/**
 * The parts as one booking has them: a part staff moved for it at its new time and on its new
 * resources, done by the whole group together (out of the rotation); the others as planned.
 */
export function bookingParts(parts: readonly ProgrammePart[], moves: readonly PartMove[]): ProgrammePart[] {
  return parts.map((part) => {
    const move = moves.find((m) => m.partId === part.id);
    return move ? { ...part, offsetMinutes: move.offsetMinutes, resources: move.resources, subgroupSize: null } : part;
  });
}

/** The parts subgroups take turns at, in time order: turn j is at the j-th one's time. */
function turnsOf(parts: readonly ProgrammePart[]): ProgrammePart[] {
  return parts.filter((part) => part.subgroupSize !== null).sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.position - b.position);
}

/** Whether the programme splits a group larger than its subgroup size: two parts or more to take turns at. */
export function rotates(parts: readonly ProgrammePart[]): boolean {
  return turnsOf(parts).length >= 2;
}

/**
 * What keeps the parts subgroups take turns at from being turns, or undefined: each subgroup does
 * one at each turn's time, so they last equally long (`rotation_durations_differ`) and follow one
 * another without overlapping (`rotation_parts_overlap`).
 */
export function rotationProblem(parts: readonly ProgrammePart[]): 'rotation_durations_differ' | 'rotation_parts_overlap' | undefined {
  const turns = turnsOf(parts);
  if (turns.some((part) => part.durationMinutes !== turns[0]!.durationMinutes)) return 'rotation_durations_differ';
  if (turns.some((part, j) => j > 0 && turns[j - 1]!.offsetMinutes + turns[j - 1]!.durationMinutes > part.offsetMinutes))
    return 'rotation_parts_overlap';
  return undefined;
}

/**
 * The subgroups a group of `persons` splits into, by size: one group when the programme does not
 * rotate or the group is no larger than its subgroup size; else as few as keep each within the
 * subgroup size, at most one per rotating part (so that every subgroup has a part of its own at
 * every turn), their sizes differing by one at most, the larger first. A group larger than the
 * rotating parts times the subgroup size makes larger subgroups: whether they fit is the
 * resources' say, as for any group.
 */
export function subgroupSizes(parts: readonly ProgrammePart[], persons: number): number[] {
  const turns = turnsOf(parts);
  const size = turns[0]?.subgroupSize ?? null;
  return turns.length < 2 || size === null ? [persons] : splitGroup(persons, turns.length, size);
}

/** subgroupSizes for a rotation of `count` parts in turns with subgroups of at most `subgroupSize`. */
export function splitGroup(persons: number, count: number, subgroupSize: number): number[] {
  if (persons <= subgroupSize) return [persons];
  const subgroups = Math.min(count, Math.ceil(persons / subgroupSize));
  return Array.from({ length: subgroups }, (_, k) => Math.floor(persons / subgroups) + (k < persons % subgroups ? 1 : 0));
}

/** One subgroup of a booked group: how many, and its parts' times in time order. */
export interface Subgroup {
  persons: number;
  parts: PartTime[];
}

/**
 * What each subgroup does when, from the slot's start. The parts the whole group does together are
 * at their own times for every subgroup. At the rotating parts, subgroup k (from 0) does at turn j
 * rotating part (j + k) mod n, at turn j's time: so one subgroup at a time is at each rotating part,
 * and the first subgroup follows the programme as planned. A group that is not split is one
 * subgroup.
 */
export function subgroupsOf(parts: readonly ProgrammePart[], slotStartsAt: Date, persons: number): Subgroup[] {
  const turns = turnsOf(parts);
  return subgroupSizes(parts, persons).map((size, k) => {
    const turned = parts.map((part) => {
      const i = turns.indexOf(part);
      return i < 0 ? part : { ...part, offsetMinutes: turns[(i - k + turns.length) % turns.length]!.offsetMinutes };
    });
    return { persons: size, parts: partTimes(turned, slotStartsAt) };
  });
}

/** A time a booked group (or one of its subgroups) uses a part's resources. */
export interface PartUse {
  part: ProgrammePart;
  startsAt: Date;
  endsAt: Date;
  persons: number;
  /** Which subgroup (from 0) of how many: 0 of 1 for a group that is not split or a part done together. */
  subgroup: number;
  subgroups: number;
}

/**
 * The times a booked group of `persons` uses its parts' resources: a part done together once, with
 * every person; a rotating part once per subgroup, at its turn, with the subgroup's persons.
 */
export function partUses(parts: readonly ProgrammePart[], slotStartsAt: Date, persons: number): PartUse[] {
  const subgroups = subgroupsOf(parts, slotStartsAt, persons);
  return subgroups.flatMap((subgroup, k) =>
    subgroup.parts
      .filter(({ part }) => part.subgroupSize !== null || k === 0)
      .map(({ part, startsAt, endsAt }) => {
        const together = part.subgroupSize === null;
        return {
          part,
          startsAt,
          endsAt,
          persons: together ? persons : subgroup.persons,
          subgroup: together ? 0 : k,
          subgroups: together ? 1 : subgroups.length,
        };
      }),
  );
}

/** A time a booked group (or one of its subgroups) holds one resource of a part, and the resource's changeover after it. */
export interface ResourceTime extends PartUse {
  resourceId: string;
  bufferMinutes: number;
  /** `endsAt` plus the changeover: when the resource is free again. */
  heldUntil: Date;
}

/** Every time a booked group of `persons`, with the parts staff moved for it, holds each of its parts' resources. */
export function resourceTimes(
  parts: readonly ProgrammePart[],
  moves: readonly PartMove[],
  slotStartsAt: Date,
  persons: number,
): ResourceTime[] {
  return partUses(bookingParts(parts, moves), slotStartsAt, persons).flatMap((use) =>
    use.part.resources.map(({ resourceId, bufferMinutes }) => ({
      ...use,
      resourceId,
      bufferMinutes,
      heldUntil: new Date(use.endsAt.getTime() + bufferMinutes * 60_000),
    })),
  );
}
