import { sql } from 'kysely';
import type { BookingTable, Executor, Tx } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';

/**
 * The booking's columns the organiser's download holds, and those it leaves out. Every column is
 * in one list or the other (data-requests.service.test.ts checks the table against both), so a
 * column added later is a choice, not an oversight.
 */
export const BOOKING_EXPORTED_COLUMNS = [
  'reference',
  'status',
  'group_size',
  'organiser_name',
  'organiser_email',
  'organiser_phone',
  'organisation',
  'notes',
  'language',
  'total_cents',
  'adjustment_cents',
  'vat_cents',
  'price_breakdown',
  'created_at',
  'updated_at',
  'paid_at',
  'pay_by',
  'deposit_percent',
  'payment_expires_at',
  'balance_due_on',
  'balance_reminded_at',
  'refund_policy',
  'pricing',
  'billing_organisation',
  'billing_address',
  'billing_reference',
  'billing_vat_id',
  'billing_country',
  'party',
  'payment_window_minutes',
  'cancelled_at',
  'option_expires_at',
  'option_extended_at',
  'option_reminder_sent_at',
  'visit_reminder_sent_at',
  'confirmed_at',
  'manage_link_version',
  'participant_link_version',
  'terms_version',
  'discount_terms',
  'participants_removed_at',
  'anonymised_at',
  'erasure_requested_at',
] as const satisfies readonly (keyof BookingTable)[];

/** Left out: the links' and the submission's hashes (secrets), and internal ids the download names instead (venue, activity, slot, code). */
export const BOOKING_WITHHELD_COLUMNS = [
  'id',
  'slot_id',
  'activity_id',
  'venue_id',
  'discount_code_id',
  'manage_token_hash',
  'participant_token_hash',
  'submission_hash',
] as const satisfies readonly (keyof BookingTable)[];

export async function findBookingForExport(db: Executor, bookingId: string) {
  return db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .innerJoin('activities', 'activities.id', 'bookings.activity_id')
    .innerJoin('venues', 'venues.id', 'bookings.venue_id')
    .leftJoin('discount_codes', 'discount_codes.id', 'bookings.discount_code_id')
    .select(BOOKING_EXPORTED_COLUMNS.map((column) => `bookings.${column}` as const))
    .select([
      'bookings.venue_id',
      'slots.starts_at',
      'slots.ends_at',
      'activities.title_nl',
      'activities.title_en',
      'activities.pricing as activity_pricing',
      'venues.name as venue_name',
      'discount_codes.code as discount_code',
    ])
    .where('bookings.id', '=', bookingId)
    .executeTakeFirst();
}

export async function listParticipantsForExport(db: Executor, bookingId: string) {
  return db
    .selectFrom('participants')
    .select(['name', 'answers', 'created_at'])
    .where('booking_id', '=', bookingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listExtrasForExport(db: Executor, bookingId: string) {
  return db
    .selectFrom('booking_extras')
    .innerJoin('activity_extras', 'activity_extras.id', 'booking_extras.extra_id')
    .select([
      'activity_extras.label_nl',
      'activity_extras.label_en',
      'activity_extras.basis',
      'activity_extras.amount_cents',
      'booking_extras.quantity',
    ])
    .where('booking_extras.booking_id', '=', bookingId)
    .orderBy('activity_extras.position')
    .execute();
}

export async function listStaffNotesForExport(db: Executor, bookingId: string) {
  return db.selectFrom('booking_notes').select(['body', 'created_at']).where('booking_id', '=', bookingId).orderBy('created_at').execute();
}

export async function listPaymentsForExport(db: Executor, bookingId: string) {
  return db
    .selectFrom('payments')
    .select(['method', 'amount_cents', 'status', 'note', 'created_at', 'updated_at', 'paid_at'])
    .where('booking_id', '=', bookingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listRefundsForExport(db: Executor, bookingId: string) {
  return db
    .selectFrom('refunds')
    .select(['amount_cents', 'status', 'cause', 'reason', 'created_at', 'updated_at'])
    .where('booking_id', '=', bookingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listInvoicesForExport(db: Executor, bookingId: string) {
  return db
    .selectFrom('invoices')
    .select(['number', 'kind', 'purpose', 'issue_date', 'due_on', 'total_cents', 'vat_cents', 'retain_until'])
    .where('booking_id', '=', bookingId)
    .orderBy('issued_at')
    .orderBy('number')
    .execute();
}

export async function listMailsForExport(db: Executor, bookingId: string) {
  return (
    db
      .selectFrom('mail_outbox')
      .select(['kind', 'recipient', 'status', 'created_at', 'sent_at'])
      .where('booking_id', '=', bookingId)
      // The organiser's own mails: the venue's staff notices about the booking name staff, not them.
      .where('kind', 'not like', 'staff%')
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  );
}

export async function listPartMovesForExport(db: Executor, bookingId: string) {
  return db
    .selectFrom('booking_part_moves')
    .innerJoin('programme_parts', 'programme_parts.id', 'booking_part_moves.part_id')
    .select(['programme_parts.title_nl', 'programme_parts.title_en', 'booking_part_moves.offset_minutes', 'booking_part_moves.created_at'])
    .where('booking_part_moves.booking_id', '=', bookingId)
    .orderBy('programme_parts.position')
    .execute();
}

/** The booking's history: the activity log's entries about it (its venue's, keyed by its reference). */
export async function listHistoryForExport(db: Executor, venueId: string, reference: string) {
  return db
    .selectFrom('activity_log')
    .select(['at', 'action', 'actor_kind', 'detail'])
    .where('venue_id', '=', venueId)
    .where('target', '=', reference)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** What deciding on an erasure needs of a booking. */
export async function findErasureState(db: Executor, bookingId: string) {
  return db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select([
      'bookings.id',
      'bookings.reference',
      'bookings.venue_id',
      'bookings.status',
      'slots.ends_at',
      'bookings.anonymised_at',
      'bookings.erasure_requested_at',
    ])
    .where('bookings.id', '=', bookingId)
    .executeTakeFirst();
}

/** Notes the organiser's request for erasure (the first one counts); the retention job carries it out after the visit. */
export async function markErasureRequested(trx: Tx, bookingId: string, at: string): Promise<void> {
  await trx
    .updateTable('bookings')
    .set({ erasure_requested_at: sql<string>`coalesce(erasure_requested_at, ${at})` })
    .where('id', '=', bookingId)
    .execute();
}

/** The invoice numbers of bookings (kept seven years, whatever else goes). */
export async function listInvoiceNumbers(db: Executor, bookingId: string): Promise<string[]> {
  const rows = await db.selectFrom('invoices').select('number').where('booking_id', '=', bookingId).orderBy('number').execute();
  return rows.map((row) => row.number);
}

/** The scope's bookings whose organiser has this address (any case), not anonymised yet: newest visit first. */
export async function listBookingsOfEmail(db: Executor, scope: VenueScope, email: string) {
  let query = db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .innerJoin('activities', 'activities.id', 'bookings.activity_id')
    .innerJoin('venues', 'venues.id', 'bookings.venue_id')
    .select([
      'bookings.id',
      'bookings.reference',
      'bookings.status',
      'bookings.erasure_requested_at',
      'slots.starts_at',
      'slots.ends_at',
      'activities.title_nl',
      'activities.title_en',
      'venues.name as venue_name',
    ])
    .where(sql<string>`lower(bookings.organiser_email)`, '=', email.toLowerCase())
    .where('bookings.anonymised_at', 'is', null);
  if (!scope.all) query = query.where('bookings.venue_id', '=', scope.venueId);
  return query.orderBy('slots.starts_at', 'desc').orderBy('bookings.reference').execute();
}

/** The scope's gift vouchers whose buyer has this address (any case), not anonymised yet. */
export async function listVouchersOfEmail(db: Executor, scope: VenueScope, email: string) {
  let query = db
    .selectFrom('vouchers')
    .innerJoin('venues', 'venues.id', 'vouchers.venue_id')
    .select([
      'vouchers.id',
      'vouchers.venue_id',
      'vouchers.code_hint',
      'vouchers.status',
      'vouchers.origin',
      'vouchers.initial_cents',
      'vouchers.balance_cents',
      'vouchers.valid_until',
      'vouchers.buyer_name',
      'vouchers.buyer_email',
      'vouchers.recipient_name',
      'vouchers.message',
      'vouchers.note',
      'vouchers.language',
      'vouchers.created_at',
      'vouchers.issued_at',
      'venues.name as venue_name',
    ])
    .where(sql<string>`lower(vouchers.buyer_email)`, '=', email.toLowerCase())
    .where('vouchers.anonymised_at', 'is', null);
  if (!scope.all) query = query.where('vouchers.venue_id', '=', scope.venueId);
  return query.orderBy('vouchers.created_at', 'desc').orderBy('vouchers.id').execute();
}
