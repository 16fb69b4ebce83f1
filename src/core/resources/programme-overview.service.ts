import type { Db } from '../../db/schema.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { activityFor, listActivitiesFor } from '../catalog/activity-admin.service.js';
import type { ActivitySummary } from '../catalog/activity-admin.repository.js';
import type { Activity } from '../catalog/activity.js';
import type { Clock } from '../shared/clock.js';
import type { ScopedMember } from '../shared/venue-scope.js';
import type { ProgrammePart } from './programme.js';
import { programmeFor } from './programme-admin.service.js';
import { findSubgroupSize } from './programme.repository.js';
import { type Resource, roomInTurns } from './resource.js';
import { rotates } from './rotation.js';

type Member = ActivityActor & ScopedMember;

/**
 * The group sizes every part's stand-alone activity allows: the highest of their minimums and the
 * lowest of their maximums (a minimum above the maximum: no group fits every part), and whether
 * the programme's own range goes outside them.
 */
export interface PartGroupLimits {
  min: number;
  max: number;
  outside: boolean;
}

/** The group limits of the parts' activities against the programme's own; null when no part is an activity. */
export function partGroupLimits(
  programme: Activity,
  activities: readonly Pick<Activity, 'minGroupSize' | 'maxGroupSize'>[],
): PartGroupLimits | null {
  if (activities.length === 0) return null;
  const min = Math.max(...activities.map((a) => a.minGroupSize));
  const max = Math.min(...activities.map((a) => a.maxGroupSize));
  return { min, max, outside: programme.minGroupSize < min || programme.maxGroupSize > max };
}

/**
 * How a programme splits groups: subgroups of at most `subgroupSize` taking turns at `parts`
 * parts, so that a group of up to `largest` persons splits into subgroups within that size.
 */
export interface RotationSummary {
  subgroupSize: number;
  parts: number;
  largest: number;
}

/** The programme's rotation, or null when it splits no group (no subgroup size, or fewer than two parts to take turns at). */
function rotationOf(parts: readonly ProgrammePart[]): RotationSummary | null {
  if (!rotates(parts)) return null;
  const turns = parts.filter((part) => part.subgroupSize !== null);
  const subgroupSize = turns[0]!.subgroupSize!;
  return { subgroupSize, parts: turns.length, largest: subgroupSize * turns.length };
}

/**
 * The group limits of each part's stand-alone activity as a group of the programme meets them: at
 * a part taken in turns a subgroup does it, so a group fits up to what the rotation splits within
 * the activity's maximum.
 */
function limitsPerPart(parts: readonly ProgrammePart[], activities: ReadonlyMap<string, Activity>, rotation: RotationSummary | null) {
  return parts.flatMap((part) => {
    const activity = part.partActivityId === null ? undefined : activities.get(part.partActivityId);
    if (!activity) return [];
    const { minGroupSize, maxGroupSize } = activity;
    if (!rotation || part.subgroupSize === null) return [{ minGroupSize, maxGroupSize }];
    return [{ minGroupSize, maxGroupSize: roomInTurns(maxGroupSize, { count: rotation.parts, subgroupSize: rotation.subgroupSize }) }];
  });
}

/** What the back office's programme page shows. */
export interface ProgrammeOverview {
  activity: Activity;
  /** In time order. */
  parts: ProgrammePart[];
  /** The venue's resources a part can use. */
  resources: Resource[];
  /** The venue's other activities a part can be: those not archived, and any a part already is. */
  choices: ActivitySummary[];
  /** The stand-alone activities the parts are, by id. */
  partActivities: Map<string, Activity>;
  limits: PartGroupLimits | null;
  /** The subgroup size saved (programme_rotations), or null; it splits groups only with two parts or more to take turns at. */
  subgroupSize: number | null;
  rotation: RotationSummary | null;
}

/** A programme (an activity of the member's venues, with or without parts) as its page shows it; another venue's is not_found. */
export async function readProgramme(db: Db, clock: Clock, member: Member, activityId: string): Promise<ProgrammeOverview> {
  const { activity, parts, resources } = await programmeFor(db, clock, member, activityId);
  const named = new Set(parts.flatMap((part) => (part.partActivityId === null ? [] : [part.partActivityId])));
  const partActivities = new Map<string, Activity>();
  for (const id of named) partActivities.set(id, await activityFor(db, member, id));
  const choices = (await listActivitiesFor(db, clock, member, { archived: true })).filter(
    (a) => a.venue.id === activity.venue.id && a.id !== activity.id && (a.status !== 'archived' || named.has(a.id)),
  );
  const rotation = rotationOf(parts);
  return {
    activity,
    parts,
    resources,
    choices,
    partActivities,
    limits: partGroupLimits(activity, limitsPerPart(parts, partActivities, rotation)),
    subgroupSize: await findSubgroupSize(db, activity.id),
    rotation,
  };
}
