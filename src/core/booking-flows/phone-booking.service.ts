import type { Db } from '../../db/schema.js';
import type { Slot } from '../availability/slot.js';
import type { Activity } from '../catalog/activity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { FieldsRefused, type FormResult } from '../shared/field-errors.js';
import { hashToken } from '../shared/ids.js';
import type { LinkKey } from '../shared/link-key.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import type { StaffMember } from '../staff/staff.js';
import type { StaffActor } from './booking-admin.service.js';
import { findBookingBySubmission } from '../bookings/booking.repository.js';
import { createBooking, findSlotToBook } from './booking.service.js';
import { parsePhoneBooking } from '../bookings/staff-booking-input.js';
import { offeredExtrasOf } from '../availability/extra-offers.service.js';

/**
 * A slot of the member's venues with its activity, to book for a caller; another venue's slot (or
 * an id that names none) is not found.
 */
export async function findSlotForStaff(db: Db, member: StaffMember, slotId: string): Promise<{ slot: Slot; activity: Activity }> {
  const found = await findSlotToBook(db, slotId);
  const scope = venueScopeOf(member);
  if (!found || !(scope.all || scope.venueId === found.activity.venue.id)) throw new DomainError('not_found');
  return found;
}

/**
 * Books for a caller (a booking taken on the phone): staff type the organiser's details, the group
 * size and the status (see staffStatusChoices); it is placed as an organiser's booking is
 * (createBooking: the same rules, price and atomic take of the places, `BOOKING_REFUSALS` thrown
 * alike), recorded as `booking.booked_by_phone` by the staff member, and the organiser gets the
 * usual mail with the manage link, in the language chosen for them. Staff agree the venue's terms
 * with the caller. Every refused field is named at once. With the form's submission key, once.
 */
export async function bookForCaller(
  db: Db,
  clock: Clock,
  linkKey: LinkKey,
  payments: PaymentContext,
  actor: StaffActor,
  slotId: string,
  raw: Record<string, unknown>,
): Promise<FormResult<{ bookingId: string }>> {
  const { slot, activity } = await findSlotForStaff(db, actor.member, slotId);
  const parsed = parsePhoneBooking(raw, activity, await offeredExtrasOf(db, activity.id), slot, clock.now());
  if (!parsed.ok) return parsed;
  const { status, ...details } = parsed.value;
  // The form's key: the same form sent again (a double click, a racing twin) finds the booking it placed.
  const submission = details.submissionKey === undefined ? undefined : hashToken(details.submissionKey);
  const placedBefore = async () => {
    const row = submission && (await findBookingBySubmission(db, submission));
    if (row && row.slot_id !== slot.id) throw new DomainError('submission_reused');
    return row ? { ok: true as const, value: { bookingId: row.id } } : undefined;
  };
  const earlier = await placedBefore();
  if (earlier) return earlier;
  const input = { ...details, slotId: slot.id, acceptTerms: true as const, option: status === 'option' };
  const placing = { by: { by: 'staff', ...actor }, action: 'booking.booked_by_phone', status } as const;
  try {
    return { ok: true, value: { bookingId: (await createBooking(db, clock, linkKey, payments, input, placing)).booking.id } };
  } catch (error) {
    // A twin that committed first: a unique violation on the key, or a refusal for the places it took.
    const twin = await placedBefore();
    if (twin) return twin;
    // Fields the activity refuses that only placing it checks (a required extra, billing): the form's errors.
    if (error instanceof FieldsRefused) return { ok: false, errors: error.errors };
    throw error;
  }
}
