import type { Translated } from '../catalog/activity.js';

/**
 * A part of a programme ("arrangement"): an activity of several parts booked in one go, such as
 * climbing, then lunch, then a canal tour. Each part is a time within every slot of the programme
 * (`offsetMinutes` after its start, for `durationMinutes`), may be a stand-alone activity of the
 * venue (`partActivityId`: its description and place), and uses resources of its own, so that a
 * booked programme takes the boat only for its canal tour, and a stand-alone cruise on the same
 * boat at that time is no longer offered.
 */
export interface ProgrammePart {
  id: string;
  activityId: string;
  position: number;
  title: Translated;
  offsetMinutes: number;
  durationMinutes: number;
  partActivityId: string | null;
  /** The resources the part uses, by name, each with its changeover buffer. */
  resources: PartResource[];
  /**
   * Set on a part subgroups take turns at (core/resources/rotation.ts): the programme's subgroup
   * size, the most persons a subgroup has. Null on a part the whole group does together.
   */
  subgroupSize: number | null;
}

/**
 * One booking's part moved by staff, from the programme's plan: to `offsetMinutes` after the
 * slot's start, onto `resources`. The whole group does a moved part together.
 */
export interface PartMove {
  partId: string;
  offsetMinutes: number;
  resources: PartResource[];
}

export interface PartResource {
  resourceId: string;
  name: string;
  bufferMinutes: number;
}

/** A part's time in one slot of its programme: what a timeline shows, a calendar entry holds. */
export interface PartTime {
  part: ProgrammePart;
  startsAt: Date;
  endsAt: Date;
}

/** The parts of a programme at a slot's start, in time order. */
export function partTimes(parts: readonly ProgrammePart[], slotStartsAt: Date): PartTime[] {
  return parts
    .map((part) => {
      const startsAt = new Date(slotStartsAt.getTime() + part.offsetMinutes * 60_000);
      return { part, startsAt, endsAt: new Date(startsAt.getTime() + part.durationMinutes * 60_000) };
    })
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.part.position - b.part.position);
}
