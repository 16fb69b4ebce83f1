import { DomainError } from '../shared/errors.js';
import { weekdayOf } from '../shared/month.js';
import { addLocalDays, localToInstant, startOfLocalDay } from '../shared/time.js';
import type { Resource } from './resource.js';

/** A stretch of time, [from, to). */
export interface Interval {
  from: Date;
  to: Date;
}

/** An Amsterdam day as instants: 23 hours when summer time starts, 25 when it ends. */
export function dayOf(date: string): Interval {
  return { from: startOfLocalDay(date), to: startOfLocalDay(addLocalDays(date, 1)) };
}

function timeOn(date: string, time: string): Date | undefined {
  if (time === '24:00') return startOfLocalDay(addLocalDays(date, 1));
  try {
    return localToInstant(date, time);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'time_nonexistent') return undefined;
    throw error;
  }
}

/**
 * The part of an Amsterdam day the resource may be used in: the whole day when it has no opening
 * hours, else that weekday's hours; null when it is closed all that day (no hours that weekday, or
 * hours that begin or end in the hour skipped when summer time starts, which `isOpen` refuses too).
 */
export function openingOn(resource: Resource, date: string): Interval | null {
  if (resource.hours.length === 0) return dayOf(date);
  const day = resource.hours.find((hours) => hours.weekday === weekdayOf(date));
  if (!day) return null;
  const from = timeOn(date, day.opens);
  const to = timeOn(date, day.closes);
  return from && to && from < to ? { from, to } : null;
}

/** What is left of `window` once every taken interval is cut out of it, in time order. */
export function freeGaps(window: Interval | null, taken: readonly Interval[]): Interval[] {
  if (!window) return [];
  const sorted = [...taken].filter((t) => t.from < window.to && t.to > window.from).sort((a, b) => a.from.getTime() - b.from.getTime());
  const gaps: Interval[] = [];
  let at = window.from;
  for (const { from, to } of sorted) {
    if (from > at) gaps.push({ from: at, to: from });
    if (to > at) at = to;
  }
  if (at < window.to) gaps.push({ from: at, to: window.to });
  return gaps;
}
