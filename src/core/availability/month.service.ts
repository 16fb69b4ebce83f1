import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import { type Extra, requiredExtras } from '../catalog/extras.js';
import { extrasLeftInSlots } from './extra-offers.service.js';
import { offerRefusal } from './slot.service.js';
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
 * What each day of a month (Amsterdam dates) offers a group of this size, which can book a slot
 * exactly when the slot list offers it to the group (offerRefusal; `offered`: the activity's
 * extras, offeredExtrasOf): one query for the month's slots that have not started, and one for
 * their extras' stock when the group must take an extra with a stock; none for a month that is over.
 */
export async function readMonthAvailability(
  db: Db,
  clock: Clock,
  activity: Activity,
  { month, groupSize, offered }: { month: string; groupSize: number; offered: readonly Extra[] },
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
  const required = requiredExtras(offered, groupSize);
  const stocked = slots.length > 0 && required.some(({ extra }) => extra.stock !== null);
  const left = stocked
    ? await extrasLeftInSlots(
        db,
        offered,
        slots.map((slot) => slot.id),
      )
    : new Map<string, Map<string, number>>();
  const takes = (slot: Slot) =>
    offerRefusal(activity, slot, groupSize, now, required, left.get(slot.id) ?? new Map()).refusal === undefined;
  return {
    month,
    groupSize,
    days: datesOfMonth(month).map((date) => ({ date, state: dayStateOf(activity, byDate.get(date) ?? [], now, takes) })),
    changesAt: nextChangeByTime(activity, slots, now),
  };
}
