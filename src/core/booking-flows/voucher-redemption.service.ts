import type { Db } from '../../db/schema.js';
import { lockSlot } from '../bookings/booking-admin.repository.js';
import { findPayingBooking } from '../payments/checkout.repository.js';
import { bookingPayment, payableNowCents, payingBookingOf } from '../payments/payment-state.js';
import { findPayment, lockBooking, moneyOf } from '../payments/payments.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { VoucherRefused } from '../vouchers/voucher.js';
import { redeemVoucher, voucherToPay } from '../vouchers/voucher.service.js';
import { syncPaidStateOf } from './balances.service.js';
import { bookingPaid } from './checkout.service.js';

/**
 * Pays what a placed booking owes with a gift voucher (its manage page): as much as the
 * voucher holds, at most what is outstanding. Under the slot's and the booking's locks (the lock
 * order of every change of places) the payment is recorded and does what a payment does: a
 * booking awaiting its first payment that it covers is confirmed, with the organiser's receipt
 * and the venue's notice. An option or a request is refused (`voucher_not_now`: it may never be
 * confirmed); a booking that owes nothing, or can no longer be paid (cancelled, expired, its
 * window over), throws `nothing_due`. Returns what the voucher paid.
 */
export async function payWithVoucher(db: Db, clock: Clock, bookingId: string, code: string): Promise<{ cents: number }> {
  const before = await findPayingBooking(db, bookingId);
  if (!before) throw new DomainError('not_found');
  if (before.status === 'option' || before.status === 'requested') throw new VoucherRefused('voucher_not_now');
  const voucher = await voucherToPay(db, clock, code, before.venue_id);
  return db.transaction().execute(async (trx) => {
    await lockSlot(trx, before.slot_id);
    await lockBooking(trx, bookingId);
    const booking = await findPayingBooking(trx, bookingId);
    if (!booking) throw new DomainError('not_found');
    const state = bookingPayment(payingBookingOf(booking), await moneyOf(trx, bookingId));
    const payable =
      booking.status === 'confirmed' || (booking.status === 'awaiting_payment' && payableNowCents(booking, state, clock.now()) > 0);
    if (!payable || state.dueCents === 0) throw new DomainError('nothing_due');
    const cents = Math.min(voucher.balanceCents, state.dueCents);
    const paymentId = await redeemVoucher(trx, clock, { voucherId: voucher.id, bookingId, venueId: booking.venue_id, cents });
    const payment = await findPayment(trx, paymentId);
    if (!payment) throw new Error(`payment ${paymentId} not recorded`);
    await bookingPaid(trx, clock, payment, booking);
    await syncPaidStateOf(trx, clock, bookingId);
    return { cents };
  });
}
