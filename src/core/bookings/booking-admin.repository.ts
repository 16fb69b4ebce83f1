import { formatCount } from '../i18n/format.js';
import { partyCategoriesOf } from './booking-pricing.js';
import { type ExpressionBuilder, sql } from 'kysely';
import type { Translated } from '../catalog/activity.js';
import type { Pricing } from '../catalog/pricing.js';
import { type Party, partyWords } from '../catalog/price-categories.js';
import type { ActivityTable, Database, Executor, SlotTable, Tx } from '../../db/schema.js';
import { toSlot } from '../availability/slot.repository.js';
import type { Venue } from '../catalog/activity.js';
import { toVenue, VENUE_COLUMNS } from '../catalog/catalog.repository.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { BookingFilter, BookingListItem, BookingNote, ScheduleSlot } from './booking-admin.js';
import { type BookingBasicsRow, type BookingRow, toBookingBasics } from './booking.repository.js';
import { lockRow } from '../../db/lock-row.js';

/** The bookings, slots, activities and venues a member may see: their scope, and within it one venue if asked. */
function inScope(scope: VenueScope, venueId?: string) {
  return (eb: ExpressionBuilder<Database, 'activities'>) => {
    const conditions = [];
    if (!scope.all) conditions.push(eb('activities.venue_id', '=', scope.venueId));
    if (venueId) conditions.push(eb('activities.venue_id', '=', venueId));
    return eb.and(conditions);
  };
}

/** `%text%` for LIKE, with the wildcards in the text itself escaped (escape character `\`). */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function selectBookingItems(db: Executor) {
  return db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .innerJoin('activities', 'activities.id', 'bookings.activity_id')
    .innerJoin('venues', 'venues.id', 'activities.venue_id');
}

type BookingItemRow = BookingBasicsRow &
  Pick<BookingRow, 'total_cents' | 'paid_at' | 'created_at' | 'slot_id' | 'party'> &
  Pick<SlotTable, 'starts_at'> &
  Pick<ActivityTable, 'title_nl' | 'title_en' | 'pricing'> & { venue_name: string; booked_pricing: string | null };

const ITEM_COLUMNS = [
  'bookings.id',
  'bookings.reference',
  'bookings.status',
  'bookings.group_size',
  'bookings.organiser_name',
  'bookings.organiser_email',
  'bookings.organiser_phone',
  'bookings.organisation',
  'bookings.total_cents',
  'bookings.paid_at',
  'bookings.created_at',
  'bookings.slot_id',
  'bookings.party',
  'bookings.pricing as booked_pricing',
  'slots.starts_at',
  'activities.title_nl',
  'activities.title_en',
  'activities.pricing',
  'venues.name as venue_name',
] as const;

/** "Leerling 24, Begeleider 3" in both languages, for a booking counted by price category (by the names it was booked with); else null. */
function partyTextOf(row: Pick<BookingItemRow, 'party' | 'pricing' | 'booked_pricing'>): Translated | null {
  if (row.party === null) return null;
  const booked = row.booked_pricing === null ? null : (JSON.parse(row.booked_pricing) as Pricing);
  return partyWords(partyCategoriesOf(booked, JSON.parse(row.pricing) as Pricing), JSON.parse(row.party) as Party, formatCount);
}

function toItem(row: BookingItemRow): BookingListItem {
  return {
    ...toBookingBasics(row),
    totalCents: row.total_cents,
    paidAt: row.paid_at === null ? null : new Date(row.paid_at),
    createdAt: new Date(row.created_at),
    slotId: row.slot_id,
    startsAt: new Date(row.starts_at),
    activityTitle: { nl: row.title_nl, en: row.title_en },
    venueName: row.venue_name,
    partyText: partyTextOf(row),
  };
}

/** The filter as the queries take it: the visit dates as the instants [startsFrom, startsBefore). */
export interface BookingQuery extends Omit<BookingFilter, 'from' | 'to'> {
  startsFrom?: Date;
  startsBefore?: Date;
}

function filtered(db: Executor, scope: VenueScope, query: BookingQuery) {
  let q = selectBookingItems(db).where(inScope(scope));
  if (query.q) {
    const pattern = containsPattern(query.q);
    q = q.where((eb) =>
      eb.or(
        (['bookings.reference', 'bookings.organiser_name', 'bookings.organiser_email', 'bookings.organisation'] as const).map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  if (query.status) q = q.where('bookings.status', '=', query.status);
  if (query.activityId) q = q.where('bookings.activity_id', '=', query.activityId);
  if (query.startsFrom) q = q.where('slots.starts_at', '>=', query.startsFrom.toISOString());
  if (query.startsBefore) q = q.where('slots.starts_at', '<', query.startsBefore.toISOString());
  if (query.paid !== undefined) q = q.where('bookings.paid_at', query.paid ? 'is not' : 'is', null);
  return q;
}

export async function countBookings(db: Executor, scope: VenueScope, query: BookingQuery): Promise<number> {
  const row = await filtered(db, scope, query)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The bookings the filter finds, in its order; `limit` undefined for all of them (the export). */
export async function listBookingItems(
  db: Executor,
  scope: VenueScope,
  query: BookingQuery,
  page?: { limit: number; offset: number },
): Promise<BookingListItem[]> {
  let q = filtered(db, scope, query).select(ITEM_COLUMNS);
  if (query.sort === 'created_desc') q = q.orderBy('bookings.created_at', 'desc');
  else q = q.orderBy('slots.starts_at', query.sort === 'visit_asc' ? 'asc' : 'desc').orderBy('bookings.created_at', 'asc');
  q = q.orderBy('bookings.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return (await q.execute()).map(toItem);
}

/** Every booking (any status) on the slots, in the order they were made. */
export async function listBookingsOfSlots(db: Executor, scope: VenueScope, slotIds: string[]): Promise<BookingListItem[]> {
  if (slotIds.length === 0) return [];
  const rows = await selectBookingItems(db)
    .where(inScope(scope))
    .where('bookings.slot_id', 'in', slotIds)
    .select(ITEM_COLUMNS)
    .orderBy('bookings.created_at')
    .orderBy('bookings.id')
    .execute();
  return rows.map(toItem);
}

/** Slots starting in [from, to) in the scope (and the one venue, if given), by venue name then time; without their groups. */
export async function listScheduleSlots(
  db: Executor,
  scope: VenueScope,
  venueId: string | undefined,
  from: Date,
  to: Date,
): Promise<(Omit<ScheduleSlot, 'groups'> & { venue: Venue })[]> {
  const rows = await db
    .selectFrom('slots')
    .innerJoin('activities', 'activities.id', 'slots.activity_id')
    .innerJoin('venues', 'venues.id', 'activities.venue_id')
    .where('slots.starts_at', '>=', from.toISOString())
    .where('slots.starts_at', '<', to.toISOString())
    .where(inScope(scope, venueId))
    .selectAll('slots')
    .select(['activities.title_nl', 'activities.title_en', 'activities.venue_id', ...VENUE_COLUMNS])
    .orderBy('venues.name')
    .orderBy('venues.id')
    .orderBy('slots.starts_at')
    .orderBy('activities.title_nl')
    .execute();
  return rows.map((row) => ({ venue: toVenue(row), slot: toSlot(row), activityTitle: { nl: row.title_nl, en: row.title_en } }));
}

/** Start and size of every booking in these statuses on slots starting in [from, to), in the scope. */
export async function listBookingStarts(
  db: Executor,
  scope: VenueScope,
  venueId: string | undefined,
  statuses: readonly BookingStatus[],
  from: Date,
  to: Date,
): Promise<{ starts_at: string; group_size: number }[]> {
  if (statuses.length === 0) return [];
  return selectBookingItems(db)
    .where(inScope(scope, venueId))
    .where('bookings.status', 'in', statuses)
    .where('slots.starts_at', '>=', from.toISOString())
    .where('slots.starts_at', '<', to.toISOString())
    .select(['slots.starts_at', 'bookings.group_size'])
    .execute();
}

/** The booking with this id if it belongs to a venue in the scope; another venue's id finds nothing. */
export async function findBookingInScope(db: Executor, scope: VenueScope, id: string): Promise<BookingRow | undefined> {
  let q = db.selectFrom('bookings').selectAll().where('id', '=', id);
  if (!scope.all) q = q.where('venue_id', '=', scope.venueId);
  return q.executeTakeFirst();
}

/**
 * Moves a booking from one status to another in one conditional UPDATE: when another request
 * changed it first, nothing happens and the answer is false. A move out of `option` clears the
 * deadline and, with `option`, also requires it to be still ahead ('open') or passed ('passed'),
 * so a confirmation and the expiry can never both happen.
 */
export async function updateBookingStatus(
  trx: Tx,
  id: string,
  change: {
    from: BookingStatus;
    to: BookingStatus;
    /** The group size as read: a concurrent size change makes the update miss. */
    groupSize: number;
    at: string;
    cancelledAt?: string;
    confirmedAt?: string;
    option?: 'open' | 'passed';
    /** Out of `awaiting_payment` by expiry: the payment window must have passed. */
    window?: 'passed';
    /** Into `awaiting_payment`: the window's end and what is paid online, as planned now. */
    payment?: { expiresAt: string; depositPercent: number; balanceDueOn: string | null };
  },
): Promise<boolean> {
  let query = trx
    .updateTable('bookings')
    .set({
      status: change.to,
      updated_at: change.at,
      ...(change.cancelledAt ? { cancelled_at: change.cancelledAt } : {}),
      ...(change.confirmedAt ? { confirmed_at: change.confirmedAt } : {}),
      ...(change.from === 'option' ? { option_expires_at: null } : {}),
      ...(change.from === 'awaiting_payment' && change.to !== 'expired' ? { payment_expires_at: null } : {}),
      ...(change.payment
        ? {
            payment_expires_at: change.payment.expiresAt,
            deposit_percent: change.payment.depositPercent,
            balance_due_on: change.payment.balanceDueOn,
          }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', change.from)
    .where('group_size', '=', change.groupSize);
  if (change.option) query = query.where('option_expires_at', change.option === 'open' ? '>' : '<=', change.at);
  if (change.window) query = query.where('payment_expires_at', '<=', change.at);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Locks the slot's row for the rest of the transaction (a write that changes nothing). Every
 * transaction that changes a booking's places locks its slot before its booking, so two of them
 * never wait on each other in opposite order; on SQLite it takes the write lock first.
 */
export async function lockSlot(trx: Tx, slotId: string): Promise<void> {
  await lockRow(trx, 'slots', slotId);
}

/** Records or clears the payment; false when it already was so (nothing changed). */
export async function updatePaidAt(trx: Tx, id: string, paidAt: string | null, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('bookings')
    .set({ paid_at: paidAt, updated_at: at })
    .where('id', '=', id)
    .where('paid_at', paidAt === null ? 'is not' : 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertBookingNote(
  trx: Tx,
  note: { id: string; bookingId: string; authorId: string; authorName: string; body: string; createdAt: string },
): Promise<void> {
  await trx
    .insertInto('booking_notes')
    .values({
      id: note.id,
      booking_id: note.bookingId,
      author_id: note.authorId,
      author_name: note.authorName,
      body: note.body,
      created_at: note.createdAt,
    })
    .execute();
}

/** A booking's internal notes, oldest first. */
export async function listBookingNotes(db: Executor, bookingId: string): Promise<BookingNote[]> {
  const rows = await db
    .selectFrom('booking_notes')
    .select(['id', 'author_name', 'body', 'created_at'])
    .where('booking_id', '=', bookingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, authorName: row.author_name, body: row.body, createdAt: new Date(row.created_at) }));
}

export interface ActivityChoice {
  id: string;
  title_nl: string;
  title_en: string;
  venue_name: string;
}

/** The activities of the venues in the scope, for the list's filter. */
export async function listActivityChoices(db: Executor, scope: VenueScope): Promise<ActivityChoice[]> {
  let q = db
    .selectFrom('activities')
    .innerJoin('venues', 'venues.id', 'activities.venue_id')
    .select(['activities.id', 'activities.title_nl', 'activities.title_en', 'venues.name as venue_name']);
  if (!scope.all) q = q.where('activities.venue_id', '=', scope.venueId);
  return q.orderBy('venues.name').orderBy('activities.title_nl').orderBy('activities.id').execute();
}
