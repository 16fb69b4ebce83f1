import { z } from 'zod';
import type { Slot } from '../availability/slot.js';
import type { Activity } from '../catalog/activity.js';
import type { FieldError, FormResult } from '../shared/field-errors.js';
import type { BookingDetails, OrganiserContact } from './booking.js';
import { bookingPricing } from './booking-pricing.js';
import type { Party } from '../catalog/price-categories.js';
import type { Extra } from '../catalog/extras.js';
import {
  bookingInputSchema,
  countErrorsOf,
  withExtrasFaults,
  withGroupLimitError,
  withPartyFaults,
  withPartySize,
} from './booking-input.js';
import type { BookingInput } from './booking-input.js';
import { optionRefusal } from './option.js';

/**
 * What staff type for an organiser in the back office (a booking taken on the phone, a change to a
 * booking): the organiser's fields with the public form's own rules. Each parse names every
 * refused field at once, the activity's group limits among them.
 */

const organiserFields = bookingInputSchema.pick({ groupSize: true, name: true, email: true, phone: true, organisation: true, notes: true });

/** The statuses staff may give a booking they place. */
export const STAFF_PLACED_STATUSES = ['confirmed', 'option', 'requested'] as const;
export type StaffPlacedStatus = (typeof STAFF_PLACED_STATUSES)[number];

const phoneBookingFields = organiserFields.extend({
  party: bookingInputSchema.shape.party,
  language: bookingInputSchema.shape.language,
  status: z.enum(STAFF_PLACED_STATUSES, { error: 'invalid_value' }),
  extras: bookingInputSchema.shape.extras,
  discountCode: bookingInputSchema.shape.discountCode,
  voucherCode: bookingInputSchema.shape.voucherCode,
  /** Made with the form, so sending it twice (a double click) places one booking. */
  submissionKey: bookingInputSchema.shape.submissionKey,
});

/**
 * What staff may place on this slot now: always a confirmed booking (accepting a request is theirs
 * to do anyway); an option where the activity allows one on this slot now; a request (which staff
 * accept or decline later) only where the activity books on request.
 */
export function staffStatusChoices(activity: Activity, slot: Slot, now: Date): StaffPlacedStatus[] {
  return STAFF_PLACED_STATUSES.filter(
    (status) =>
      status === 'confirmed' ||
      (status === 'option' && !optionRefusal(activity.rules.options, slot, now)) ||
      (status === 'requested' && activity.rules.bookingMode === 'request'),
  );
}

/** Why the status cannot be chosen here: the option's refusal (not allowed, too late), or not offered. */
function statusError(activity: Activity, slot: Slot, now: Date, status: StaffPlacedStatus): FieldError | undefined {
  if (staffStatusChoices(activity, slot, now).includes(status)) return undefined;
  return { field: 'status', code: (status === 'option' && optionRefusal(activity.rules.options, slot, now)) || 'invalid_value' };
}

/** The errors with the activity's group limits (withGroupLimitError), the group size's first as the form shows it. */
function withGroupLimit(raw: Record<string, unknown>, errors: FieldError[], activity: Activity): FieldError[] {
  const all = withGroupLimitError(activity, raw.groupSize, errors);
  return [...all.filter((e) => e.field === 'groupSize'), ...all.filter((e) => e.field !== 'groupSize')];
}

export type PhoneBooking = Omit<BookingInput, 'acceptTerms' | 'option' | 'slotId'> & { status: StaffPlacedStatus };

/**
 * A booking staff take for a caller on this slot; `raw.groupSize` a number (or the text typed), or
 * for an activity with price categories `raw.party` the counts of each (the group size their sum);
 * the extras chosen among those the activity offers (`offered`: withExtrasFaults).
 */
export function parsePhoneBooking(
  raw: Record<string, unknown>,
  activity: Activity,
  offered: readonly Extra[],
  slot: Slot,
  now: Date,
): FormResult<PhoneBooking> {
  const sized = withPartySize(raw);
  const result = phoneBookingFields.safeParse(sized);
  const parsed = withGroupLimit(sized, result.success ? [] : countErrorsOf(result.error), activity);
  const errors = withExtrasFaults(offered, sized.extras, withPartyFaults(activity, sized.party, parsed));
  // A status the activity does not allow now is refused with the other fields' errors.
  const chosen = phoneBookingFields.shape.status.safeParse(raw.status);
  const status = chosen.success ? statusError(activity, slot, now, chosen.data) : undefined;
  if (status) errors.push(status);
  return result.success && errors.length === 0 ? { ok: true, value: result.data } : { ok: false, errors };
}

export type StaffEdit = OrganiserContact & { groupSize: number; party?: Party | undefined };

const staffEditFields = organiserFields.extend({ party: bookingInputSchema.shape.party });

/**
 * A change staff make to a booking: a group size, or for an activity with price categories
 * `raw.party` the counts of each (the group size their sum), checked against the categories the
 * booking keeps (bookingPricing), as the organiser's change is; a group size it already has passes
 * whatever the limits now say.
 */
export function parseStaffEdit(raw: Record<string, unknown>, booking: BookingDetails): FormResult<StaffEdit> {
  const sized = withPartySize(raw);
  const result = staffEditFields.safeParse(sized);
  const parsed = result.success ? [] : countErrorsOf(result.error);
  const limited = sized.groupSize === booking.groupSize ? parsed : withGroupLimit(sized, parsed, booking.activity);
  const errors = sized.party === undefined ? limited : withPartyFaults({ pricing: bookingPricing(booking) }, sized.party, limited);
  return result.success && errors.length === 0 ? { ok: true, value: result.data } : { ok: false, errors };
}
