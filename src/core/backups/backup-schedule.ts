import { DateTime } from 'luxon';
import { VENUE_ZONE } from '../shared/time.js';

/** A run that failed is tried again after this many hours (not every minute). */
export const BACKUP_RETRY_HOURS = 4;
/** A location whose last success is older than this catches up at once (after downtime, say). */
export const BACKUP_CATCH_UP_HOURS = 24;
/** Admins are warned when a location's last success is older than this. */
export const BACKUP_STALE_HOURS = 26;

const HOUR = 3600 * 1000;

/**
 * The latest moment at or before `now` when the nightly backup was due: `time` (HH:MM) in
 * Amsterdam today, or else yesterday. A time the clocks skip (02:30 when summer time starts)
 * falls an hour later that night.
 */
export function lastScheduledInstant(now: Date, time: string): Date {
  const local = DateTime.fromJSDate(now, { zone: VENUE_ZONE });
  const [hour, minute] = time.split(':').map(Number);
  const today = local.set({ hour: hour!, minute: minute!, second: 0, millisecond: 0 });
  return (today > local ? today.minus({ days: 1 }).set({ hour: hour!, minute: minute! }) : today).toJSDate();
}

/**
 * Whether a backup run is due now: tonight's run has not started yet, or a location has had no
 * success for BACKUP_CATCH_UP_HOURS (never, or a failed night) and no run started in the last
 * BACKUP_RETRY_HOURS.
 */
export function backupDue(
  now: Date,
  time: string,
  lastStart: string | undefined,
  /** Per configured location, its last success; undefined if it never succeeded. */
  lastSuccesses: (string | undefined)[],
): boolean {
  if (!lastStart) return true;
  const started = new Date(lastStart).getTime();
  if (started < lastScheduledInstant(now, time).getTime()) return true;
  const behind = lastSuccesses.some((at) => !at || now.getTime() - new Date(at).getTime() > BACKUP_CATCH_UP_HOURS * HOUR);
  return behind && now.getTime() - started >= BACKUP_RETRY_HOURS * HOUR;
}

/** Which part (1..parts) of the data tonight's check reads: the next one each night, all of it every `parts` nights. */
export function checkPartFor(now: Date, parts: number): number {
  const day = Math.floor(DateTime.fromJSDate(now, { zone: VENUE_ZONE }).startOf('day').toSeconds() / 86400);
  return (((day % parts) + parts) % parts) + 1;
}
