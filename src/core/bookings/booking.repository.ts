import { type Expression, type Insertable, type Selectable, sql } from 'kysely';
import type { BookingTable, Executor, Tx } from '../../db/schema.js';
import { hasDataModifyingWith, insertTogether, insertTogetherThenRead, type PendingInsert } from '../../db/insert-together.js';
import { jsonArrayOf, rowsOfJsonArray } from '../../db/json-array.js';
import { prepared, preparedInsert } from '../../db/prepared-query.js';
import { failedFor, trueOrFail } from '../../db/statement-failure.js';
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

/** The reads that must see what was committed while the booking waited for the lock, by column name. */
function lockedFactsOf(db: Executor, p: SlotPlacing) {
  return {
    resource_ids: slotResourceIdsColumn(db, p),
    earlier: organiserBookingsOnSlotColumn(db, p),
    terms_version: currentTermsVersionOf(db, p.venueId),
  };
}

function underSlotLockColumns(db: Executor, p: SlotPlacing) {
  const facts = lockedFactsOf(db, p);
  return [
    facts.resource_ids.as('resource_ids'),
    facts.earlier.as('earlier'),
    facts.terms_version.as('terms_version'),
    noticeStaffColumn(db, p.venueId).as('notice_staff'),
  ] as const;
}

const underSlotLock = prepared((db, p: SlotPlacing) => db.selectNoFrom(underSlotLockColumns(db, p)));

/** lockedFactsOf's columns as the slot's UPDATE read them, in JSON: what writePlacedBooking checks. */
interface ReadBeforeLock {
  resourceIds: string;
  earlier: string;
  termsVersion: number | null;
}

/** Why writePlacedBooking's statement fails when what it checks no longer holds. */
const READ_BEFORE_LOCK_CHANGED = 'read_before_lock_changed';

/**
 * True when lockedFactsOf reads now what the slot's UPDATE read before its lock (the same rows, the
 * same terms), else fails its statement (trueOrFail): PostgreSQL only.
 */
const lockedFactsUnchanged = prepared((db, p: SlotPlacing & ReadBeforeLock) => {
  const facts = lockedFactsOf(db, p);
  // The arrays as sets: neither statement promises its rows' order.
  const sorted = (array: Expression<unknown>) =>
    sql`(select coalesce(jsonb_agg(e order by e), '[]'::jsonb) from jsonb_array_elements(${array}) as e)`;
  const same = sql<boolean>`${sorted(sql`to_jsonb(${facts.resource_ids})`)} = ${sorted(sql`cast(${p.resourceIds} as jsonb)`)}
    and ${sorted(sql`to_jsonb(${facts.earlier})`)} = ${sorted(sql`cast(${p.earlier} as jsonb)`)}
    and (${facts.terms_version}) is not distinct from cast(${p.termsVersion} as integer)`;
  return db.selectNoFrom(trueOrFail(same, READ_BEFORE_LOCK_CHANGED).as('unchanged'));
});

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
   * When `read` may not be what was committed when the slot's lock was granted: PostgreSQL read it
   * in the UPDATE's own statement, under the snapshot that statement took as it started, before it
   * waited for the lock. The booking's last statement then checks it (writePlacedBooking).
   */
  beforeLock?: ReadBeforeLock;
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
    return { read: await readUnderSlotLock(trx, placing) };
  }
  // A select without a table returns its one row.
  const row = (await placesTakenAndRead.first(trx, placing))!;
  if (!row.taken) return undefined;
  const beforeLock = {
    resourceIds: JSON.stringify(row.resource_ids),
    earlier: JSON.stringify(row.earlier),
    termsVersion: row.terms_version ?? null,
  };
  return { read: underSlotLockOf(row), beforeLock };
}

/**
 * Writes a placed booking's last rows (insertTogether) as its transaction's last statement: on
 * PostgreSQL the COMMIT goes with it, so the slot's row is unlocked one round trip after its
 * UPDATE's answer. When what the UPDATE read is not settled (`beforeLock`), the statement checks
 * it, now that the lock is held, and fails when it changed, the COMMIT with it: this throws
 * ReadBeforeLockChanged, and the transaction is rolled back (who hears of the booking needs no
 * lock and is not checked).
 */
export async function writePlacedBooking(
  trx: Tx,
  inserts: readonly PendingInsert[],
  taken: CapacityTakenAndRead,
  placing: SlotPlacing,
): Promise<void> {
  if (!taken.beforeLock) return insertTogether(trx, inserts, { last: true });
  await insertTogetherThenRead(trx, inserts, lockedFactsUnchanged, { ...placing, ...taken.beforeLock }, { last: true }).catch(
    (error: unknown) => {
      throw failedFor(error, READ_BEFORE_LOCK_CHANGED) ? new ReadBeforeLockChanged() : error;
    },
  );
}

export async function findBookingByReference(db: Executor, reference: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').selectAll().where('reference', '=', reference).executeTakeFirst();
}
