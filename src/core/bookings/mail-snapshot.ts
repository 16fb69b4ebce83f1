import type { Executor } from '../../db/schema.js';
import { type BookingDetails } from './booking.js';
import { BOOKING_STATUSES, type BookingStatus } from '../shared/booking-status.js';
import type { BookingMail, StoredSnapshot } from '../outbox/mail.js';
import { insertOutboxMail, outboxMailInsert } from '../outbox/outbox.repository.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findBookingRow } from './booking-lifecycle.repository.js';
import { paymentOfRow } from '../payments/payment-of-row.js';
import { BOOKING_PAYMENT_STATUSES } from '../payments/payment.js';
import { type BookingPayment, bookingPayment, type PayingColumns, payingBookingOf } from '../payments/payment-state.js';
import type { BookingMoney } from '../payments/payments.repository.js';
import type { BookingRow } from './booking.repository.js';
import type { Party } from '../catalog/price-categories.js';

/**
 * A booking's facts that can change after a mail about it is queued, as they were when it was
 * queued (in the same transaction as the change it reports): the mail states them as they were
 * then, not as they are when the outbox sends it (a "pay to confirm" mail sent after the payment
 * still says it awaits payment). Kept in the outbox row's detail under `snapshot`.
 */
export interface MailSnapshot {
  status: BookingStatus;
  groupSize: number;
  /** The party by price category then; undefined in a snapshot taken before parties were kept. */
  party: Party | null | undefined;
  totalCents: number;
  /** An option's deadline then; null for any other status. */
  optionExpiresAt: Date | null;
  payment: BookingPayment;
  /** What it owed beyond its price then (bookings.adjustment_cents); undefined in a snapshot taken before it was kept. */
  adjustmentCents: number | undefined;
}

/** The columns of a booking its snapshot follows from. */
type SnapshotColumns = PayingColumns & Pick<BookingRow, 'group_size' | 'party' | 'option_expires_at'>;

/**
 * A booking as its caller holds it, the row and ledger as they are in its transaction now: the
 * snapshot is taken from them instead of reading them back (a booking just placed and its mails).
 */
export interface HeldBooking {
  row: SnapshotColumns;
  money: BookingMoney;
}

/** The booking's snapshot now (inside the caller's transaction); undefined when there is no such booking. */
async function takeMailSnapshot(db: Executor, bookingId: string): Promise<StoredSnapshot | undefined> {
  const row = await findBookingRow(db, bookingId);
  if (!row) return undefined;
  return snapshotFrom(row, await paymentOfRow(db, row));
}

function snapshotFrom(row: SnapshotColumns, payment: BookingPayment): StoredSnapshot {
  return {
    status: row.status,
    group_size: row.group_size,
    party: row.party,
    total_cents: row.total_cents,
    adjustment_cents: row.adjustment_cents,
    option_expires_at: row.status === 'option' ? row.option_expires_at : null,
    payment_status: payment.status,
    paid_cents: payment.paidCents,
    refunded_cents: payment.refundedCents,
    pending_refund_cents: payment.pendingRefundCents,
    due_cents: payment.dueCents,
    due_now_cents: payment.dueNowCents,
    balance_due_on: payment.balanceDueOn,
  };
}

/**
 * Queues a mail about a booking (staff notices included) with the booking's facts as they are now,
 * inside the caller's transaction, after the change the mail reports. False when its dedupe key
 * was queued before.
 */
export async function enqueueBookingMail(db: Executor, clock: Clock, mail: BookingMail, held?: HeldBooking): Promise<boolean> {
  const snapshot = held ? heldSnapshot(held) : await takeMailSnapshot(db, mail.bookingId);
  return insertOutboxMail(db, { ...mail, id: newId(), at: clock.now().toISOString(), snapshot });
}

/**
 * The INSERT that queues a mail about a booking the caller holds (see enqueueBookingMail), not yet
 * run: for the caller to run in its transaction, alone or with others (see insertTogether).
 */
export function bookingMailInsert(db: Executor, clock: Clock, mail: BookingMail, held: HeldBooking) {
  return outboxMailInsert(db, { ...mail, id: newId(), at: clock.now().toISOString(), snapshot: heldSnapshot(held) });
}

function heldSnapshot(held: HeldBooking): StoredSnapshot {
  return snapshotFrom(held.row, bookingPayment(payingBookingOf(held.row), held.money));
}

/** A stored party (JSON of counts), or null for none or one that is damaged. */
function partyOfText(value: unknown): Party | null {
  if (typeof value !== 'string') return null;
  try {
    const party: unknown = JSON.parse(value);
    if (typeof party !== 'object' || party === null) return null;
    return Object.values(party).every((c) => count(c) !== undefined) ? (party as Party) : null;
  } catch {
    return null;
  }
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((v) => v === value);
}

/** The snapshot a mail's detail holds; undefined for a mail queued before snapshots (or one whose snapshot is damaged). */
export function snapshotOf(detail: Record<string, unknown>): MailSnapshot | undefined {
  const stored = detail.snapshot;
  if (typeof stored !== 'object' || stored === null) return undefined;
  const s = stored as Record<string, unknown>;
  const status = oneOf(BOOKING_STATUSES, s.status);
  const paymentStatus = oneOf(BOOKING_PAYMENT_STATUSES, s.payment_status);
  const [groupSize, totalCents, paidCents, refundedCents, dueCents, dueNowCents] = [
    s.group_size,
    s.total_cents,
    s.paid_cents,
    s.refunded_cents,
    s.due_cents,
    s.due_now_cents,
  ].map(count);
  // Snapshots taken before refunds under way were counted hold none.
  const pendingRefundCents = count(s.pending_refund_cents) ?? 0;
  const balanceDueOn = typeof s.balance_due_on === 'string' ? s.balance_due_on : null;
  const optionExpiresAt = typeof s.option_expires_at === 'string' ? new Date(s.option_expires_at) : null;
  if (
    !status ||
    !paymentStatus ||
    groupSize === undefined ||
    totalCents === undefined ||
    paidCents === undefined ||
    refundedCents === undefined ||
    dueCents === undefined ||
    dueNowCents === undefined
  )
    return undefined;
  return {
    status,
    groupSize,
    party: s.party === undefined ? undefined : partyOfText(s.party),
    totalCents,
    optionExpiresAt: optionExpiresAt && !Number.isNaN(optionExpiresAt.getTime()) ? optionExpiresAt : null,
    payment: { status: paymentStatus, paidCents, refundedCents, pendingRefundCents, dueCents, dueNowCents, balanceDueOn },
    adjustmentCents: count(s.adjustment_cents),
  };
}

/** The booking as the snapshot has it: its status, group size and party, total and option deadline then; the rest as it is now. */
export function bookingAsThen(booking: BookingDetails, snapshot: MailSnapshot): BookingDetails {
  return {
    ...booking,
    status: snapshot.status,
    groupSize: snapshot.groupSize,
    party: snapshot.party === undefined ? booking.party : snapshot.party,
    optionExpiresAt: snapshot.optionExpiresAt,
    price: { ...booking.price, totalCents: snapshot.totalCents },
  };
}
