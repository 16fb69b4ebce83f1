import type { Db, Tx } from '../../db/schema.js';
import { listVatRates } from '../catalog/catalog.repository.js';
import { priceFor, ratesOn } from '../catalog/pricing.js';
import { enqueueMail } from '../outbox/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { localDateOf } from '../shared/time.js';
import type { BookingDetails } from './booking.js';
import { cancelRefusal, groupSizeRefusal, isChangeable } from './booking-changes.js';
import { type BookingState, findBookingState, moveBookedPersons, updateGroupSize } from './booking-changes.repository.js';
import { recordBookingEvent } from './booking-history.js';
import { enqueueStaffNotice } from './staff-notice.service.js';
import { changeStatus, detailsToChange } from './status-change.service.js';

/**
 * The organiser's changes through the manage link: a new group size and a cancellation. Each is
 * decided on the booking as read, then made in one transaction whose updates are conditional on
 * that state: the places on the slot first (the same lock order as a new booking: slot, then
 * booking), then the booking `WHERE status = <read> AND group_size = <read>`. When a concurrent
 * change (staff, expiry, another tab) came first, nothing is written and the organiser is told.
 */

/** Thrown inside a transaction when the booking or its slot is no longer as read; rolls it back. */
class ChangedMeanwhile extends Error {}

async function changeAsRead(db: Db, booking: BookingDetails, work: (trx: Tx, state: BookingState) => Promise<void>): Promise<void> {
  const state: BookingState = { id: booking.id, status: booking.status, groupSize: booking.groupSize };
  try {
    await db.transaction().execute((trx) => work(trx, state));
  } catch (error) {
    if (!(error instanceof ChangedMeanwhile)) throw error;
    const now = await findBookingState(db, booking.id);
    throw new DomainError(now && isChangeable(now.status) ? 'booking_changed' : 'booking_not_active');
  }
}

/** What a group-size change did: nothing when the booking already had that size. */
export type GroupSizeChange = { changed: false } | { changed: true; from: number; to: number };

/**
 * Changes the group size within the activity's limits and the slot's capacity, until the booking
 * cut-off; a confirmed booking gets smaller only until the cancellation deadline. The price is
 * computed again with the VAT of the visit date. Mails the organiser and the venue's staff.
 */
export async function changeGroupSize(db: Db, clock: Clock, booking: BookingDetails, groupSize: number): Promise<GroupSizeChange> {
  const refusal = groupSizeRefusal(booking, groupSize, clock.now());
  if (refusal) throw new DomainError(refusal);
  const from = booking.groupSize;
  if (groupSize === from) return { changed: false };
  const price = priceFor(booking.activity.pricing, groupSize, ratesOn(await listVatRates(db), localDateOf(booking.slot.startsAt)));
  const delta = groupSize - from;
  const at = clock.now().toISOString();
  await changeAsRead(db, booking, async (trx, state) => {
    // First statement: takes the extra places (or gives places back) conditionally.
    if (!(await moveBookedPersons(trx, booking.slot.id, delta))) {
      if (delta > 0) throw new DomainError('slot_full');
      throw new ChangedMeanwhile();
    }
    if (!(await updateGroupSize(trx, state, { groupSize, price, at }))) throw new ChangedMeanwhile();
    const venueId = booking.activity.venue.id;
    await recordBookingEvent(trx, clock, {
      by: 'organiser',
      venueId,
      reference: booking.reference,
      action: 'booking.group_size_changed',
      detail: { from, to: groupSize, total_cents: price.totalCents },
    });
    await enqueueMail(trx, clock, {
      kind: 'changed',
      bookingId: booking.id,
      recipient: booking.email,
      language: booking.language,
      detail: { from_group_size: from, to_group_size: groupSize },
      dedupeKey: `changed:${booking.id}:${newId()}`,
    });
    await enqueueStaffNotice(trx, clock, {
      kind: 'staff_booking_changed',
      bookingId: booking.id,
      venueId,
      detail: { change: 'group_size', from_group_size: from, to_group_size: groupSize },
      dedupeKey: `staff_booking_changed:${booking.id}:${newId()}`,
    });
  });
  return { changed: true, from, to: groupSize };
}

/**
 * Cancels the booking for the organiser: an option or request any time before the start, a
 * confirmed booking until the activity's cancellation deadline. Its places go back to the slot
 * in the same transaction; the organiser and the venue's staff are mailed.
 */
export async function cancelByOrganiser(db: Db, clock: Clock, booking: BookingDetails): Promise<void> {
  const refusal = cancelRefusal(booking, clock.now());
  if (refusal) throw new DomainError(refusal);
  await changeAsRead(db, booking, async (trx) => {
    const change = { to: 'cancelled', actor: { by: 'organiser' }, action: 'booking.cancelled' } as const;
    if (!(await changeStatus(trx, clock, detailsToChange(booking), change))) throw new ChangedMeanwhile();
  });
}
