import type { Executor } from '../../db/schema.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import { priceOfSelection } from './booking-price.service.js';
import { quotePolicyRefund } from './policy-refund.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { BookingDetails } from '../bookings/booking.js';
import { groupSizeRefusal } from '../bookings/booking-changes.js';
import { findBookingDiscountTerms } from '../discounts/discount-codes.repository.js';

/**
 * The booking's price for `groupSize` places, at the VAT rates of its visit's date, with the
 * discount it was given when booked (an amount per person follows the new size).
 */
export async function priceForSize(db: Executor, booking: BookingDetails, groupSize: number): Promise<PriceBreakdown> {
  const discount = await findBookingDiscountTerms(db, booking.id);
  return priceOfSelection(db, booking.activity, booking.slot.startsAt, { groupSize, discount });
}

/** What a change of the group size would do to the booking's money, before the organiser confirms it. */
export interface GroupSizeQuote {
  from: number;
  to: number;
  /** The new price. */
  totalCents: number;
  /** A larger group: what the price goes up by; 0 otherwise. */
  extraCents: number;
  /** A smaller group: what the cancellation policy gives back of what was paid; 0 otherwise. */
  refundCents: number;
  /** A smaller group: the policy's percentage now, and what the venue keeps of the places given up (its fee). */
  percent: number;
  keptCents: number;
  /** What was paid net of refunds. */
  netPaidCents: number;
}

/**
 * What changing the booking to `groupSize` would do, by the rules and the money changeGroupSize
 * applies: refused as it would be (a place beyond the slot's free ones: `slot_full`), else the new
 * price and, for a smaller group, the refund and fee of the booking's policy now.
 */
export async function quoteGroupSize(db: Executor, clock: Clock, booking: BookingDetails, groupSize: number): Promise<GroupSizeQuote> {
  const refusal = groupSizeRefusal(booking, groupSize, clock.now());
  if (refusal) throw new DomainError(refusal);
  if (groupSize - booking.groupSize > booking.slot.capacity - booking.slot.bookedPersons) throw new DomainError('slot_full');
  const { totalCents } = await priceForSize(db, booking, groupSize);
  const before = booking.price.totalCents;
  const cancelledCents = Math.max(0, before - totalCents);
  const policy = await quotePolicyRefund(
    db,
    clock,
    { id: booking.id, startsAt: booking.slot.startsAt },
    { remainingPriceCents: totalCents, cancelledCents },
  );
  const smaller = cancelledCents > 0;
  return {
    from: booking.groupSize,
    to: groupSize,
    totalCents,
    extraCents: Math.max(0, totalCents - before),
    refundCents: smaller ? policy.amountCents : 0,
    percent: policy.percent,
    keptCents: smaller ? policy.keptCents : 0,
    netPaidCents: policy.netPaidCents,
  };
}
