import type { Db } from '../../db/schema.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { FormResult } from '../shared/field-errors.js';
import { isKey, newId } from '../shared/ids.js';
import { localDateOf, startOfLocalDay } from '../shared/time.js';
import { type VenueScope, venueScopeOf } from '../shared/venue-scope.js';
import type { StaffMember } from '../staff/staff.js';
import { type BankPayment, parseBankPayment } from '../payments/bank-payment.js';
import { syncPaidState } from './balances.service.js';
import { paymentOfRow } from '../payments/payment-of-row.js';
import { insertPayment, lockBooking } from '../payments/payments.repository.js';
import { findBookingInScope } from '../bookings/booking-admin.repository.js';

/** What a recorded payment did: the amount, and whether the booking is now paid in full. */
export interface RecordedPayment {
  payment: BankPayment;
  paymentId: string;
  settled: boolean;
}

async function bookingIdInScope(db: Db, scope: VenueScope, id: string): Promise<string> {
  const row = isKey(id) ? await findBookingInScope(db, scope, id) : undefined;
  if (!row) throw new DomainError('not_found');
  return row.id;
}

/**
 * Records a bank transfer the venue received for a booking of the member's scope, partial or
 * full: checked against what is outstanding under the booking's lock (two staff recording the
 * same transfer at once cannot together record more than is owed), inserted as a `bank` payment
 * `paid` on the day received, with the booking's history entry `booking.payment_recorded`; once
 * nothing is outstanding the booking is marked paid. A booking that owes nothing refuses
 * (`nothing_due`).
 */
export async function recordBankPayment(
  db: Db,
  clock: Clock,
  actor: { member: StaffMember; client: string | null },
  id: string,
  raw: Record<string, unknown>,
): Promise<FormResult<RecordedPayment>> {
  const bookingId = await bookingIdInScope(db, venueScopeOf(actor.member), id);
  const now = clock.now();
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const booking = await lockBooking(trx, bookingId);
    if (!booking) throw new DomainError('not_found');
    if (booking.status === 'cancelled' || booking.status === 'expired' || booking.status === 'awaiting_payment') {
      throw new DomainError('nothing_due');
    }
    const row = { ...booking, balance_due_on: booking.balance_due_on };
    const before = await paymentOfRow(trx, row);
    if (before.dueCents === 0) throw new DomainError('nothing_due');
    const parsed = parseBankPayment(raw, { outstandingCents: before.dueCents, today: localDateOf(now) });
    if (!parsed.ok) return parsed;
    const payment = parsed.value;
    const paymentId = newId();
    await insertPayment(trx, {
      id: paymentId,
      booking_id: booking.id,
      venue_id: booking.venue_id,
      method: 'bank',
      provider_id: null,
      amount_cents: payment.amountCents,
      status: 'paid',
      checkout_url: null,
      recorded_by: actor.member.id,
      note: payment.note,
      created_at: stamp,
      updated_at: stamp,
      paid_at: startOfLocalDay(payment.receivedOn).toISOString(),
    });
    const settled = payment.amountCents === before.dueCents;
    await recordBookingEvent(trx, clock, {
      by: 'staff',
      ...actor,
      venueId: booking.venue_id,
      reference: booking.reference,
      action: 'booking.payment_recorded',
      detail: {
        amount_cents: payment.amountCents,
        received_on: payment.receivedOn,
        outstanding_cents: before.dueCents - payment.amountCents,
      },
    });
    await syncPaidState(trx, clock, row);
    return { ok: true, value: { payment, paymentId, settled } };
  });
}
