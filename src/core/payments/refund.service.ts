import type { Db } from '../../db/schema.js';
import { type BookingActor, recordBookingEvent } from '../bookings/booking-history.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { mollieKeyFor } from './mollie-key.js';
import type { RefundCause } from './payment.js';
import type { PaymentContext } from './payment-context.js';
import { ProviderUnavailable } from './payment-provider.js';
import {
  findRefundTarget,
  insertRefund,
  lockBooking,
  listPayments,
  listRefunds,
  type PaymentRow,
  REFUNDS_COUNTED,
  type RefundRow,
  updateRefund,
} from './payments.repository.js';

export interface RefundRequest {
  bookingId: string;
  amountCents: number;
  cause: RefundCause;
  /** Why, in staff's words (cause 'staff'); empty otherwise. */
  reason: string;
  by: BookingActor;
}

/** What is left to refund of each paid payment, newest first: money goes back the way it came, latest first. */
export function refundable(payments: PaymentRow[], refunds: RefundRow[]): { payment: PaymentRow; cents: number }[] {
  return payments
    .filter((payment) => payment.status === 'paid')
    .map((payment) => ({
      payment,
      cents:
        payment.amount_cents -
        refunds
          .filter((refund) => refund.payment_id === payment.id && (REFUNDS_COUNTED as readonly string[]).includes(refund.status))
          .reduce((sum, refund) => sum + refund.amount_cents, 0),
    }))
    .filter((part) => part.cents > 0)
    .reverse();
}

/**
 * Gives `amountCents` of a booking's payments back: records the refunds (one per payment it
 * draws on) and the booking's history entry in one transaction under the booking's lock, so two
 * refunds racing cannot together give back more than was paid (`refund_too_large`). Then asks
 * Mollie for each Mollie refund; one Mollie does not take now stays `creating` and
 * `sendPendingRefunds` sends it again (the refund's id is the idempotency key: never twice).
 * A bank payment's refund is recorded as done: staff transfer it back themselves.
 */
export async function refundBooking(db: Db, clock: Clock, context: PaymentContext, request: RefundRequest): Promise<RefundRow[]> {
  if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) throw new DomainError('refund_too_large');
  const stamp = clock.now().toISOString();
  const rows = await db.transaction().execute(async (trx) => {
    const booking = await lockBooking(trx, request.bookingId);
    if (!booking) throw new DomainError('not_found');
    const parts = refundable(await listPayments(trx, booking.id), await listRefunds(trx, booking.id));
    if (parts.reduce((sum, part) => sum + part.cents, 0) < request.amountCents) throw new DomainError('refund_too_large');
    const planned: RefundRow[] = [];
    let left = request.amountCents;
    for (const { payment, cents } of parts) {
      if (left === 0) break;
      const take = Math.min(left, cents);
      left -= take;
      const row: RefundRow = {
        id: newId(),
        booking_id: booking.id,
        payment_id: payment.id,
        provider_id: null,
        amount_cents: take,
        status: payment.method === 'bank' ? 'refunded' : 'creating',
        cause: request.cause,
        reason: request.reason,
        staff_id: request.by.by === 'staff' ? request.by.member.id : null,
        created_at: stamp,
        updated_at: stamp,
      };
      await insertRefund(trx, row);
      planned.push(row);
    }
    await recordBookingEvent(trx, clock, {
      ...request.by,
      venueId: booking.venue_id,
      reference: booking.reference,
      action: 'booking.refunded',
      detail: { amount_cents: request.amountCents, cause: request.cause, ...(request.reason !== '' && { reason: request.reason }) },
    });
    return planned;
  });
  return sendRefunds(db, clock, context, rows);
}

/** Asks Mollie for each refund still `creating`; returns the rows as they are then. */
export async function sendRefunds(db: Db, clock: Clock, context: PaymentContext, rows: RefundRow[]): Promise<RefundRow[]> {
  const sent: RefundRow[] = [];
  for (const row of rows) {
    if (row.status !== 'creating') {
      sent.push(row);
      continue;
    }
    sent.push(await sendRefund(db, clock, context, row));
  }
  return sent;
}

async function sendRefund(db: Db, clock: Clock, context: PaymentContext, row: RefundRow): Promise<RefundRow> {
  const target = await findRefundTarget(db, row.payment_id);
  const apiKey = await mollieKeyFor(db, context.secretKey, context.settings, target.venue_id);
  if (target.provider_id === null || apiKey === null) return row;
  try {
    const refund = await context.settings.provider.createRefund(apiKey, target.provider_id, {
      amountCents: row.amount_cents,
      description: `Groupz ${target.reference} refund`,
      reference: row.id,
    });
    const at = clock.now().toISOString();
    await updateRefund(db, row.id, { status: refund.status, providerId: refund.id, at });
    return { ...row, status: refund.status, provider_id: refund.id, updated_at: at };
  } catch (error) {
    if (error instanceof ProviderUnavailable) return row;
    throw error;
  }
}
