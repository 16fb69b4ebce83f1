import { DateTime } from 'luxon';

/** A calendar month (YYYY-MM) in the years a booking can concern: 2000 to 2199, as isLocalDate. */
export function isLocalMonth(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return match !== null && value >= '2000-01' && value < '2200' && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/** The month (YYYY-MM) of a date (YYYY-MM-DD). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `months` after (or, negative, before) this one. */
export function addMonths(month: string, months: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).plus({ months }).toFormat('yyyy-MM');
}

/** Every date of a month, in order. */
export function datesOfMonth(month: string): string[] {
  const first = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
  return Array.from({ length: first.daysInMonth! }, (_, i) => first.plus({ days: i }).toISODate()!);
}

/** The ISO weekday of a date: 1 is Monday, 7 is Sunday. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}
