import { closesAt } from '../availability/bookability.js';
import type { DomainErrorCode } from '../shared/errors.js';
import type { BookingDetails } from './booking.js';
import type { BookingStatus } from '../shared/booking-status.js';

/**
 * What the organiser may still do to a booking through the manage link, and until when. The manage
 * page shows the actions these rules allow (and why the others are not); the services refuse by
 * the same rules, and their conditional updates settle any race with a concurrent change.
 */

/** The statuses the organiser can still change or cancel; any other status is final for them. */
export const ORGANISER_CHANGEABLE: readonly BookingStatus[] = ['option', 'requested', 'confirmed'];

export function isChangeable(status: BookingStatus): boolean {
  return ORGANISER_CHANGEABLE.includes(status);
}

type Rules = Pick<BookingDetails, 'status' | 'groupSize' | 'activity' | 'slot'>;

/** The group size can change until the activity's booking cut-off before the start. */
export function changeDeadline(booking: Rules): Date {
  return closesAt(booking.activity, booking.slot);
}

/**
 * Until when the organiser may cancel, and bring fewer people: a confirmed booking until the
 * activity's cancellation deadline (`cancelUntilHours` before the start); an option or a request,
 * which the venue has not counted on yet, until the start.
 */
export function cancelDeadline(booking: Rules): Date {
  if (booking.status !== 'confirmed') return booking.slot.startsAt;
  return new Date(booking.slot.startsAt.getTime() - booking.activity.rules.cancelUntilHours * 3_600_000);
}

function limitRefusal(booking: Rules, groupSize: number): DomainErrorCode | undefined {
  if (groupSize < booking.activity.minGroupSize) return 'group_too_small';
  if (groupSize > booking.activity.maxGroupSize) return 'group_too_large';
  return undefined;
}

/** Why the organiser cannot change the group to this size now, or undefined when they can. */
export function groupSizeRefusal(booking: Rules, groupSize: number, now: Date): DomainErrorCode | undefined {
  if (!isChangeable(booking.status)) return 'booking_not_active';
  if (now.getTime() >= changeDeadline(booking).getTime()) return 'change_closed';
  const limit = limitRefusal(booking, groupSize);
  if (limit) return limit;
  if (groupSize < booking.groupSize && now.getTime() >= cancelDeadline(booking).getTime()) return 'decrease_closed';
  return undefined;
}

/**
 * Why staff cannot change a booking (to this group size) now: the organiser's rules without their
 * deadlines (the booking cut-off, the cancellation deadline for a smaller group), which are there
 * for the venue's sake and which staff, who are the venue, may pass when they agree a change (a
 * caller on the day of the visit). Until the visit starts, within the activity's group limits,
 * and the slot's capacity still holds (the service takes the places conditionally).
 */
export function staffChangeRefusal(booking: Rules, groupSize: number, now: Date): DomainErrorCode | undefined {
  if (!isChangeable(booking.status)) return 'booking_not_active';
  if (now.getTime() >= booking.slot.startsAt.getTime()) return 'change_closed';
  return groupSize === booking.groupSize ? undefined : limitRefusal(booking, groupSize);
}

/** Why the organiser cannot cancel now, or undefined when they can. */
export function cancelRefusal(booking: Rules, now: Date): DomainErrorCode | undefined {
  if (!isChangeable(booking.status)) return 'booking_not_active';
  if (now.getTime() >= cancelDeadline(booking).getTime()) return 'cancel_closed';
  return undefined;
}

/** The manage page's view of the rules: which actions are open right now. */
export interface OrganiserActions {
  /** The group size can still change (larger at least). */
  changeGroupSize: boolean;
  /** A smaller group is still allowed. */
  decrease: boolean;
  cancel: boolean;
  changeUntil: Date;
  cancelUntil: Date;
}

export function organiserActions(booking: Rules, now: Date): OrganiserActions {
  const changeUntil = changeDeadline(booking);
  const cancelUntil = cancelDeadline(booking);
  const open = isChangeable(booking.status) && now.getTime() < changeUntil.getTime();
  return {
    changeGroupSize: open,
    decrease: open && now.getTime() < cancelUntil.getTime(),
    cancel: cancelRefusal(booking, now) === undefined,
    changeUntil,
    cancelUntil,
  };
}
