import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { findBookingInScope } from '../bookings/booking-admin.repository.js';
import { decimal, requiredText } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, fieldErrorsOf } from '../shared/field-errors.js';
import { isKey } from '../shared/ids.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import type { StaffMember } from '../staff/staff.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { RefundRow } from '../payments/payments.repository.js';
import { refundBooking } from './refund.service.js';

export const REFUND_REASON_MAX_LENGTH = 500;

/** The staff refund form: an amount in euros ("12,50" or "12.50", more than 0) and why. */
const staffRefundForm = z.object({
  amount: decimal('invalid_amount', 100_000_00, 'plain', { min: 1 }),
  reason: requiredText(REFUND_REASON_MAX_LENGTH),
});

/**
 * Staff give money back: any amount up to what was paid net of refunds, with their reason, which
 * the booking's history keeps (refundBooking records it with the refunds, under the booking's
 * lock: two refunds racing never give back more than was paid). Every refused field at once; a
 * refund larger than what is left is refused at the amount (`refund_too_large`).
 */
export async function refundAsStaff(
  db: Db,
  clock: Clock,
  payments: PaymentContext,
  actor: { member: StaffMember; client: string | null },
  bookingId: string,
  raw: Record<string, unknown>,
): Promise<FormResult<RefundRow[]>> {
  const booking = isKey(bookingId) ? await findBookingInScope(db, venueScopeOf(actor.member), bookingId) : undefined;
  if (!booking) throw new DomainError('not_found');
  const parsed = staffRefundForm.safeParse({ amount: raw.amount ?? '', reason: raw.reason ?? '' });
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  try {
    const refunds = await refundBooking(db, clock, payments, {
      bookingId: booking.id,
      amountCents: parsed.data.amount,
      cause: 'staff',
      reason: parsed.data.reason,
      by: { by: 'staff', member: actor.member, client: actor.client },
    });
    return { ok: true, value: refunds };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'refund_too_large') {
      return { ok: false, errors: [{ field: 'amount', code: 'refund_too_large' }] };
    }
    throw error;
  }
}
