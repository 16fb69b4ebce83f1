import type { Activity } from '../catalog/activity.js';
import type { DomainErrorCode } from '../shared/errors.js';
import { remainingPersons, type Slot } from './slot.js';

/** When bookings for a slot close: the activity's cut-off before the start. */
export function closesAt(activity: Activity, slot: Slot): Date {
  return new Date(slot.startsAt.getTime() - activity.bookingCutoffMinutes * 60_000);
}

/** Every reason refusalFor gives: the API documents these as a slot's `reason`. */
export const SLOT_REFUSALS = [
  'activity_unavailable',
  'group_too_small',
  'group_too_large',
  'booking_closed',
  'slot_full',
  'slot_unavailable',
] as const satisfies readonly DomainErrorCode[];
export type SlotRefusal = (typeof SLOT_REFUSALS)[number];

/**
 * Why a group of this size cannot book this slot now, or undefined when it can. Shown in listings
 * and checked before booking; the atomic capacity update in the booking transaction has the last word.
 */
export function refusalFor(activity: Activity, slot: Slot, groupSize: number, now: Date): SlotRefusal | undefined {
  // Unpublished and archived activities take no new bookings; their bookings stay as they are.
  if (activity.status !== 'published') return 'activity_unavailable';
  if (groupSize < activity.minGroupSize) return 'group_too_small';
  if (groupSize > activity.maxGroupSize) return 'group_too_large';
  if (now.getTime() >= closesAt(activity, slot).getTime()) return 'booking_closed';
  // A boat or room its activity uses is closed then (maintenance, outside its hours).
  if (slot.resourceRoom && !slot.resourceRoom.open) return 'slot_unavailable';
  if (groupSize > remainingPersons(slot)) return 'slot_full';
  return undefined;
}

/**
 * When what a listing says of these slots could next change with time alone: the first cut-off
 * still ahead (bookings close), else the millisecond after the start (listings show slots that
 * start at or after now, so a slot leaves then); null when none is ahead.
 */
export function nextChangeByTime(activity: Activity, slots: readonly Slot[], now: Date): Date | null {
  let next: number | null = null;
  for (const slot of slots) {
    const closes = closesAt(activity, slot).getTime();
    const at = closes > now.getTime() ? closes : slot.startsAt.getTime() + 1;
    if (at > now.getTime() && (next === null || at < next)) next = at;
  }
  return next === null ? null : new Date(next);
}
