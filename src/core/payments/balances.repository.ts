import type { ExpressionBuilder } from 'kysely';
import type { Database, Executor, Tx } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';
import { REFUNDS_COUNTED } from './payments.repository.js';

/**
 * The queries of balances: what bookings still owe after their first payment (a deposit's rest,
 * an invoice, more to pay after a larger group), the reminders of it, and the booking's "paid"
 * state that follows from its ledger. Money is summed in SQL from the ledger (payments in,
 * refunds counted out), never kept twice.
 */

/** Bookings whose money can be outstanding: confirmed or visited, paying online or on invoice. */
const OWING_STATUSES = ['confirmed', 'completed'] as const;
const LEDGER_PAY_BY = ['online', 'invoice'] as const;

type Eb = ExpressionBuilder<Database, 'bookings'>;

function paidCents(eb: Eb) {
  return eb
    .selectFrom('payments')
    .select((p) => p.fn.coalesce(p.fn.sum<number>('payments.amount_cents'), p.val(0)).as('cents'))
    .whereRef('payments.booking_id', '=', 'bookings.id')
    .where('payments.status', '=', 'paid');
}

function refundedCents(eb: Eb) {
  return eb
    .selectFrom('refunds')
    .select((r) => r.fn.coalesce(r.fn.sum<number>('refunds.amount_cents'), r.val(0)).as('cents'))
    .whereRef('refunds.booking_id', '=', 'bookings.id')
    .where('refunds.status', 'in', REFUNDS_COUNTED);
}

/** One booking that still owes money, as the list of open balances shows it. */
export interface OpenBalanceRow {
  id: string;
  reference: string;
  status: string;
  pay_by: string;
  organiser_name: string;
  organisation: string;
  total_cents: number;
  adjustment_cents: number;
  paid_cents: number;
  refunded_cents: number;
  balance_due_on: string | null;
  billing_reference: string | null;
  starts_at: string;
  venue_name: string;
  title_nl: string;
  title_en: string;
}

/**
 * The bookings of the scope that still owe money (price above what was paid net of refunds),
 * by due date (none last), then visit; with `dueBefore`, only those due before that date.
 */
export async function listOpenBalances(
  db: Executor,
  scope: VenueScope,
  filter: { dueBefore?: string; limit: number },
): Promise<OpenBalanceRow[]> {
  let query = db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .innerJoin('activities', 'activities.id', 'bookings.activity_id')
    .innerJoin('venues', 'venues.id', 'bookings.venue_id')
    .select((eb) => [
      'bookings.id',
      'bookings.reference',
      'bookings.status',
      'bookings.pay_by',
      'bookings.organiser_name',
      'bookings.organisation',
      'bookings.total_cents',
      'bookings.adjustment_cents',
      'bookings.balance_due_on',
      'bookings.billing_reference',
      'slots.starts_at',
      'venues.name as venue_name',
      'activities.title_nl',
      'activities.title_en',
      paidCents(eb).as('paid_cents'),
      refundedCents(eb).as('refunded_cents'),
    ])
    .where('bookings.status', 'in', OWING_STATUSES)
    .where('bookings.pay_by', 'in', LEDGER_PAY_BY)
    .where((eb) =>
      eb(eb('bookings.total_cents', '+', eb.ref('bookings.adjustment_cents')), '>', eb(paidCents(eb), '-', refundedCents(eb))),
    );
  if (!scope.all) query = query.where('bookings.venue_id', '=', scope.venueId);
  if (filter.dueBefore !== undefined) query = query.where('bookings.balance_due_on', '<', filter.dueBefore);
  const rows = await query
    .orderBy((eb) => eb.case().when('bookings.balance_due_on', 'is', null).then(1).else(0).end())
    .orderBy('bookings.balance_due_on')
    .orderBy('slots.starts_at')
    .orderBy('bookings.id')
    .limit(filter.limit)
    .execute();
  return rows.map((row) => ({ ...row, paid_cents: Number(row.paid_cents), refunded_cents: Number(row.refunded_cents) }));
}

/**
 * Confirmed bookings paying online, not yet reminded, whose balance is due on or before `dueBy`
 * (an Amsterdam date) and still owe money: the balance reminders to send.
 */
export async function listBalancesToRemind(db: Executor, dueBy: string, limit: number) {
  return db
    .selectFrom('bookings')
    .select([
      'bookings.id',
      'bookings.reference',
      'bookings.venue_id',
      'bookings.organiser_email',
      'bookings.language',
      'bookings.balance_due_on',
    ])
    .where('bookings.status', '=', 'confirmed')
    .where('bookings.pay_by', '=', 'online')
    .where('bookings.balance_reminded_at', 'is', null)
    .where('bookings.balance_due_on', '<=', dueBy)
    .where((eb) => eb(eb('bookings.total_cents', '+', eb.ref('bookings.adjustment_cents')), '>', eb(paidCents(eb), '-', refundedCents(eb))))
    .orderBy('bookings.balance_due_on')
    .orderBy('bookings.id')
    .limit(limit)
    .execute();
}

/** Records a balance's reminder; false when it went out already or the booking is no longer confirmed. */
export async function markBalanceReminded(trx: Tx, id: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('bookings')
    .set({ balance_reminded_at: at, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'confirmed')
    .where('balance_reminded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The booking's "paid" state from its ledger: `paid_at` set (kept when set before) once nothing is
 * outstanding, cleared while something is.
 */
export async function updatePaidState(trx: Tx, id: string, change: { settled: boolean; at: string }): Promise<void> {
  await trx
    .updateTable('bookings')
    .set({ paid_at: change.settled ? change.at : null, updated_at: change.at })
    .where('id', '=', id)
    .where('paid_at', change.settled ? 'is' : 'is not', null)
    .execute();
}

/** Sets when the rest is due, and that its reminder is still to be sent. */
export async function setBalanceDueOn(trx: Tx, id: string, dueOn: string, at: string): Promise<void> {
  await trx
    .updateTable('bookings')
    .set({ balance_due_on: dueOn, balance_reminded_at: null, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Sets when the rest is due where the booking has no date yet. */
export async function setBalanceDueOnIfNone(trx: Tx, id: string, dueOn: string, at: string): Promise<void> {
  await trx
    .updateTable('bookings')
    .set({ balance_due_on: dueOn, balance_reminded_at: null, updated_at: at })
    .where('id', '=', id)
    .where('balance_due_on', 'is', null)
    .execute();
}

/** When the booking's visit starts (its slot's `starts_at`); undefined for an unknown booking. */
export async function findVisitStart(db: Executor, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select('slots.starts_at')
    .where('bookings.id', '=', id)
    .executeTakeFirst();
  return row?.starts_at;
}
