import type { Db } from '../../db/schema.js';
import { hashToken } from '../shared/ids.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { BookingInput } from './booking-input.js';
import { findBookingBySubmission } from './booking.repository.js';

/** The booking this form placed already, as the review step shows it: never its link. */
export interface EarlierBooking {
  reference: string;
  groupSize: number;
  status: BookingStatus;
}

/** What this submission (the form's key) placed before. */
export interface EarlierBookings {
  /**
   * The booking this submission's key placed already (the review step reached again through
   * "change details"): confirming again places nothing and answers with this booking.
   */
  placed: EarlierBooking | undefined;
  /** The key placed a booking for another slot or address: submitBooking would refuse it, so the form makes a fresh one. */
  keyTaken: boolean;
}

/**
 * The booking this form's submission key placed before, so that the booking form can tell a
 * repeat (same key: see submitBooking) before it is confirmed. The key is random and only the form
 * that carries it knows it, so this tells nobody else anything. Bookings of the same address are
 * never looked up here: whoever types an address would learn them. The address's owner hears of
 * them in the first mail of a new booking of the slot instead (see placeBooking).
 * The key's booking counts as `placed` only when submitBooking would answer with it
 * (same slot and address); a key that placed a booking for another slot or address is `keyTaken`.
 */
export async function findEarlierBookings(
  db: Db,
  input: Pick<BookingInput, 'slotId' | 'email' | 'submissionKey'>,
): Promise<EarlierBookings> {
  const keyed = input.submissionKey === undefined ? undefined : await findBookingBySubmission(db, hashToken(input.submissionKey));
  const placed = keyed && keyed.slot_id === input.slotId && keyed.organiser_email === input.email ? keyed : undefined;
  return {
    placed: placed && { reference: placed.reference, groupSize: placed.group_size, status: placed.status as BookingStatus },
    keyTaken: keyed !== undefined && placed === undefined,
  };
}
