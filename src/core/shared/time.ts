import { DateTime } from 'luxon';
import { DomainError } from './errors.js';
import { remembered } from './remembered.js';

/** Slots are defined and shown in the venues' time zone; instants are stored in UTC. */
export const VENUE_ZONE = 'Europe/Amsterdam';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}$/;

const isRealDate = remembered((value) => DateTime.fromISO(value, { zone: VENUE_ZONE }).isValid);

/** A real calendar date (YYYY-MM-DD) in the years a booking can concern: 2000 to 2199. */
export function isLocalDate(value: string): boolean {
  return DATE.test(value) && value >= '2000' && value < '2200' && isRealDate(value);
}

/**
 * The UTC instant of a wall-clock time in Amsterdam. A time that does not exist (the hour skipped
 * when summer time starts) is refused; a time that exists twice (when it ends) is the first one.
 */
export function localToInstant(date: string, time: string): Date {
  if (!isLocalDate(date) || !TIME.test(time)) throw new DomainError('time_nonexistent', { date, time });
  const wall = `${date} ${time}`;
  const dt = DateTime.fromISO(`${date}T${time}`, { zone: VENUE_ZONE });
  if (!dt.isValid || dt.toFormat('yyyy-MM-dd HH:mm') !== wall) throw new DomainError('time_nonexistent', { date, time });
  // Luxon resolves a doubled time to its second occurrence; an hour earlier may show the same wall clock.
  const earlier = dt.minus({ hours: 1 });
  return (earlier.toFormat('yyyy-MM-dd HH:mm') === wall ? earlier : dt).toJSDate();
}

// Made once: making a formatter costs far more than using one.
const LOCAL_DATE_PARTS = new Intl.DateTimeFormat('en-US', { timeZone: VENUE_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const HOUR_MS = 3_600_000;
const SINCE_WHOLE_HOURS = Date.UTC(1941, 0, 1);

function formatLocalDate(instant: Date): string {
  const parts = LOCAL_DATE_PARTS.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Dates by UTC hour: Amsterdam's offset has been whole hours since 1941, so a date changes only at a full UTC hour. */
const datesByHour = remembered((hour) => formatLocalDate(new Date(Number(hour) * HOUR_MS)));

/** The Amsterdam calendar date (YYYY-MM-DD) of an instant. Pages and the slots API ask it for every slot. */
export function localDateOf(instant: Date): string {
  const time = instant.getTime();
  return time < SINCE_WHOLE_HOURS ? formatLocalDate(instant) : datesByHour(String(Math.floor(time / HOUR_MS)));
}

const dayStarts = remembered((date) => DateTime.fromISO(date, { zone: VENUE_ZONE }).startOf('day').toMillis());

/** The instant an Amsterdam calendar day starts. */
export function startOfLocalDay(date: string): Date {
  return new Date(dayStarts(date));
}

const datesAfter = remembered((dateAndDays) => {
  const space = dateAndDays.lastIndexOf(' ');
  return DateTime.fromISO(dateAndDays.slice(0, space), { zone: VENUE_ZONE })
    .plus({ days: Number(dateAndDays.slice(space + 1)) })
    .toISODate() as string;
});

export function addLocalDays(date: string, days: number): string {
  return datesAfter(`${date} ${days}`);
}

const dayCounts = remembered((fromAndTo) => {
  const space = fromAndTo.lastIndexOf(' ');
  const a = DateTime.fromISO(fromAndTo.slice(0, space), { zone: 'UTC' });
  const b = DateTime.fromISO(fromAndTo.slice(space + 1), { zone: 'UTC' });
  return Math.round(b.diff(a, 'days').days);
});

export function daysBetween(from: string, to: string): number {
  return dayCounts(`${from} ${to}`);
}
