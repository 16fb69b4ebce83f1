import type { Tx } from '../../db/schema.js';
import type { ActivityEntry } from '../activity-log/activity-log.js';
import { activityEntryFor } from '../activity-log/activity-log.service.js';
import type { Clock } from '../shared/clock.js';
import type { StaffMember } from '../staff/staff.js';

/** Who changed a booking: a staff member (with their client's network), the organiser, the system or a participant. */
export type BookingActor =
  | { by: 'staff'; member: Pick<StaffMember, 'id' | 'email'>; client: string | null }
  | { by: 'organiser' }
  | { by: 'system' }
  | { by: 'participant' };

/**
 * Records a change to a booking in its history (the activity log, keyed by the booking's reference),
 * inside the transaction that makes the change. Staff see the history on the booking's page.
 */
export async function recordBookingEvent(trx: Tx, clock: Clock, event: BookingEvent): Promise<void> {
  await bookingEventInsert(trx, clock, event).execute();
}

/** A change to a booking, as its history records it. */
type BookingEvent = BookingActor & { venueId: string; reference: string; action: `booking.${string}`; detail?: ActivityEntry['detail'] };

/** The INSERT of a booking's history entry (see recordBookingEvent), not yet run: for insertTogether. */
export function bookingEventInsert(trx: Tx, clock: Clock, event: BookingEvent) {
  return activityEntryFor(trx, clock, {
    actor: event.by === 'staff' ? event.member : null,
    actorKind: event.by,
    venueId: event.venueId,
    action: event.action,
    target: event.reference,
    detail: event.detail ?? {},
    client: event.by === 'staff' ? event.client : null,
  });
}
