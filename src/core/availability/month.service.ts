import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import type { Clock } from '../shared/clock.js';
import { addMonths, datesOfMonth } from '../shared/month.js';
import { localDateOf, startOfLocalDay } from '../shared/time.js';
import { nextChangeByTime } from './bookability.js';
import { type DayState, dayStateOf } from './day-state.js';
import type { Slot } from './slot.js';
import { listSlots } from './slot.repository.js';

export interface MonthAvailability {
  /** YYYY-MM. */
  month: string;
  /** The group size the days' states are for. */
  groupSize: number;
  /** Every date of the month, in order, with its state for the group. */
  days: { date: string; state: DayState }[];
  /** When a day's state could next change with time alone (a slot's cut-off); null: not in this month. */
  changesAt: Date | null;
}

/**
 * What each day of a month (Amsterdam dates) offers a group of this size: one query for the
 * month's slots that have not started, none for a month that is over.
 */
export async function readMonthAvailability(
  db: Db,
  clock: Clock,
  activity: Activity,
  { month, groupSize }: { month: string; groupSize: number },
): Promise<MonthAvailability> {
  const now = clock.now();
  const end = startOfLocalDay(`${addMonths(month, 1)}-01`);
  const start = new Date(Math.max(startOfLocalDay(`${month}-01`).getTime(), now.getTime()));
  const slots = start < end ? await listSlots(db, activity.id, start, end) : [];
  const byDate = new Map<string, Slot[]>();
  for (const slot of slots) {
    const date = localDateOf(slot.startsAt);
    byDate.set(date, [...(byDate.get(date) ?? []), slot]);
  }
  return {
    month,
    groupSize,
    days: datesOfMonth(month).map((date) => ({ date, state: dayStateOf(activity, byDate.get(date) ?? [], groupSize, now) })),
    changesAt: nextChangeByTime(activity, slots, now),
  };
}
