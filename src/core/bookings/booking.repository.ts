import type { Insertable, Selectable } from 'kysely';
import type { BookingTable, Executor, Tx } from '../../db/schema.js';
import type { PendingInsert } from '../../db/insert-together.js';
import { prepared, type PreparedQuery, preparedInsert } from '../../db/prepared-query.js';
import { findSlotWithActivity } from '../availability/slot.repository.js';
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

/** The bookings of a slot in these statuses placed for this e-mail address (in any case), oldest first. */
export async function listOrganiserBookingsOnSlot(
  db: Executor,
  slotId: string,
  email: string,
  statuses: readonly string[],
): Promise<BookingRow[]> {
  const key = statuses.join();
  let query = organiserBookingsOnSlot.get(key);
  if (!query) {
    query = prepared((db, p: { slotId: string; email: string }) =>
      db
        .selectFrom('bookings')
        .selectAll()
        .where('slot_id', '=', p.slotId)
        .where((eb) => eb(eb.fn('lower', [eb.ref('organiser_email')]), '=', eb.fn('lower', [eb.val(p.email)])))
        .where('status', 'in', statuses)
        .orderBy('created_at')
        .orderBy('id'),
    );
    organiserBookingsOnSlot.set(key, query);
  }
  return query.rows(db, { slotId, email });
}

/** The query of listOrganiserBookingsOnSlot, by the statuses it lists (its callers' constants). */
const organiserBookingsOnSlot = new Map<string, PreparedQuery<{ slotId: string; email: string }, BookingRow>>();

export async function findBookingByReference(db: Executor, reference: string): Promise<BookingRow | undefined> {
  return db.selectFrom('bookings').selectAll().where('reference', '=', reference).executeTakeFirst();
}
