import type { Activity } from '../catalog/activity.js';
import { closesAt } from './bookability.js';
import { remainingPersons, type Slot } from './slot.js';

/**
 * How a day looks to a group choosing a date: `free` (a slot takes the group), `few` (one does,
 * but at most FEW_LEFT_SHARE of the day's places are left), `full` (slots that can no longer take
 * the group), `none` (no slot still open for booking: none at all, or all past their cut-off).
 */
export const DAY_STATES = ['free', 'few', 'full', 'none'] as const;
export type DayState = (typeof DAY_STATES)[number];

/** The share of a day's places at or below which it shows as "few left". */
export const FEW_LEFT_SHARE = 0.25;

/** The state of one day, from that day's slots of the activity and whether the group can book each (`takes`). */
export function dayStateOf(activity: Activity, slots: readonly Slot[], now: Date, takes: (slot: Slot) => boolean): DayState {
  const open = slots.filter((slot) => now.getTime() < closesAt(activity, slot).getTime());
  if (open.length === 0) return 'none';
  if (!open.some(takes)) return 'full';
  const left = open.reduce((sum, slot) => sum + remainingPersons(slot), 0);
  const places = open.reduce((sum, slot) => sum + slot.capacity, 0);
  return left <= places * FEW_LEFT_SHARE ? 'few' : 'free';
}
