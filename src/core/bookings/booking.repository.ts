import type { Insertable, Selectable } from 'kysely';
import type { BookingTable, Executor, Tx } from '../../db/schema.js';
import { hasDataModifyingWith, insertTogether, insertTogetherThenRead, type PendingInsert } from '../../db/insert-together.js';
import { jsonArrayOf, rowsOfJsonArray } from '../../db/json-array.js';
import { prepared, preparedInsert } from '../../db/prepared-query.js';
import { capacityUpdate, findSlotWithActivity, takeCapacity } from '../availability/slot.repository.js';
import { slotResourceIdsColumn, slotResourceIdsIn } from '../resources/resource.repository.js';
import { currentTermsVersionOf } from '../venues/venue-terms.repository.js';
import { noticeEmailsAmong, type NoticeEmails, noticeStaffColumn } from '../staff/staff.repository.js';
import { ORGANISER_CHANGEABLE } from './booking-changes.js';
import type { PriceBreakdown, Pricing } from '../catalog/pricing.js';
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
    pricingAsBooked: row.pricing === null ? null : (JSON.parse(row.pricing) as Pricing),
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
function organiserBookingsOnSlotColumn(db: Executor, p: { slotId: string; email: string; bookingId: string }) {
  return jsonArrayOf(
    db,
    db
      .selectFrom('bookings')
      .select(['reference', 'created_at', 'id'])
      .where('slot_id', '=', p.slotId)
      .where('id', '!=', p.bookingId)
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

/** Who places a booking on which slot, as readUnderSlotLock and takeCapacityAndRead read for it. */
export interface SlotPlacing {
  slotId: string;
  activityId: string;
  email: string;
  venueId: string;
  /** The booking's own id: never one of the address's other bookings of the slot. */
  bookingId: string;
}

/** The columns of the reads that must see what was committed while the booking waited for the lock. */
function lockedFactsColumns(db: Executor, p: SlotPlacing) {
  return [
    slotResourceIdsColumn(db, p).as('resource_ids'),
    organiserBookingsOnSlotColumn(db, p).as('earlier'),
    currentTermsVersionOf(db, p.venueId).as('terms_version'),
  ] as const;
}

function underSlotLockColumns(db: Executor, p: SlotPlacing) {
  return [...lockedFactsColumns(db, p), noticeStaffColumn(db, p.venueId).as('notice_staff')] as const;
}

const underSlotLock = prepared((db, p: SlotPlacing) => db.selectNoFrom(underSlotLockColumns(db, p)));

/** lockedFactsColumns alone: what writePlacedBooking checks again. */
const lockedFacts = prepared((db, p: SlotPlacing) => db.selectNoFrom(lockedFactsColumns(db, p)));

/** The slot's UPDATE (takeCapacity's) and, in the same statement, underSlotLock's columns. */
const placesTakenAndRead = prepared((db, p: SlotPlacing & { persons: number }) =>
  db
    .with('taken', () => capacityUpdate(db, p).returning('id'))
    .selectNoFrom((eb) => [eb.exists(eb.selectFrom('taken').select('id')).as('taken'), ...underSlotLockColumns(db, p)]),
);

function underSlotLockOf(row: {
  resource_ids: Parameters<typeof slotResourceIdsIn>[0];
  earlier: Parameters<typeof earlierReferencesOf>[0];
  terms_version: number | null;
  notice_staff: Parameters<typeof noticeEmailsAmong>[0];
}): UnderSlotLock {
  return {
    resourceIds: slotResourceIdsIn(row.resource_ids),
    earlierReferences: earlierReferencesOf(row.earlier),
    termsVersion: row.terms_version ?? null,
    noticeEmails: noticeEmailsAmong(row.notice_staff),
  };
}

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
export async function readUnderSlotLock(trx: Tx, placing: SlotPlacing): Promise<UnderSlotLock> {
  // A select without a table returns its one row.
  return underSlotLockOf((await underSlotLock.first(trx, placing))!);
}

/** What takeCapacityAndRead read with the slot's places. */
export interface CapacityTakenAndRead {
  read: UnderSlotLock;
  /**
   * Whether `read` is what was committed when the slot's lock was granted. Not when PostgreSQL read
   * it in the UPDATE's own statement, under the snapshot that statement took as it started, before
   * it waited for the lock: the booking's last statement then reads it again (writePlacedBooking).
   */
  settled: boolean;
}

/**
 * A read made before the slot's lock was granted no longer holds: the booking is placed again,
 * reading after the lock (takeCapacityAndRead's `readAfterLock`).
 */
export class ReadBeforeLockChanged extends Error {
  constructor() {
    super('what a booking read before its slot lock was granted changed meanwhile');
  }
}

/**
 * Takes a group's places on its slot (takeCapacity) and reads readUnderSlotLock's facts: undefined
 * when the slot cannot hold the group. On PostgreSQL, unless `readAfterLock`, in one statement, so
 * the slot's row stays locked for one round trip fewer: the read is then not settled, and the
 * booking's last statement checks it (writePlacedBooking). Elsewhere (SQLite, which holds the
 * write lock before the UPDATE and has no data-modifying WITH) the UPDATE, then the read.
 */
export async function takeCapacityAndRead(
  trx: Tx,
  placing: SlotPlacing & { persons: number },
  { readAfterLock }: { readAfterLock: boolean },
): Promise<CapacityTakenAndRead | undefined> {
  if (readAfterLock || !hasDataModifyingWith(trx)) {
    if (!(await takeCapacity(trx, placing.slotId, placing.persons))) return undefined;
    return { read: await readUnderSlotLock(trx, placing), settled: true };
  }
  // A select without a table returns its one row.
  const row = (await placesTakenAndRead.first(trx, placing))!;
  if (!row.taken) return undefined;
  return { read: underSlotLockOf(row), settled: false };
}

/**
 * Writes a placed booking's last rows (insertTogether). When what it read with its slot's places
 * is not settled, the same statement reads it again, now that the lock is held, and throws
 * ReadBeforeLockChanged when it differs (who hears of the booking needs no lock and is not read again).
 */
export async function writePlacedBooking(
  trx: Tx,
  inserts: readonly PendingInsert[],
  taken: CapacityTakenAndRead,
  placing: SlotPlacing,
): Promise<void> {
  if (taken.settled) return insertTogether(trx, inserts);
  const [row] = await insertTogetherThenRead(trx, inserts, lockedFacts, placing);
  const sorted = (ids: string[]) => [...ids].sort().join();
  const read = taken.read;
  const same =
    (row!.terms_version ?? null) === read.termsVersion &&
    sorted(slotResourceIdsIn(row!.resource_ids)) === sorted(read.resourceIds) &&
    earlierReferencesOf(row!.earlier).join() === read.earlierReferences.join();
  if (!same) throw new ReadBeforeLockChanged();
}

export async function findBookingByReference(db: Executor, reference: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').selectAll().where('reference', '=', reference).executeTakeFirst();
}
