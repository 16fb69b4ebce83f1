import type { Db } from '../../db/schema.js';
import { hashToken } from '../shared/ids.js';
import type { BookingStatus } from './booking.js';
import { ORGANISER_CHANGEABLE } from './booking-changes.js';
import type { BookingInput } from './booking-input.js';
import { type BookingRow, findBookingBySubmission, listOrganiserBookingsOnSlot } from './booking.repository.js';

/** A booking as the review step may show it to whoever typed its e-mail address: never its link. */
export interface EarlierBooking {
  reference: string;
  groupSize: number;
  status: BookingStatus;
}

/** What an organiser placed before on the slot they are about to book. */
export interface EarlierBookings {
  /**
   * The booking this submission's key placed already (the review step reached again through
   * "change details"): confirming again places nothing and answers with this booking.
   */
  placed: EarlierBooking | undefined;
  /** Other active bookings (option, request, confirmed) of the slot for the same e-mail address, in any case. */
  others: EarlierBooking[];
  /** The key placed a booking for another slot or address: submitBooking would refuse it, so the form makes a fresh one. */
  keyTaken: boolean;
}

function earlierOf(row: BookingRow): EarlierBooking {
  return { reference: row.reference, groupSize: row.group_size, status: row.status as BookingStatus };
}

/**
 * The bookings the organiser placed before for this slot and address, so that the booking form can
 * tell a repeat (same key: see submitBooking) and warn of a second group (a new key) before either
 * is confirmed. The key's booking counts as `placed` only when submitBooking would answer with it
 * (same slot and address); a key that placed a booking for another address is `keyTaken`.
 */
export async function findEarlierBookings(
  db: Db,
  input: Pick<BookingInput, 'slotId' | 'email' | 'submissionKey'>,
): Promise<EarlierBookings> {
  const keyed = input.submissionKey === undefined ? undefined : await findBookingBySubmission(db, hashToken(input.submissionKey));
  const placed = keyed && keyed.slot_id === input.slotId && keyed.organiser_email === input.email ? keyed : undefined;
  const rows = await listOrganiserBookingsOnSlot(db, input.slotId, input.email, ORGANISER_CHANGEABLE);
  return {
    placed: placed && earlierOf(placed),
    others: rows.filter((row) => row.id !== placed?.id).map(earlierOf),
    keyTaken: keyed !== undefined && placed === undefined,
  };
}
