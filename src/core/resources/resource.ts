import { DomainError } from '../shared/errors.js';
import { weekdayOf } from '../shared/month.js';
import { addLocalDays, localDateOf, localToInstant, startOfLocalDay } from '../shared/time.js';
import { splitGroup } from './rotation.js';

/**
 * How a resource holds groups: `persons`, a capacity in persons that groups share (a restaurant's
 * seats, a boat's seats on a shared tour); `units`, a number of units each taken whole by one group
 * for its time (one boat chartered per group, four bowling lanes, two guides).
 */
export const RESOURCE_KINDS = ['persons', 'units'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Opening hours of one ISO weekday (1 = Monday), Amsterdam wall clock: `closes` '24:00' is midnight. */
export interface OpeningHours {
  weekday: number;
  opens: string;
  closes: string;
}

export interface Closure {
  id: string;
  startsAt: Date;
  endsAt: Date;
  reason: string;
}

export interface Resource {
  id: string;
  venueId: string;
  name: string;
  kind: ResourceKind;
  capacity: number;
  /** Empty: open at all times; else open only in these hours, on these weekdays. */
  hours: OpeningHours[];
  closures: Closure[];
}

/**
 * A time a resource is held by a booked slot: the slot's time (or its programme part's) and the
 * changeover buffer after it, with what the slot holds.
 */
export interface ResourceUse {
  slotId: string;
  startsAt: Date;
  /** When the slot (or its part) stops using the resource. */
  usedUntil: Date;
  /** `usedUntil` plus the link's changeover buffer: when the resource is free again. */
  endsAt: Date;
  persons: number;
  groups: number;
}

/** The most held at any moment of [from, to) by the uses (a sweep over their ends and starts). */
export function peakUse(uses: readonly ResourceUse[], from: Date, to: Date, held: (use: ResourceUse) => number): number {
  const steps: [number, number][] = [];
  for (const use of uses) {
    const start = Math.max(use.startsAt.getTime(), from.getTime());
    const end = Math.min(use.endsAt.getTime(), to.getTime());
    if (start >= end) continue;
    steps.push([start, held(use)], [end, -held(use)]);
  }
  // At one instant a use that ends frees before one that starts takes: the intervals are half-open.
  steps.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, change] of steps) {
    now += change;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** What a resource uses per use: persons, or a unit per group. */
export function heldBy(resource: Resource): (use: ResourceUse) => number {
  return resource.kind === 'persons' ? (use) => use.persons : (use) => use.groups;
}

function instantOr(date: string, time: string): Date | undefined {
  if (time === '24:00') return startOfLocalDay(addLocalDays(date, 1));
  try {
    return localToInstant(date, time);
  } catch (error) {
    // Hours that begin or end in the hour skipped when summer time starts: closed then.
    if (error instanceof DomainError && error.code === 'time_nonexistent') return undefined;
    throw error;
  }
}

/** A stretch of time, [from, to). */
export interface Interval {
  from: Date;
  to: Date;
}

/** An Amsterdam day as instants: 23 hours when summer time starts, 25 when it ends. */
export function dayOf(date: string): Interval {
  return { from: startOfLocalDay(date), to: startOfLocalDay(addLocalDays(date, 1)) };
}

/**
 * The part of an Amsterdam day the resource may be used in: the whole day when it has no opening
 * hours, else that weekday's hours; null when it is closed all that day (no hours that weekday, or
 * hours that begin or end in the hour skipped when summer time starts).
 */
export function openingOn(resource: Resource, date: string): Interval | null {
  if (resource.hours.length === 0) return dayOf(date);
  const day = resource.hours.find((hours) => hours.weekday === weekdayOf(date));
  if (!day) return null;
  const from = instantOr(date, day.opens);
  const to = instantOr(date, day.closes);
  return from && to && from < to ? { from, to } : null;
}

/**
 * Whether the resource can be used over [from, to): within one day's opening hours (when it has
 * any) and in no closure. The changeover after a slot counts for closures (a boat in the yard
 * cannot sail back), not for opening hours (cleaning after closing time is the venue's own).
 */
export function isOpen(resource: Resource, from: Date, to: Date, changeoverEnd: Date = to): boolean {
  if (resource.closures.some((closure) => closure.startsAt < changeoverEnd && closure.endsAt > from)) return false;
  if (resource.hours.length === 0) return true;
  const open = openingOn(resource, localDateOf(from));
  return open !== null && from >= open.from && to <= open.to;
}

/** A time a slot uses a resource: the whole slot, or one part of a programme, and the changeover after it. */
export interface UseWindow {
  from: Date;
  until: Date;
  /** `until` plus the link's changeover buffer. */
  heldUntil: Date;
  /**
   * Set when subgroups take turns at the part: the time is then every turn's, and `own` is the
   * turn at the part's own time, where the first subgroup takes it (core/resources/rotation.ts).
   */
  rotation?: { turns: Turns; own: number };
}

/** A programme's rotation: its turns, one per rotating part, and subgroups of at most `subgroupSize`. */
export interface Turns {
  /** When each turn starts, in minutes after the slot's start, in time order: the rotating parts' offsets. */
  startsMinutes: number[];
  /** How long each turn lasts: every rotating part lasts as long. */
  durationMinutes: number;
  subgroupSize: number;
}

/** One resource a slot uses, when, and the booked uses around that time. */
export interface SlotResource extends UseWindow {
  resource: Resource;
  /** Booked uses overlapping [from, heldUntil), the slot's own included. */
  uses: ResourceUse[];
}

/** What a slot's resources still admit at its time. */
export interface ResourceRoom {
  /** Every resource is open over the slot's time. */
  open: boolean;
  /** Persons the `persons` resources still take then; null when none of its resources counts persons. */
  persons: number | null;
  /** Every `units` resource has a unit free then, for one more group. */
  unitFree: boolean;
}

/**
 * When a slot from `startsAt` to `endsAt` uses a resource: the whole slot, or the part `offset`
 * minutes after its start for `duration` minutes (a rotating part: at any of its turns); then
 * `buffer` minutes of changeover.
 */
export function useWindow(
  startsAt: Date,
  endsAt: Date,
  link: { bufferMinutes: number; part?: { offsetMinutes: number; durationMinutes: number; turns?: Turns } | undefined },
): UseWindow {
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000);
  const part = link.part;
  const turns = part?.turns;
  const from = turns ? at(turns.startsMinutes[0]!) : part ? at(part.offsetMinutes) : startsAt;
  const until = turns
    ? at(turns.startsMinutes.at(-1)! + turns.durationMinutes)
    : part
      ? at(part.offsetMinutes + part.durationMinutes)
      : endsAt;
  return {
    from,
    until,
    heldUntil: new Date(until.getTime() + link.bufferMinutes * 60_000),
    ...(turns && part && { rotation: { turns, own: turns.startsMinutes.indexOf(part.offsetMinutes) } }),
  };
}

/**
 * The persons a new group may have at a rotating part whose resource still takes `left` persons
 * at each of its turns: a group within the subgroup size is one subgroup (at most `left`); a
 * larger one splits into subgroups of at most the subgroup size, or into one per turn, so that
 * while `left` is at least the subgroup size up to `left` per turn fit. Every smaller group fits
 * too.
 */
export function roomInTurns(left: number, turns: { count: number; subgroupSize: number }): number {
  return left < turns.subgroupSize ? left : left * turns.count;
}

/**
 * The largest group whose every smaller group fits the resource at the rotating parts of one
 * programme that use it (`parts`, of one slot), beside its booked uses; Infinity when the
 * resource sets no limit (units enough at every turn). Subgroup k takes the part whose own turn is
 * p at turn (p - k) mod n, so which turns a group needs the resource at, and with how many,
 * depends on how many subgroups it splits into: a full resource at one turn leaves room for the
 * groups that do not need it then. Within one number of subgroups a larger group needs no less,
 * so each such band is searched by halves.
 */
function roomInRotation(resource: Resource, parts: readonly SlotResource[]): number {
  const { turns } = parts[0]!.rotation!;
  const count = turns.startsMinutes.length;
  const slotStart = parts[0]!.from.getTime() - turns.startsMinutes[0]! * 60_000;
  const uses = [...new Set(parts.flatMap((part) => part.uses))];
  const fits = (persons: number) => {
    const sizes = splitGroup(persons, count, turns.subgroupSize);
    const added: ResourceUse[] = parts.flatMap(({ rotation, heldUntil, until }) =>
      sizes.map((size, k) => {
        const startsAt = new Date(slotStart + turns.startsMinutes[(rotation!.own - k + count) % count]! * 60_000);
        const usedUntil = new Date(startsAt.getTime() + turns.durationMinutes * 60_000);
        const endsAt = new Date(usedUntil.getTime() + heldUntil.getTime() - until.getTime());
        return { slotId: '', startsAt, usedUntil, endsAt, persons: size, groups: 1 };
      }),
    );
    return added.every((use) => fitsAt(resource, [...uses, ...added], use.startsAt, use.endsAt));
  };
  for (let subgroups = 1; ; subgroups++) {
    // The group sizes that split into this many: up to the subgroup size one, then a subgroup size more each.
    let low = subgroups === 1 ? 1 : (subgroups - 1) * turns.subgroupSize + 1;
    if (!fits(low)) return low - 1;
    const last = subgroups === count;
    // Each subgroup within the capacity: more never fits. Units: the band's groups need the same units.
    let high = !last ? subgroups * turns.subgroupSize : resource.kind === 'persons' ? count * resource.capacity : Infinity;
    if (high === Infinity) return Infinity;
    if (fits(high)) {
      if (!last) continue;
      return high;
    }
    // fits(low), not fits(high): the largest fitting lies in [low, high).
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (fits(middle)) low = middle;
      else high = middle;
    }
    return low;
  }
}

/** What the resources admit over a slot's times of using them, from the booked uses around them (its own included). */
export function roomAt(resources: readonly SlotResource[]): ResourceRoom {
  const room: ResourceRoom = { open: true, persons: null, unitFree: true };
  const admit = (persons: number) => {
    if (persons !== Infinity) room.persons = Math.max(0, Math.min(room.persons ?? persons, persons));
  };
  const rotating = new Map<string, SlotResource[]>();
  for (const used of resources) {
    const { resource, from, until, heldUntil, uses, rotation } = used;
    if (!isOpen(resource, from, until, heldUntil)) room.open = false;
    if (rotation) {
      rotating.set(resource.id, [...(rotating.get(resource.id) ?? []), used]);
      continue;
    }
    const left = resource.capacity - peakUse(uses, from, heldUntil, heldBy(resource));
    if (resource.kind === 'persons') admit(left);
    else if (left < 1) room.unitFree = false;
  }
  for (const parts of rotating.values()) {
    const persons = roomInRotation(parts[0]!.resource, parts);
    // A unit at every turn a subgroup needs one: none free for a group of one, no group fits.
    if (persons < 1) room.unitFree = false;
    admit(persons);
  }
  return room;
}

/**
 * Whether the uses keep within what the resource holds at every moment of [from, to): checked
 * after a booking took its places, under the resource's lock, and before a change of the resource.
 */
export function fitsAt(resource: Resource, uses: readonly ResourceUse[], from: Date, to: Date): boolean {
  return peakUse(uses, from, to, heldBy(resource)) <= resource.capacity;
}
