import { voucherHints } from '../vouchers/voucher-admin.service.js';
import type { Executor, Tx } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { addLocalDays, localDateOf } from '../shared/time.js';
import type { VenueScope } from '../shared/venue-scope.js';
import {
  type OpenBalanceRow,
  findVisitStart,
  listOpenBalances,
  setBalanceDueOn,
  setBalanceDueOnIfNone,
  updatePaidState,
} from '../payments/balances.repository.js';
import type { BookingPayment } from '../payments/payment-state.js';
import type { PayBy } from '../catalog/payment-terms.js';
import { listPayments, listRefunds, moneyOf, type PaymentRow, type RefundRow } from '../payments/payments.repository.js';
import type { BillingDetails } from '../payments/billing.js';
import { findBookingRow } from '../bookings/booking-lifecycle.repository.js';
import type { BookingRow } from '../bookings/booking.repository.js';
import { DomainError } from '../shared/errors.js';
import { reconcileInvoices } from '../invoices/invoice-issuing.service.js';
import { paymentOfRow, type PayingRow } from '../payments/payment-of-row.js';

/** Days an organiser gets to pay what a larger group costs more, when the booking had no due date. */
export const MORE_TO_PAY_DAYS = 7;
/** The most rows the list of open balances shows (and exports). */
export const OPEN_BALANCES_LIMIT = 1000;

/**
 * Keeps the booking's "paid" mark (`paid_at`, which the bookings list filters on) true to its
 * ledger, inside the transaction that changed its money or its price: set once nothing is
 * outstanding, cleared while something is. A booking paid at the venue without any payment in the
 * ledger keeps the mark staff set by hand. A cancelled or expired booking is never marked paid.
 * Its invoices are brought in line in the same transaction (reconcileInvoices).
 */
export async function syncPaidState(trx: Tx, clock: Clock, row: PayingRow): Promise<void> {
  await syncPaidMark(trx, clock, row);
  // The invoices follow the same money and price (core/invoices/invoice-issuing.service.ts).
  await reconcileInvoices(trx, clock, row.id);
}

async function syncPaidMark(trx: Tx, clock: Clock, row: PayingRow): Promise<void> {
  // A booking cancelled or expired is never "paid", whatever its ledger (a late payment goes back).
  if (row.status === 'cancelled' || row.status === 'expired') {
    await updatePaidState(trx, row.id, { settled: false, at: clock.now().toISOString() });
    return;
  }
  const money = await moneyOf(trx, row.id);
  if (row.pay_by === 'venue' && money.paidCents === 0) return;
  const settled = money.paidCents - money.refundedCents >= row.total_cents + row.adjustment_cents;
  await updatePaidState(trx, row.id, { settled, at: clock.now().toISOString() });
}

/** syncPaidState for a booking by its id (its row read inside the transaction). */
export async function syncPaidStateOf(trx: Tx, clock: Clock, bookingId: string): Promise<void> {
  const row = await findBookingRow(trx, bookingId);
  if (row) await syncPaidState(trx, clock, row);
}

/**
 * After a booking's price changed from `previousTotalCents` (a larger or smaller group), inside
 * that change's transaction: a booking paying online that owes something gets a due date for it
 * if it had none (today plus MORE_TO_PAY_DAYS), so the manage page offers to pay it and the
 * reminder finds it. When it now owes more, the date is at least that far off (a date already
 * near or past would make the new amount overdue at once) and the reminder goes out again. Either
 * date is never later than the visit's day (Amsterdam): what is owed is paid by the visit at the
 * latest, on the day itself when the change is made then. Its "paid" mark follows the ledger.
 */
export async function applyPriceChange(trx: Tx, clock: Clock, bookingId: string, previousTotalCents: number): Promise<void> {
  const row = await findBookingRow(trx, bookingId);
  if (!row || row.status === 'awaiting_payment') return;
  const money = await moneyOf(trx, row.id);
  const owes = row.total_cents + row.adjustment_cents > money.paidCents - money.refundedCents;
  if (row.pay_by === 'online' && owes && money.paidCents > 0) {
    const at = clock.now();
    const visitDay = await visitDayOf(trx, row.id);
    const soonest = earlier(addLocalDays(localDateOf(at), MORE_TO_PAY_DAYS), visitDay);
    if (row.total_cents > previousTotalCents) {
      const dueOn = row.balance_due_on !== null && row.balance_due_on > soonest ? row.balance_due_on : soonest;
      await setBalanceDueOn(trx, row.id, earlier(dueOn, visitDay), at.toISOString());
    } else {
      await setBalanceDueOnIfNone(trx, row.id, soonest, at.toISOString());
    }
  }
  await syncPaidState(trx, clock, row);
}

/** The Amsterdam date of the booking's visit; null for an unknown booking. */
async function visitDayOf(trx: Tx, bookingId: string): Promise<string | null> {
  const startsAt = await findVisitStart(trx, bookingId);
  return startsAt === undefined ? null : localDateOf(new Date(startsAt));
}

/** The sooner of two dates; `date` itself when there is no `latest`. */
function earlier(date: string, latest: string | null): string {
  return latest !== null && latest < date ? latest : date;
}

/** One booking's open balance, as staff see it in the list. */
export interface OpenBalance {
  id: string;
  reference: string;
  payBy: PayBy;
  organiserName: string;
  organisation: string;
  startsAt: Date;
  activityTitle: { nl: string; en: string };
  venueName: string;
  /** What it owes in all: its price plus fees kept, less goodwill refunds (bookings.adjustment_cents). */
  totalCents: number;
  /** Net of refunds. */
  paidCents: number;
  outstandingCents: number;
  dueOn: string | null;
  overdue: boolean;
  /** The organisation's own reference (PO number) of a booking paid on invoice. */
  billingReference: string | null;
}

function toOpenBalance(row: OpenBalanceRow, today: string): OpenBalance {
  const paid = row.paid_cents - row.refunded_cents;
  return {
    id: row.id,
    reference: row.reference,
    payBy: row.pay_by as PayBy,
    organiserName: row.organiser_name,
    organisation: row.organisation,
    startsAt: new Date(row.starts_at),
    activityTitle: { nl: row.title_nl, en: row.title_en },
    venueName: row.venue_name,
    // What it owes in all: its price, fees kept and goodwill given, so total less paid is outstanding.
    totalCents: row.total_cents + row.adjustment_cents,
    paidCents: paid,
    outstandingCents: row.total_cents + row.adjustment_cents - paid,
    dueOn: row.balance_due_on,
    overdue: row.balance_due_on !== null && row.balance_due_on < today,
    billingReference: row.billing_reference,
  };
}

/**
 * The bookings of the scope that still owe money (deposits' rests, invoices, more to pay), by due
 * date; with `overdue`, only those whose due date has passed (Amsterdam's today).
 */
export async function readOpenBalances(
  db: Executor,
  clock: Clock,
  scope: VenueScope,
  filter: { overdue: boolean },
): Promise<OpenBalance[]> {
  const today = localDateOf(clock.now());
  const rows = await listOpenBalances(db, scope, { ...(filter.overdue && { dueBefore: today }), limit: OPEN_BALANCES_LIMIT });
  return rows.map((row) => toOpenBalance(row, today));
}

/** A booking's money as staff see it on its page: its terms, its state, every payment and refund, its billing details. */
export interface BookingMoney {
  payBy: PayBy;
  depositPercent: number;
  totalCents: number;
  /** What it owes beyond its price: fees the venue kept (+), goodwill refunds (-). */
  adjustmentCents: number;
  payment: BookingPayment;
  overdue: boolean;
  payments: PaymentRow[];
  refunds: RefundRow[];
  /** The billing details of a booking paid on invoice; null when none were given. */
  billing: BillingDetails | null;
  /** The last four characters of the code of each voucher its payments drew on, by the voucher's id. */
  voucherHints: Record<string, string>;
}

/** The money of a booking (found in the caller's scope already). */
export async function readBookingMoney(db: Executor, clock: Clock, bookingId: string): Promise<BookingMoney> {
  const row = await findBookingRow(db, bookingId);
  if (!row) throw new DomainError('not_found');
  const [payment, payments, refunds] = await Promise.all([paymentOfRow(db, row), listPayments(db, row.id), listRefunds(db, row.id)]);
  return {
    payBy: row.pay_by as PayBy,
    depositPercent: row.deposit_percent,
    totalCents: row.total_cents,
    adjustmentCents: row.adjustment_cents,
    payment,
    overdue: payment.balanceDueOn !== null && payment.balanceDueOn < localDateOf(clock.now()),
    payments,
    refunds,
    billing: billingOf(row),
    voucherHints: Object.fromEntries(
      await voucherHints(
        db,
        payments.flatMap((p) => (p.voucher_id ? [p.voucher_id] : [])),
      ),
    ),
  };
}

/** The billing details stored on a booking row; null when it has none. */
export function billingOf(
  row: Pick<BookingRow, 'billing_organisation' | 'billing_address' | 'billing_reference' | 'billing_vat_id' | 'billing_country'>,
): BillingDetails | null {
  if (row.billing_organisation === null) return null;
  return {
    organisation: row.billing_organisation,
    address: row.billing_address ?? '',
    reference: row.billing_reference,
    vatId: row.billing_vat_id,
    country: row.billing_country,
  };
}
