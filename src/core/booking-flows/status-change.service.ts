import type { Tx } from '../../db/schema.js';
import type { BookingMailKind, NewMail } from '../outbox/mail.js';
import { paymentDueOnConfirming } from '../payments/payment-due.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import type { BookingDetails } from '../bookings/booking.js';
import { type BookingStatus, HOLDS_PLACES } from '../shared/booking-status.js';
import { deletePartMoves } from '../resources/part-move.repository.js';
import { lockSlot, updateBookingStatus } from '../bookings/booking-admin.repository.js';
import { releaseCapacity } from '../availability/slot.repository.js';
import { type BookingActor, recordBookingEvent } from '../bookings/booking-history.js';
import type { BookingRow } from '../bookings/booking.repository.js';
import { releaseExtras } from './booking-extras.service.js';
import { enqueueStaffNotice } from '../bookings/staff-notice.service.js';
import { reconcileInvoices } from '../invoices/invoice-issuing.service.js';
import type { Language } from '../shared/language.js';
import { releaseBookingDiscountUse } from '../discounts/discount-codes.repository.js';

/** What a status change needs to know of the booking, as read before the change. */
export interface BookingToChange {
  id: string;
  reference: string;
  venueId: string;
  slotId: string;
  groupSize: number;
  status: BookingStatus;
  email: string;
  language: Language;
}

export function bookingToChange(row: BookingRow): BookingToChange {
  return {
    id: row.id,
    reference: row.reference,
    venueId: row.venue_id,
    slotId: row.slot_id,
    groupSize: row.group_size,
    status: row.status as BookingStatus,
    email: row.organiser_email,
    language: row.language === 'en' ? 'en' : 'nl',
  };
}

export function detailsToChange(booking: BookingDetails): BookingToChange {
  const { id, reference, groupSize, status, email, language } = booking;
  return { id, reference, venueId: booking.activity.venue.id, slotId: booking.slot.id, groupSize, status, email, language };
}

export interface StatusChange {
  to: BookingStatus;
  actor: BookingActor;
  /** The history entry's action, e.g. `booking.confirmed`. */
  action: `booking.${string}`;
  /** For a change out of `option`: its deadline must be still ahead ('open') or passed ('passed'). */
  option?: 'open' | 'passed';
  /**
   * What goes back with the change (a cancellation's refund), recorded in its transaction after the
   * status moved (core/booking-flows/policy-refund.service.ts): the cents it refunds (by the policy), or
   * a ChangeRefund, which the organiser's mail states.
   */
  refund?: (trx: Tx) => Promise<number | ChangeRefund>;
  /** For a change out of `awaiting_payment` by expiry: its payment window must have passed. */
  window?: 'passed';
  /** The organiser's mail instead of the status's usual one (null: none). */
  mail?: { kind: BookingMailKind; dedupeKey: string; detail?: NewMail['detail'] } | null;
  /** More for the history entry's detail (a payment's id and amount, say). */
  detail?: Record<string, string | number | boolean | null>;
}

/**
 * A change's refund as the organiser's mail tells it: the cents, who decided them (the
 * cancellation policy, or the venue refunding all or nothing), and what was paid net of refunds
 * before, so a mail can say nothing comes back of it.
 */
export interface ChangeRefund {
  cents: number;
  by: 'policy' | 'venue';
  paidCents: number;
  /** The part of `cents` that went back onto gift vouchers (voucherPartOf). */
  voucherCents?: number;
}

/** The mail detail of a change's refund: what goes back and by whose choice; when nothing was paid, nothing. */
function refundDetail(refund: number | ChangeRefund): NewMail['detail'] {
  const {
    cents,
    by,
    paidCents,
    voucherCents = 0,
  } = typeof refund === 'number' ? { cents: refund, by: 'policy', paidCents: refund } : refund;
  if (cents <= 0 && paidCents <= 0) return undefined;
  return { refund_cents: cents, refund_by: by, ...(voucherCents > 0 && { refund_voucher_cents: voucherCents }) };
}

/** The organiser's mail on reaching each status (none on completion). */
const ORGANISER_MAIL: Partial<Record<BookingStatus, BookingMailKind>> = {
  confirmed: 'confirmed',
  requested: 'request_received',
  cancelled: 'cancelled',
  expired: 'option_expired',
  awaiting_payment: 'payment_due',
};

/** The organiser's mail on expiry, by the status that expired. */
const EXPIRED_MAIL: Partial<Record<BookingStatus, BookingMailKind>> = { option: 'option_expired', awaiting_payment: 'payment_expired' };

/**
 * Changes a booking's status inside the caller's transaction (it must be the transaction's first
 * work), and everything that goes with it: the slot locked first (the lock order of every change of
 * places: slot, then booking; on SQLite the write lock before anything is read), the status UPDATE
 * conditional on the status and group size as read (of two concurrent changes only one applies),
 * the places given back when the new status no longer holds them, the history entry, the
 * organiser's mail and, when staff did not make the change themselves, a notice to the venue's
 * staff. Returns false, having changed nothing, when the booking was no longer as read.
 */
export async function changeStatus(trx: Tx, clock: Clock, booking: BookingToChange, change: StatusChange): Promise<boolean> {
  const at = clock.now().toISOString();
  const { actor } = change;
  const from = booking.status;
  await lockSlot(trx, booking.slotId);
  // An option confirmed, or a request accepted, that is to be paid online awaits its payment first.
  const due =
    change.to === 'confirmed' && (from === 'option' || from === 'requested')
      ? await paymentDueOnConfirming(trx, booking.id, clock.now())
      : undefined;
  const to: BookingStatus = due ? 'awaiting_payment' : change.to;
  const moved = await updateBookingStatus(trx, booking.id, {
    from,
    to,
    groupSize: booking.groupSize,
    at,
    ...(to === 'cancelled' ? { cancelledAt: at } : {}),
    ...(to === 'confirmed' ? { confirmedAt: at } : {}),
    ...(change.option ? { option: change.option } : {}),
    ...(change.window ? { window: change.window } : {}),
    ...(due
      ? { payment: { expiresAt: due.expiresAt.toISOString(), depositPercent: due.depositPercent, balanceDueOn: due.balanceDueOn } }
      : {}),
  });
  if (!moved) return false;
  const releases = HOLDS_PLACES[from] && !HOLDS_PLACES[to];
  if (releases && !(await releaseCapacity(trx, booking.slotId, booking.groupSize))) {
    throw new Error(`slot ${booking.slotId} does not hold the ${booking.groupSize} places of booking ${booking.id}`);
  }
  // Its extras' units and its discount code's use go back with its places (once: the status moved
  // only here), and the parts staff moved for it: places taken again (a late payment) are taken as
  // planned, and checked so.
  if (releases) {
    await releaseExtras(trx, booking.slotId, booking.id);
    await releaseBookingDiscountUse(trx, booking.id);
    await deletePartMoves(trx, booking.id);
  }
  await recordBookingEvent(trx, clock, {
    ...actor,
    venueId: booking.venueId,
    reference: booking.reference,
    action: change.action,
    detail: {
      from,
      to,
      places_released: releases ? booking.groupSize : 0,
      ...(due ? { payment_expires_at: due.expiresAt.toISOString(), due_now_cents: due.dueNowCents } : {}),
      ...change.detail,
    },
  });
  const refund = change.refund ? refundDetail(await change.refund(trx)) : undefined;
  // A confirmation, a payment's, a cancellation or an expiry issues (or credits) invoices with it.
  await reconcileInvoices(trx, clock, booking.id);
  const chosen = change.mail === undefined ? defaultMail(booking, from, to, actor, due) : change.mail;
  // A cancellation's mail states what is refunded, and by whose choice.
  const mail = chosen && refund ? { ...chosen, detail: { ...chosen.detail, ...refund } } : chosen;
  if (mail) {
    await enqueueBookingMail(trx, clock, {
      kind: mail.kind,
      bookingId: booking.id,
      recipient: booking.email,
      language: booking.language,
      ...(mail.detail ? { detail: mail.detail } : {}),
      dedupeKey: mail.dedupeKey,
    });
  }
  if (actor.by !== 'staff' && to !== 'completed') {
    await enqueueStaffNotice(trx, clock, {
      kind: 'staff_booking_changed',
      bookingId: booking.id,
      venueId: booking.venueId,
      detail: { change: staffChangeOf(from, to), by: actor.by },
      dedupeKey: `staff_booking_changed:${booking.id}:${to}`,
    });
  }
  return true;
}

/** The change a staff notice names: leaving `awaiting_payment` is paying, or its window's end. */
function staffChangeOf(from: BookingStatus, to: BookingStatus): string {
  if (from !== 'awaiting_payment') return to;
  return to === 'confirmed' ? 'paid' : to === 'expired' ? 'payment_expired' : to;
}

/** The organiser's usual mail on reaching a status, with what it needs beyond the booking. */
function defaultMail(
  booking: BookingToChange,
  from: BookingStatus,
  to: BookingStatus,
  actor: BookingActor,
  due: { expiresAt: Date; dueNowCents: number } | undefined,
): StatusChange['mail'] {
  const kind = to === 'expired' ? EXPIRED_MAIL[from] : ORGANISER_MAIL[to];
  if (!kind) return null;
  const detail: NewMail['detail'] =
    kind === 'cancelled'
      ? { by: actor.by === 'staff' ? 'staff' : 'organiser', from }
      : due
        ? { due_now_cents: due.dueNowCents, expires_at: due.expiresAt.toISOString() }
        : undefined;
  // A payment window is per confirmation: a later one (after an expiry and a new booking) is a new mail.
  const dedupeKey = due ? `${kind}:${booking.id}:${due.expiresAt.toISOString()}` : `${kind}:${booking.id}`;
  return { kind, dedupeKey, ...(detail ? { detail } : {}) };
}
