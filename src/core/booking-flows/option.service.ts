import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { BookingDetails } from '../bookings/booking.js';
import { findBookingRow } from '../bookings/booking-lifecycle.repository.js';
import { changeStatus, detailsToChange } from './status-change.service.js';

/**
 * The organiser confirms their option from the manage link: it becomes a confirmed booking, or a
 * request when the activity books on request. The option already holds the places, so this is one
 * conditional status change, which also needs the deadline still ahead: an option past its
 * deadline is refused with `option_expired`, also before the expiry job has run. Returns false when
 * nothing changed because the booking is no open option (confirmed already, by a concurrent click
 * or by staff; cancelled).
 */
export async function confirmOption(db: Db, clock: Clock, booking: BookingDetails): Promise<boolean> {
  const now = clock.now();
  if (booking.status === 'expired') throw new DomainError('option_expired');
  if (booking.status !== 'option') return false;
  if (booking.optionExpiresAt === null || booking.optionExpiresAt.getTime() <= now.getTime()) throw new DomainError('option_expired');
  const to = booking.activity.rules.bookingMode === 'request' ? 'requested' : 'confirmed';
  const changed = await db
    .transaction()
    .execute((trx) =>
      changeStatus(trx, clock, detailsToChange(booking), { to, actor: { by: 'organiser' }, action: `booking.${to}`, option: 'open' }),
    );
  if (changed) return true;
  // Another request was first. Still an option (its deadline passed meanwhile) or expired: refused.
  const status = (await findBookingRow(db, booking.id))?.status;
  if (status === 'option' || status === 'expired') throw new DomainError('option_expired');
  return false;
}
