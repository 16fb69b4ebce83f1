import { DateTime } from 'luxon';
import { DomainError } from '../shared/errors.js';
import { localToInstant, VENUE_ZONE } from '../shared/time.js';

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** A weekly pattern of slots: on these weekdays, at this Amsterdam wall-clock time, between two dates. */
export interface WeeklyPattern {
  weekdays: readonly Weekday[];
  /** HH:MM, Amsterdam time. */
  startTime: string;
  /** First and last Amsterdam date (YYYY-MM-DD), inclusive. */
  validFrom: string;
  validUntil: string;
}

export interface SlotSchedule extends WeeklyPattern {
  id: string;
  activityId: string;
  capacity: number;
  exclusive: boolean;
  /** Dates (YYYY-MM-DD) the schedule skips, sorted. */
  exceptions: string[];
}

export interface Occurrence {
  date: string;
  startsAt: Date;
}

export interface Expansion {
  occurrences: Occurrence[];
  /** Dates whose start time does not exist (the hour skipped when summer time starts): no slot. */
  nonexistent: string[];
}

/**
 * The latest last date of a schedule starting on `validFrom`: one year, so the day before the
 * anniversary (from 29 February, whose anniversary does not exist, until 28 February).
 */
export function latestUntil(validFrom: string): string {
  const start = DateTime.fromISO(validFrom, { zone: VENUE_ZONE });
  const anniversary = start.plus({ years: 1 });
  return (anniversary.day === start.day ? anniversary.minus({ days: 1 }) : anniversary).toISODate() as string;
}

/**
 * Every start of the pattern, as UTC instants: each date in the period on one of the weekdays,
 * except the exception dates, at the wall-clock time of that date. Across a DST change the UTC
 * instant moves and the local time stays; a time that exists twice is the first one.
 */
export function expandPattern(pattern: WeeklyPattern, exceptions: ReadonlySet<string> = new Set()): Expansion {
  const occurrences: Occurrence[] = [];
  const nonexistent: string[] = [];
  const last = DateTime.fromISO(pattern.validUntil, { zone: VENUE_ZONE });
  for (let day = DateTime.fromISO(pattern.validFrom, { zone: VENUE_ZONE }); day <= last; day = day.plus({ days: 1 })) {
    const date = day.toISODate() as string;
    if (!pattern.weekdays.includes(day.weekday as Weekday) || exceptions.has(date)) continue;
    try {
      occurrences.push({ date, startsAt: localToInstant(date, pattern.startTime) });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'time_nonexistent') throw error;
      nonexistent.push(date);
    }
  }
  return { occurrences, nonexistent };
}

/** Weekdays as stored: sorted, comma-separated. */
export function formatWeekdays(weekdays: readonly Weekday[]): string {
  return [...new Set(weekdays)].sort().join(',');
}

export function parseWeekdays(stored: string): Weekday[] {
  return stored
    .split(',')
    .map(Number)
    .filter((n): n is Weekday => (WEEKDAYS as readonly number[]).includes(n));
}
