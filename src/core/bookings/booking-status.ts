import type { BookingStatus } from '../shared/booking-status.js';

/**
 * The status changes staff can make, as data: per action the statuses it applies to and the one
 * it leads to. Staff's, the organiser's (confirming an option, cancelling) and the system's
 * (expiry, completion) changes all go through `changeStatus` in status-change.service.ts, which
 * uses `HOLDS_PLACES` (core/shared/booking-status.ts) to release places.
 */
export const STATUS_ACTIONS = {
  accept: { from: ['requested'], to: 'confirmed' },
  decline: { from: ['requested'], to: 'cancelled' },
  confirm: { from: ['option'], to: 'confirmed' },
  cancel: { from: ['option', 'requested', 'awaiting_payment', 'confirmed'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus }>;

export type StatusAction = keyof typeof STATUS_ACTIONS;

/** The status a booking gets by the action, or undefined when the action does not apply to its status. */
export function statusAfter(status: BookingStatus, action: StatusAction): BookingStatus | undefined {
  const transition = STATUS_ACTIONS[action];
  return (transition.from as readonly BookingStatus[]).includes(status) ? transition.to : undefined;
}

/** The actions staff can take on a booking in this status. */
export function actionsFor(status: BookingStatus): StatusAction[] {
  return (Object.keys(STATUS_ACTIONS) as StatusAction[]).filter((action) => statusAfter(status, action) !== undefined);
}
