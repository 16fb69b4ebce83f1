import type { Executor } from '../../db/schema.js';
import { localDateOf } from '../shared/time.js';
import { type DiscountCode, DiscountRefused, discountRefusal, normaliseCode } from './discount-code.js';
import { findDiscountCode } from './discount-codes.repository.js';

/**
 * The venue's code an organiser typed, checked for a booking of the activity for the group, placed
 * now (valid dates are Amsterdam dates): the code, or DiscountRefused naming why not. The booking's
 * transaction then takes a use (takeDiscountUse), which refuses a code used up since.
 */
export async function discountForBooking(
  db: Executor,
  typed: string,
  booking: { venueId: string; activityId: string; groupSize: number; now: Date },
): Promise<DiscountCode> {
  const code = await findDiscountCode(db, booking.venueId, normaliseCode(typed));
  const refusal = discountRefusal(code, { ...booking, today: localDateOf(booking.now) });
  if (refusal) throw new DiscountRefused(refusal.code, refusal.params);
  return code!;
}
