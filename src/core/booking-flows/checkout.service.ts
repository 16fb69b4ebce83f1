import type { Db, Executor, Tx } from '../../db/schema.js';
import { refusalFor } from '../availability/bookability.js';
import { findSlotWithActivity, releaseCapacity } from '../availability/slot.repository.js';
import { takeSlotPlaces } from '../availability/slot-places.service.js';
import type { Slot } from '../availability/slot.js';
import { takeBookingDiscountUse } from '../discounts/discount-codes.repository.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { lockSlot } from '../bookings/booking-admin.repository.js';
import { releaseExtras, retakeExtras } from './booking-extras.service.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import { enqueueStaffNotice } from '../bookings/staff-notice.service.js';
import { type BookingToChange, changeStatus } from './status-change.service.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { findPayingBooking, findPendingCheckout, type PayingBookingRow, refundedOfPayment } from '../payments/checkout.repository.js';
import { mollieAccountFor, fetchProviderPayment } from '../payments/mollie-key.js';
import { syncPaidStateOf } from './balances.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { type ProviderPayment, ProviderUnavailable } from '../payments/payment-provider.js';
import { type BookingPayment, bookingPayment, payableNowCents, payingBookingOf } from '../payments/payment-state.js';
import {
  addBookingAdjustment,
  findPayment,
  insertPayment,
  insertRefund,
  listPayments,
  listRefunds,
  lockBooking,
  moneyOf,
  type PaymentRow,
  type RefundRow,
  REFUNDS_COUNTED,
  updatePaymentStatus,
} from '../payments/payments.repository.js';
import { GOODWILL_CAUSES, recordRefund, refundable, sendRefunds } from './refund.service.js';

/**
 * Paying a booking online through Mollie's hosted checkout, and what Mollie says of it. The state
 * of a payment always comes from Mollie (its webhook, or a fetch on the way back), never from the
 * browser; each report is applied by fetching the payment as Mollie knows it now, so reports
 * repeated, racing or out of order all end in Mollie's current truth, applied once.
 */

/** The payment state of a booking (payment-state.ts) from its terms and its money. */
export async function bookingPaymentOf(db: Executor, bookingId: string): Promise<BookingPayment> {
  const row = await findPayingBooking(db, bookingId);
  if (!row) throw new DomainError('not_found');
  return paymentStateOf(row, await moneyOf(db, bookingId));
}

function paymentStateOf(row: PayingBookingRow, money: { paidCents: number; refundedCents: number }): BookingPayment {
  return bookingPayment(payingBookingOf(row), money);
}

/** How old an open checkout may be before it is checked with Mollie before the organiser is sent to it again. */
const RECHECK_OPEN_AFTER_MS = 5 * 60_000;

/**
 * Starts (or resumes) paying what is due now: under the booking's lock, reuses a payment of the
 * same amount that is still open at Mollie (its checkout known) or whose creation was not answered
 * (asked again with the same id, Mollie's idempotency key: the same payment); else records a new
 * one as `creating`. Then asks Mollie for it and records its id, status and checkout. An open one
 * older than RECHECK_OPEN_AFTER_MS is asked of Mollie first (settlePayment): reused only while
 * still open there, else a new one is started (once).
 * Throws `nothing_due` when nothing is to be paid online now (also once a booking's window has
 * passed: it is about to expire), `payment_unavailable` when no key
 * serves the venue or Mollie does not answer (the row stays `creating`; a retry resumes it).
 */
export async function startCheckout(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  bookingId: string,
  returnUrl: (paymentId: string) => string,
  recheck = true,
): Promise<{ checkoutUrl: string }> {
  const found = await findPayingBooking(db, bookingId);
  if (!found) throw new DomainError('not_found');
  const account = await mollieAccountFor(db, context.secretKey, context.settings, found.venue_id);
  const apiKey = account?.apiKey ?? null;
  const { payment, booking } = await db.transaction().execute(async (trx) => {
    await lockBooking(trx, bookingId);
    const row = await findPayingBooking(trx, bookingId);
    if (!row) throw new DomainError('not_found');
    const amountCents = payableNowCents(row, paymentStateOf(row, await moneyOf(trx, bookingId)), clock.now());
    if (amountCents === 0) throw new DomainError('nothing_due');
    if (apiKey === null) throw new DomainError('payment_unavailable');
    const pending = await findPendingCheckout(trx, bookingId, amountCents);
    if (pending) return { payment: pending, booking: row };
    const stamp = clock.now().toISOString();
    const created: PaymentRow = {
      id: newId(),
      booking_id: bookingId,
      venue_id: row.venue_id,
      method: 'mollie',
      provider_id: null,
      amount_cents: amountCents,
      status: 'creating',
      checkout_url: null,
      recorded_by: null,
      note: '',
      created_at: stamp,
      updated_at: stamp,
      paid_at: null,
      // The account the key is: the payment's refunds go back to it (mollieKeyOfPayment).
      provider_account: account?.account ?? null,
      voucher_id: null,
    };
    await insertPayment(trx, created);
    return { payment: created, booking: row };
  });
  if (payment.status === 'open' && payment.checkout_url !== null) {
    const age = clock.now().getTime() - Date.parse(payment.updated_at);
    if (age < RECHECK_OPEN_AFTER_MS) return { checkoutUrl: payment.checkout_url };
    // Mollie may have expired or cancelled it without its webhook reaching Groupz yet: ask first.
    const now = await settlePayment(db, clock, context, payment.id);
    if (now.status === 'open' && now.checkout_url !== null) return { checkoutUrl: now.checkout_url };
    if (recheck) return startCheckout(db, clock, context, bookingId, returnUrl, false);
    throw new DomainError('payment_unavailable');
  }
  if (apiKey === null) throw new DomainError('payment_unavailable');
  let created: ProviderPayment;
  try {
    created = await context.settings.provider.createPayment(apiKey, {
      amountCents: payment.amount_cents,
      description: `Groupz ${booking.reference}`,
      redirectUrl: returnUrl(payment.id),
      webhookUrl: `${context.publicUrl}/payments/webhook`,
      reference: payment.id,
      locale: booking.language === 'en' ? 'en_US' : 'nl_NL',
    });
  } catch (error) {
    if (error instanceof ProviderUnavailable) throw new DomainError('payment_unavailable');
    throw error;
  }
  await db.transaction().execute((trx) =>
    updatePaymentStatus(trx, payment.id, {
      status: created.status,
      providerId: created.id,
      checkoutUrl: created.checkoutUrl,
      paidAt: created.paidAt?.toISOString() ?? null,
      at: clock.now().toISOString(),
    }),
  );
  if (created.status !== 'open' || created.checkoutUrl === null) throw new DomainError('payment_unavailable');
  return { checkoutUrl: created.checkoutUrl };
}

/**
 * Asks Mollie for the payment as it is now and applies it (see applyPayment); returns the row
 * after. A payment Mollie was never told of (`creating` without its id) is returned as it is.
 * Throws `payment_unavailable` when Mollie does not answer: the caller tries again later.
 */
export async function settlePayment(db: Db, clock: Clock, context: PaymentContext, paymentId: string): Promise<PaymentRow> {
  const payment = await findPayment(db, paymentId);
  if (!payment) throw new DomainError('not_found');
  if (payment.method !== 'mollie' || payment.provider_id === null) return payment;
  // Asked with the key of the account that took it: another account does not know the payment.
  const remote = await fetchProviderPayment(db, context.secretKey, context.settings, { ...payment, provider_id: payment.provider_id });
  if (!remote) return payment;
  const late = await applyPayment(db, clock, payment, remote);
  // Recorded with the payment, in its transaction: a crash before Mollie is asked leaves the refund
  // `creating`, and sending pending refunds again (by its id, the idempotency key) finishes it.
  if (late.length > 0) await sendRefunds(db, clock, context, late);
  return (await findPayment(db, paymentId)) ?? payment;
}

/**
 * Applies Mollie's word on a payment in one transaction, under the slot's and the booking's locks
 * (the lock order of every change of places: slot, then booking): its status, once (the same
 * status again changes nothing); when it became paid, what that means for the booking; refunds the
 * venue made in Mollie's dashboard. A payment for a booking cancelled, or expired whose places are
 * gone, is refunded in full (cause `late_payment`): the refund recorded here, sent to Mollie after
 * the commit. Returns those refunds.
 */
async function applyPayment(db: Db, clock: Clock, payment: PaymentRow, remote: ProviderPayment): Promise<RefundRow[]> {
  const before = await findPayingBooking(db, payment.booking_id);
  if (!before) throw new DomainError('not_found');
  return db.transaction().execute(async (trx) => {
    await lockSlot(trx, before.slot_id);
    await lockBooking(trx, payment.booking_id);
    const booking = await findPayingBooking(trx, payment.booking_id);
    if (!booking) throw new DomainError('not_found');
    const stamp = clock.now().toISOString();
    const changed = await updatePaymentStatus(trx, payment.id, {
      status: remote.status,
      providerId: remote.id,
      checkoutUrl: remote.checkoutUrl,
      paidAt: remote.paidAt?.toISOString() ?? null,
      at: stamp,
    });
    await recordDashboardRefunds(trx, clock, payment, booking, remote);
    let refunds: RefundRow[] = [];
    if (remote.status === 'paid' && changed) {
      const late = await bookingPaid(trx, clock, payment, booking);
      if (late) {
        // Recorded before the mails are queued, so they state the refund under way.
        refunds = await refundLate(trx, clock, payment, booking);
        await tellLateRefund(trx, clock, payment, booking);
      } else {
        refunds = await refundExcess(trx, clock, payment, booking);
      }
    }
    // The booking's "paid" mark follows its ledger (balances.service.ts), after every change of its money.
    await syncPaidStateOf(trx, clock, booking.id);
    return refunds;
  });
}

function toChange(booking: PayingBookingRow): BookingToChange {
  return {
    id: booking.id,
    reference: booking.reference,
    venueId: booking.venue_id,
    slotId: booking.slot_id,
    groupSize: booking.group_size,
    status: booking.status as BookingStatus,
    email: booking.organiser_email,
    language: booking.language === 'en' ? 'en' : 'nl',
  };
}

/** The organiser's receipt for a payment, once per payment. */
function receiptOf(payment: PaymentRow) {
  return {
    kind: 'payment_received',
    dedupeKey: `payment_received:${payment.id}`,
    detail: { amount_cents: payment.amount_cents },
  } as const;
}

/**
 * A payment received that does not change the booking's status (less than is due now, or a
 * balance): its history entry (`booking.payment_received`, with `extra`) and the organiser's receipt.
 */
async function recordPaymentReceived(
  trx: Tx,
  clock: Clock,
  payment: PaymentRow,
  booking: PayingBookingRow,
  extra: Record<string, number> = {},
): Promise<void> {
  await recordBookingEvent(trx, clock, {
    by: 'system',
    venueId: booking.venue_id,
    reference: booking.reference,
    action: 'booking.payment_received',
    detail: { payment_id: payment.id, amount_cents: payment.amount_cents, ...extra },
  });
  const language = booking.language === 'en' ? 'en' : 'nl';
  await enqueueBookingMail(trx, clock, { ...receiptOf(payment), bookingId: booking.id, recipient: booking.organiser_email, language });
}

/** What a payment that just became paid does to its booking; true when it came too late and goes back. */
export async function bookingPaid(trx: Tx, clock: Clock, payment: PaymentRow, booking: PayingBookingRow): Promise<boolean> {
  const received = receiptOf(payment);
  const detail = { payment_id: payment.id, amount_cents: payment.amount_cents };
  const change = toChange(booking);
  const status = booking.status as BookingStatus;
  if (status === 'awaiting_payment') {
    // What was paid counts, whatever the venue gave back since (in Mollie's dashboard, say).
    const state = paymentStateOf(booking, { paidCents: (await moneyOf(trx, booking.id)).paidCents, refundedCents: 0 });
    if (state.dueNowCents === 0) {
      await changeStatus(trx, clock, change, { to: 'confirmed', actor: { by: 'system' }, action: 'booking.paid', mail: received, detail });
      return false;
    }
    // Less than is due now (a checkout for an older, smaller amount): a receipt, and the booking
    // keeps waiting for the rest; the venue hears nothing until it is confirmed.
    await recordPaymentReceived(trx, clock, payment, booking, { due_now_cents: state.dueNowCents });
    return false;
  }
  if (status === 'expired') {
    // Paid after the window: the places again if the slot can still be booked and they are still free, else the money back.
    // Its extras and its discount code's use too (given back when it expired), taken after the
    // places like a new booking's (the same lock order): all, or none and the money back.
    const slot = await stillBookable(trx, clock, booking);
    if (slot && !(await takeSlotPlaces(trx, slot, booking.group_size))) {
      if (await retakeExtras(trx, booking.slot_id, booking.id)) {
        if (await takeBookingDiscountUse(trx, booking.id)) {
          const late = { to: 'confirmed', actor: { by: 'system' }, action: 'booking.paid_late', mail: received, detail } as const;
          if (!(await changeStatus(trx, clock, change, late))) throw new Error(`booking ${booking.id} changed under its lock`);
          return false;
        }
        await releaseExtras(trx, booking.slot_id, booking.id);
      }
      if (!(await releaseCapacity(trx, booking.slot_id, booking.group_size)))
        throw new Error(`slot ${booking.slot_id} changed under its lock`);
    }
  }
  // Too late: the caller records the refund and tells both sides (tellLateRefund).
  if (status === 'expired' || status === 'cancelled') return true;
  // A balance (or any further payment) of a booking that stands: recorded, and a receipt.
  await recordPaymentReceived(trx, clock, payment, booking);
  await enqueueStaffNotice(trx, clock, {
    kind: 'staff_booking_changed',
    bookingId: booking.id,
    venueId: booking.venue_id,
    detail: { change: 'paid', by: 'organiser', amount_cents: payment.amount_cents },
    dedupeKey: `staff_booking_changed:${booking.id}:paid:${payment.id}`,
  });
  return false;
}

/** Tells the organiser and the venue's staff that a payment came too late and goes back. */
async function tellLateRefund(trx: Tx, clock: Clock, payment: PaymentRow, booking: PayingBookingRow): Promise<void> {
  await tellRefund(trx, clock, payment, booking, { action: 'booking.paid_too_late', cents: payment.amount_cents });
}

/** The words of a payment going back, by why: the organiser's mail and the staff notice's change. */
const REFUND_NOTICES = {
  'booking.paid_too_late': { mail: 'payment_refunded_late', change: 'late_refund' },
  'booking.paid_too_much': { mail: 'payment_refunded_excess', change: 'excess_refund' },
} as const;

/** Tells the organiser and the venue's staff that (part of) a payment goes back: it came too late, or was more than owed. */
async function tellRefund(
  trx: Tx,
  clock: Clock,
  payment: PaymentRow,
  booking: PayingBookingRow,
  what: { action: 'booking.paid_too_late' | 'booking.paid_too_much'; cents: number },
): Promise<void> {
  await recordBookingEvent(trx, clock, {
    by: 'system',
    venueId: booking.venue_id,
    reference: booking.reference,
    action: what.action,
    detail: { payment_id: payment.id, amount_cents: what.cents, status: booking.status },
  });
  const { mail, change: notice } = REFUND_NOTICES[what.action];
  // Staff read why: the booking was cancelled, or its window ended and the places were taken.
  const change = notice === 'late_refund' && booking.status === 'cancelled' ? 'cancelled_refund' : notice;
  await enqueueBookingMail(trx, clock, {
    kind: mail,
    bookingId: booking.id,
    recipient: booking.organiser_email,
    language: booking.language === 'en' ? 'en' : 'nl',
    detail: { amount_cents: what.cents },
    dedupeKey: `${mail}:${payment.id}`,
  });
  await enqueueStaffNotice(trx, clock, {
    kind: 'staff_booking_changed',
    bookingId: booking.id,
    venueId: booking.venue_id,
    detail: { change, by: 'system', amount_cents: what.cents },
    dedupeKey: `staff_booking_changed:${booking.id}:${change}:${payment.id}`,
  });
}

/** What is left of one of the booking's payments to refund: its amount less the refunds drawn on it. */
async function leftOfPayment(trx: Tx, bookingId: string, paymentId: string): Promise<number> {
  const parts = refundable(await listPayments(trx, bookingId), await listRefunds(trx, bookingId));
  return parts.find((part) => part.payment.id === paymentId)?.cents ?? 0;
}

/** Records the refund of what is left of a late payment (its amount less refunds drawn on it), with its history entry. */
async function refundLate(trx: Tx, clock: Clock, payment: PaymentRow, booking: PayingBookingRow): Promise<RefundRow[]> {
  const cents = await leftOfPayment(trx, booking.id, payment.id);
  if (cents === 0) return [];
  return recordRefund(trx, clock, {
    bookingId: booking.id,
    amountCents: cents,
    cause: 'late_payment',
    reason: '',
    by: { by: 'system' },
    paymentId: payment.id,
  });
}

/**
 * A payment of a booking that stands, beyond what it costs (an old checkout paid beside a new one,
 * or after the group became smaller or staff recorded a bank payment): the excess goes back from
 * this payment, and both sides are told.
 */
async function refundExcess(trx: Tx, clock: Clock, payment: PaymentRow, booking: PayingBookingRow): Promise<RefundRow[]> {
  const now = await findPayingBooking(trx, booking.id);
  if (!now || now.status === 'cancelled' || now.status === 'expired') return [];
  const money = await moneyOf(trx, booking.id);
  const excess = money.paidCents - money.refundedCents - (now.total_cents + now.adjustment_cents);
  if (excess <= 0) return [];
  const cents = Math.min(excess, await leftOfPayment(trx, booking.id, payment.id));
  if (cents === 0) return [];
  const refunds = await recordRefund(trx, clock, {
    bookingId: booking.id,
    amountCents: cents,
    cause: 'late_payment',
    reason: '',
    by: { by: 'system' },
    paymentId: payment.id,
  });
  // Told after it is recorded: the mails state the booking's money with the refund.
  await tellRefund(trx, clock, payment, now, { action: 'booking.paid_too_much', cents });
  return refunds;
}

/** The slot, when a late payment may still take its booking's places there: the activity published and the slot not yet closed for bookings. */
async function stillBookable(trx: Tx, clock: Clock, booking: PayingBookingRow): Promise<Slot | undefined> {
  const found = await findSlotWithActivity(trx, booking.slot_id);
  if (!found) return undefined;
  const refusal = refusalFor(found.activity, found.slot, booking.group_size, clock.now());
  return refusal === 'activity_unavailable' || refusal === 'booking_closed' ? undefined : found.slot;
}

/**
 * Refunds the venue made itself in Mollie's dashboard (Mollie counts more refunded than Groupz
 * recorded): recorded as a refund of cause `provider`, reason "Mollie dashboard", so the amounts stay true.
 */
async function recordDashboardRefunds(
  trx: Tx,
  clock: Clock,
  payment: PaymentRow,
  booking: PayingBookingRow,
  remote: ProviderPayment,
): Promise<void> {
  const recorded = await refundedOfPayment(trx, payment.id, REFUNDS_COUNTED);
  const missing = remote.refundedCents - recorded;
  if (missing <= 0) return;
  // Goodwill, like a staff refund, lowers what the booking owes (refund.service.ts recordRefund),
  // except the part that makes by hand what a failed refund of money not owed should have given back.
  const goodwill = missing - Math.min(missing, await failedRefundsNotMadeByHand(trx, payment.id));
  const stamp = clock.now().toISOString();
  await insertRefund(trx, {
    id: newId(),
    booking_id: booking.id,
    payment_id: payment.id,
    provider_id: null,
    amount_cents: missing,
    status: 'refunded',
    cause: 'provider',
    reason: 'Mollie dashboard',
    staff_id: null,
    created_at: stamp,
    updated_at: stamp,
  });
  await recordBookingEvent(trx, clock, {
    by: 'system',
    venueId: booking.venue_id,
    reference: booking.reference,
    action: 'booking.refunded',
    detail: { amount_cents: missing, cause: 'provider', reason: 'Mollie dashboard' },
  });
  if (goodwill > 0) await addBookingAdjustment(trx, booking.id, -goodwill, stamp);
}

/**
 * What of a payment's failed refunds of money not owed (by policy, a size change, a late or excess
 * payment; not goodwill) the venue has not yet made by hand in Mollie's dashboard: their sum less
 * the dashboard refunds already recorded on it, which are counted against them first.
 */
async function failedRefundsNotMadeByHand(trx: Tx, paymentId: string): Promise<number> {
  const failed = await refundedOfPayment(trx, paymentId, ['failed'], { except: GOODWILL_CAUSES });
  const byHand = await refundedOfPayment(trx, paymentId, REFUNDS_COUNTED, { only: ['provider'] });
  return Math.max(0, failed - byHand);
}
