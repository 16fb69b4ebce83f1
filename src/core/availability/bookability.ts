import type { Activity } from '../catalog/activity.js';
import type { DomainErrorCode } from '../shared/errors.js';
import { remainingPersons, type Slot } from './slot.js';

/** When bookings for a slot close: the activity's cut-off before the start. */
export function closesAt(activity: Activity, slot: Slot): Date {
  return new Date(slot.startsAt.getTime() - activity.bookingCutoffMinutes * 60_000);
}

/**
 * Why a group of this size cannot book this slot now, or undefined when it can. Shown in listings
 * and checked before booking; the atomic capacity update in the booking transaction has the last word.
 */
export function refusalFor(activity: Activity, slot: Slot, groupSize: number, now: Date): DomainErrorCode | undefined {
  if (groupSize < activity.minGroupSize) return 'group_too_small';
  if (groupSize > activity.maxGroupSize) return 'group_too_large';
  if (now.getTime() >= closesAt(activity, slot).getTime()) return 'booking_closed';
  if (groupSize > remainingPersons(slot)) return 'slot_full';
  return undefined;
}
