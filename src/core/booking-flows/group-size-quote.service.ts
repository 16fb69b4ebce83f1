import { morePersonsFit } from '../availability/slot.js';
import type { Executor } from '../../db/schema.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import { priceOfSelection } from './booking-price.service.js';
import { quotePolicyRefund } from './policy-refund.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { BookingDetails } from '../bookings/booking.js';
import { groupSizeRefusal } from '../bookings/booking-changes.js';
import { atBookedExtraPrices, bookingPricing } from '../bookings/booking-pricing.js';
import { partyFaults } from '../bookings/booking-input.js';
import type { Group, Party } from '../catalog/price-categories.js';
import { changedGroup } from '../catalog/pricing.js';
import { FieldsRefused } from '../shared/field-errors.js';
import { resizedExtras } from '../catalog/extras.js';
import { heldExtrasOf, refuseResizeShort } from './booking-extras.service.js';
import { findBookingDiscountTerms } from '../discounts/discount-codes.repository.js';
import { refuseBelowCodeMinimum } from '../discounts/discount-code.js';
import { findRefundTerms } from '../payments/payments.repository.js';

/**
 * The booking's price for a group (its size, and its party by price category) by the price rules
 * it was made under (bookingPricing: its activity's pricing as booked, its extras at the unit
 * prices it took them at), at the VAT rates of its visit's date: its per-person extras follow the
 * group, and so does the discount it was given when booked (an amount per person); a group below
 * the code's minimum is refused (`discount_group_too_small`), as a new booking of that size would
 * be, and so is a price that with the fees the booking kept comes above the most one booking may
 * cost (`total_too_large`: priceAtRates).
 */
export async function priceForGroup(db: Executor, booking: BookingDetails, group: Group): Promise<PriceBreakdown> {
  const held = atBookedExtraPrices(await heldExtrasOf(db, booking.activity.id, booking.id), booking.price);
  const extras = resizedExtras(held, group.groupSize);
  const discount = await findBookingDiscountTerms(db, booking.id);
  refuseBelowCodeMinimum(discount, group.groupSize);
  return priceOfSelection(db, bookingPricing(booking), booking.slot.startsAt, {
    ...group,
    extras,
    discount,
    repriced: { adjustmentCents: (await findRefundTerms(db, booking.id))?.adjustment_cents ?? 0, previousCents: booking.price.totalCents },
  });
}

/**
 * The booking's group after a change (changedGroup), or the rule that refuses it: a party that
 * does not fit the booking's price categories (bookingPricing: as booked, with those the activity
 * added since; FieldsRefused), a size outside the activity's limits or past the booking's deadlines
 * (groupSizeRefusal, as a DomainError).
 */
export function groupAfterChange(booking: BookingDetails, change: number | Party, now: Date): Group {
  const pricing = bookingPricing(booking);
  if (typeof change !== 'number') {
    const faults = partyFaults({ pricing }, change);
    if (faults.length > 0) throw new FieldsRefused(faults);
  }
  const group = changedGroup(pricing, booking, change);
  const refusal = groupSizeRefusal(booking, group.groupSize, now);
  if (refusal) throw new DomainError(refusal);
  return group;
}

/** What a change of the group size would do to the booking's money, before the organiser confirms it. */
export interface GroupSizeQuote {
  from: number;
  to: number;
  /** The new party by price category; null for an activity without categories. */
  party: Party | null;
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
 * What changing the booking's group (a size, or a party by price category) would do, by the rules
 * and the money changeGroupSize applies: refused as it would be (a place beyond the slot's free
 * ones: `slot_full`; a per-person extra beyond its stock: `extra_sold_out`), else the new
 * price and, for a smaller group, the refund and fee of the booking's policy now.
 */
export async function quoteGroupSize(db: Executor, clock: Clock, booking: BookingDetails, change: number | Party): Promise<GroupSizeQuote> {
  const group = groupAfterChange(booking, change, clock.now());
  const { groupSize } = group;
  if (groupSize - booking.groupSize > morePersonsFit(booking.slot)) throw new DomainError('slot_full');
  await refuseResizeShort(db, booking.slot.id, await heldExtrasOf(db, booking.activity.id, booking.id), groupSize);
  const { totalCents } = await priceForGroup(db, booking, group);
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
    party: group.party,
    totalCents,
    extraCents: Math.max(0, totalCents - before),
    refundCents: smaller ? policy.amountCents : 0,
    percent: policy.percent,
    keptCents: smaller ? policy.keptCents : 0,
    netPaidCents: policy.netPaidCents,
  };
}
