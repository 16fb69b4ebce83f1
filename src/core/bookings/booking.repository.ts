import type { Insertable, Selectable } from 'kysely';
import type { BookingTable, Executor, Tx } from '../../db/schema.js';
import type { PendingInsert } from '../../db/insert-together.js';
import { jsonArrayOf, rowsOfJsonArray } from '../../db/json-array.js';
import { prepared, preparedInsert } from '../../db/prepared-query.js';
import { findSlotWithActivity } from '../availability/slot.repository.js';
import { slotResourceIdsColumn, slotResourceIdsIn } from '../resources/resource.repository.js';
import { currentTermsVersionOf } from '../venues/venue-terms.repository.js';
import { noticeEmailsAmong, type NoticeEmails, noticeStaffColumn } from '../staff/staff.repository.js';
import { ORGANISER_CHANGEABLE } from './booking-changes.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { Party } from '../catalog/price-categories.js';
import type { Booking, BookingBasics, BookingDetails } from './booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { LinkPurpose } from './booking-links.js';

export type BookingRow = Selectable<BookingTable>;

/** The columns BookingBasics are read from. */
export type BookingBasicsRow = Pick<
  BookingRow,
  'id' | 'reference' | 'status' | 'group_size' | 'organiser_name' | 'organiser_email' | 'organiser_phone' | 'organisation'
>;

export function toBookingBasics(row: BookingBasicsRow): BookingBasics {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as BookingStatus,
    groupSize: row.group_size,
    name: row.organiser_name,
    email: row.organiser_email,
    phone: row.organiser_phone,
    organisation: row.organisation,
  };
}

export function toBooking(row: BookingRow): Booking {
  return {
    ...toBookingBasics(row),
    notes: row.notes,
    language: row.language === 'en' ? 'en' : 'nl',
    party: row.party === null ? null : (JSON.parse(row.party) as Party),
    price: JSON.parse(row.price_breakdown) as PriceBreakdown,
    createdAt: new Date(row.created_at),
    optionExpiresAt: dateOrNull(row.option_expires_at),
    optionExtendedAt: dateOrNull(row.option_extended_at),
    confirmedAt: dateOrNull(row.confirmed_at),
    termsVersion: row.terms_version,
  };
}

/** The booking of a row with its slot and activity; undefined when the slot is gone. */
export async function loadBookingDetails(db: Executor, row: BookingRow): Promise<BookingDetails | undefined> {
  const found = await findSlotWithActivity(db, row.slot_id);
  return found && { ...toBooking(row), ...found };
}

function dateOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** The INSERT of a booking's row, not yet run: the caller runs it, alone or with others (see insertTogether). */
export const bookingInsert: (trx: Tx, row: Insertable<BookingTable>) => PendingInsert = preparedInsert('bookings');

/** The booking submitted with the key of this hash (see createBooking). */
export async function findBookingBySubmission(db: Executor, submissionHash: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').selectAll().where('submission_hash', '=', submissionHash).executeTakeFirst();
}

export async function findBookingByTokenHash(db: Executor, purpose: LinkPurpose, tokenHash: string): Promise<BookingRow | undefined> {
  const column = purpose === 'manage' ? 'manage_token_hash' : 'participant_token_hash';
  return db.selectFrom('bookings').selectAll().where(column, '=', tokenHash).executeTakeFirst();
}

/**
 * The bookings of a slot the organiser can still change (ORGANISER_CHANGEABLE) placed for this
 * e-mail address (in any case): a column of another query, a JSON array of their references, ids
 * and times (read with earlierReferencesOf). Neither database promises to keep a subquery's order in
 * its JSON array, so the order is the reader's.
 */
function organiserBookingsOnSlotColumn(db: Executor, p: { slotId: string; email: string }) {
  return jsonArrayOf(
    db,
    db
      .selectFrom('bookings')
      .select(['reference', 'created_at', 'id'])
      .where('slot_id', '=', p.slotId)
      .where((eb) => eb(eb.fn('lower', [eb.ref('organiser_email')]), '=', eb.fn('lower', [eb.val(p.email)])))
      .where('status', 'in', ORGANISER_CHANGEABLE),
  );
}

/** The references of an organiserBookingsOnSlotColumn, oldest first (by time, then id). */
function earlierReferencesOf(column: { reference: string; created_at: string; id: string }[] | string): string[] {
  return rowsOfJsonArray(column)
    .map((row) => ({ ...row, at: Date.parse(row.created_at) }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((row) => row.reference);
}

/** What placing a booking reads once it holds its slot's lock (readUnderSlotLock). */
export interface UnderSlotLock {
  /** The resources the slot's bookings hold, as slotResourceIds finds them. */
  resourceIds: string[];
  /** The address's other bookings of the slot it can still change, oldest first: their references. */
  earlierReferences: string[];
  /** The number of the venue's current terms, as findCurrentTerms finds them (null: none published). */
  termsVersion: number | null;
  /** Who may hear of the booking, as listNoticeEmails finds them. */
  noticeEmails: NoticeEmails;
}

const underSlotLock = prepared((db, p: { slotId: string; activityId: string; email: string; venueId: string }) =>
  db.selectNoFrom([
    slotResourceIdsColumn(db, p).as('resource_ids'),
    organiserBookingsOnSlotColumn(db, p).as('earlier'),
    currentTermsVersionOf(db, p.venueId).as('terms_version'),
    noticeStaffColumn(db, p.venueId).as('notice_staff'),
  ]),
);

/**
 * What placing a booking reads after its slot's UPDATE, in one statement: the three reads that
 * must see what was committed while the booking waited for the slot's lock (a resource linked, the
 * address's booking of the slot just placed, terms just published). On PostgreSQL the UPDATE waits
 * for the slot's row lock, and in READ COMMITTED each statement sees what was committed before it
 * started: one statement after the UPDATE sees all of it, as three did (one before the UPDATE would
 * not). On SQLite the booking holds the write lock. Each column is its own repository's query.
 * With them, who may hear of the booking: that read needs no lock, but in this statement it costs
 * no round trip of its own (its few rows take microseconds under the lock).
 */
export async function readUnderSlotLock(
  trx: Tx,
  placing: { slotId: string; activityId: string; email: string; venueId: string },
): Promise<UnderSlotLock> {
  // A select without a table returns its one row.
  const row = (await underSlotLock.first(trx, placing))!;
  return {
    resourceIds: slotResourceIdsIn(row.resource_ids),
    earlierReferences: earlierReferencesOf(row.earlier),
    termsVersion: row.terms_version ?? null,
    noticeEmails: noticeEmailsAmong(row.notice_staff),
  };
}

export async function findBookingByReference(db: Executor, reference: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').selectAll().where('reference', '=', reference).executeTakeFirst();
}
