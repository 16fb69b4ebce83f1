import type { Executor } from '../../db/schema.js';
import { REFUNDS_COUNTED } from '../payments/payments.repository.js';
import type { VenueScope } from '../shared/venue-scope.js';

/**
 * The reads of issued invoices and credit notes: one booking's, a venue's register over a period,
 * and those past their due date that have not been reminded. The table is never updated (see the
 * migration), so a reminder is recorded by its mail's dedupe key in the outbox, not on the row.
 */

/** The columns of an invoice that lists and statuses need, with the number of the invoice a credit note corrects. */
const LISTED = [
  'invoices.id',
  'invoices.venue_id',
  'invoices.booking_id',
  'invoices.number',
  'invoices.sequence',
  'invoices.kind',
  'invoices.purpose',
  'invoices.corrects_id',
  'invoices.issued_at',
  'invoices.issue_date',
  'invoices.due_on',
  'invoices.total_cents',
  'invoices.vat_cents',
] as const;

export interface InvoiceListRow {
  id: string;
  venue_id: string;
  booking_id: string;
  number: string;
  sequence: number;
  kind: string;
  purpose: string;
  corrects_id: string | null;
  corrects_number: string | null;
  issued_at: string;
  issue_date: string;
  due_on: string | null;
  total_cents: number;
  vat_cents: number;
}

/** A register row: the listed columns, the stored document (JSON) and the booking's reference and venue. */
export interface RegisterRow extends InvoiceListRow {
  document: string;
  reference: string;
  venue_name: string;
}

function listedFrom(db: Executor) {
  return db
    .selectFrom('invoices')
    .leftJoin('invoices as corrected', 'corrected.id', 'invoices.corrects_id')
    .select([...LISTED, 'corrected.number as corrects_number']);
}

/** A booking's documents, oldest first (ties by their number's sequence). */
export async function listInvoicesOfBooking(db: Executor, bookingId: string): Promise<InvoiceListRow[]> {
  return listedFrom(db).where('invoices.booking_id', '=', bookingId).orderBy('invoices.issued_at').orderBy('invoices.sequence').execute();
}

/** A period of issue dates (Amsterdam, both included) of the venues in scope. */
export interface RegisterPeriod {
  scope: VenueScope;
  from: string;
  to: string;
}

/** The ids of the bookings with a document issued in the period: a subquery. */
function bookingsIssuedIn(db: Executor, { scope, from, to }: RegisterPeriod) {
  let query = db
    .selectFrom('invoices as issued')
    .select('issued.booking_id')
    .where('issued.issue_date', '>=', from)
    .where('issued.issue_date', '<=', to);
  if (!scope.all) query = query.where('issued.venue_id', '=', scope.venueId);
  return query;
}

/** The documents issued in the period, in the order of their dates and numbers, with what the register shows of them. */
export async function listRegisterRows(db: Executor, period: RegisterPeriod): Promise<RegisterRow[]> {
  let query = listedFrom(db)
    .innerJoin('bookings', 'bookings.id', 'invoices.booking_id')
    .innerJoin('venues', 'venues.id', 'invoices.venue_id')
    .select(['invoices.document', 'bookings.reference', 'venues.name as venue_name'])
    .where('invoices.issue_date', '>=', period.from)
    .where('invoices.issue_date', '<=', period.to);
  if (!period.scope.all) query = query.where('invoices.venue_id', '=', period.scope.venueId);
  return query.orderBy('invoices.issue_date').orderBy('invoices.number').execute();
}

/**
 * Every document of the bookings that have one in the period, issued in or out of it: a
 * document's status follows from all of its booking's documents (the money covers the oldest first).
 */
export async function listDocumentsOfBookingsIn(db: Executor, period: RegisterPeriod): Promise<InvoiceListRow[]> {
  return listedFrom(db)
    .where('invoices.booking_id', 'in', bookingsIssuedIn(db, period))
    .orderBy('invoices.booking_id')
    .orderBy('invoices.issued_at')
    .orderBy('invoices.sequence')
    .execute();
}

/** What each booking with a document in the period has paid net of refunds, as moneyOf counts it (payments.repository.ts). */
export async function netPaidOfBookingsIn(db: Executor, period: RegisterPeriod): Promise<Map<string, number>> {
  const paid = await db
    .selectFrom('payments')
    .select((eb) => ['payments.booking_id', eb.fn.sum<number>('payments.amount_cents').as('cents')])
    .where('payments.status', '=', 'paid')
    .where('payments.booking_id', 'in', bookingsIssuedIn(db, period))
    .groupBy('payments.booking_id')
    .execute();
  const refunded = await db
    .selectFrom('refunds')
    .select((eb) => ['refunds.booking_id', eb.fn.sum<number>('refunds.amount_cents').as('cents')])
    .where('refunds.status', 'in', REFUNDS_COUNTED)
    .where('refunds.booking_id', 'in', bookingsIssuedIn(db, period))
    .groupBy('refunds.booking_id')
    .execute();
  const net = new Map<string, number>();
  for (const row of paid) net.set(row.booking_id, Number(row.cents));
  for (const row of refunded) net.set(row.booking_id, (net.get(row.booking_id) ?? 0) - Number(row.cents));
  return net;
}

const OVERDUE_KEY_PREFIX = 'invoice_overdue:';

/** The outbox's dedupe key of an invoice's overdue reminder: one per invoice, ever. */
export function overdueReminderKey(invoiceId: string): string {
  return `${OVERDUE_KEY_PREFIX}${invoiceId}`;
}

/**
 * The bookings with an invoice past its due date (`due_on` before `today`) that no credit note
 * corrects and that has not been reminded (no outbox mail with its key), and that still owe on
 * their standing invoices: what they paid net of refunds is less than the invoices' total. Which of
 * their invoices is overdue is then decided by invoiceStatuses.
 */
export async function listBookingsWithUnremindedOverdue(db: Executor, today: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('invoices')
    .select('invoices.booking_id')
    .distinct()
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.due_on', '<', today)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('invoices as credit').select('credit.id').whereRef('credit.corrects_id', '=', 'invoices.id'))),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('mail_outbox')
            .select('mail_outbox.id')
            .whereRef('mail_outbox.dedupe_key', '=', eb(eb.val(OVERDUE_KEY_PREFIX), '||', eb.ref('invoices.id'))),
        ),
      ),
    )
    .where((eb) => {
      const standing = eb
        .selectFrom('invoices as standing')
        .select((s) => s.fn.coalesce(s.fn.sum<number>('standing.total_cents'), s.val(0)).as('cents'))
        .whereRef('standing.booking_id', '=', 'invoices.booking_id')
        .where('standing.kind', '=', 'invoice')
        .where((s) =>
          s.not(s.exists(s.selectFrom('invoices as credit').select('credit.id').whereRef('credit.corrects_id', '=', 'standing.id'))),
        );
      const paid = eb
        .selectFrom('payments')
        .select((p) => p.fn.coalesce(p.fn.sum<number>('payments.amount_cents'), p.val(0)).as('cents'))
        .whereRef('payments.booking_id', '=', 'invoices.booking_id')
        .where('payments.status', '=', 'paid');
      const refunded = eb
        .selectFrom('refunds')
        .select((r) => r.fn.coalesce(r.fn.sum<number>('refunds.amount_cents'), r.val(0)).as('cents'))
        .whereRef('refunds.booking_id', '=', 'invoices.booking_id')
        .where('refunds.status', 'in', REFUNDS_COUNTED);
      return eb(eb(paid, '-', refunded), '<', standing);
    })
    .orderBy('invoices.booking_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.booking_id);
}

/** What an overdue reminder needs of its booking: whom to mail, in which language, and its history's keys. */
export async function findReminderBooking(db: Executor, bookingId: string) {
  return db
    .selectFrom('bookings')
    .select(['id', 'reference', 'venue_id', 'organiser_email', 'language'])
    .where('id', '=', bookingId)
    .executeTakeFirst();
}

/** An invoice's stored document (JSON), by id. */
export async function findInvoiceDocument(db: Executor, invoiceId: string): Promise<string | undefined> {
  const row = await db.selectFrom('invoices').select('document').where('id', '=', invoiceId).executeTakeFirst();
  return row?.document;
}
