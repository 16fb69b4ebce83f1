import type { Executor, Tx } from '../../db/schema.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { Group } from '../catalog/price-categories.js';
import type { OrganiserContact } from './booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { LinkPurpose } from './booking-links.js';

/**
 * Moves `delta` places of a booking that already holds places on the slot, in one conditional
 * UPDATE inside the caller's transaction: more places only while `booked_persons + delta <=
 * capacity`, fewer only while the slot holds them. The group count does not change (the booking
 * is already one of the slot's groups, also on an exclusive slot). False when the slot refuses.
 */
export async function moveBookedPersons(trx: Tx, slotId: string, delta: number): Promise<boolean> {
  let query = trx
    .updateTable('slots')
    .set((eb) => ({ booked_persons: eb('booked_persons', '+', delta) }))
    .where('id', '=', slotId);
  query =
    delta > 0
      ? query.where((eb) => eb(eb('booked_persons', '+', delta), '<=', eb.ref('capacity')))
      : query.where('booked_persons', '>=', -delta);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The state a change was decided on: it applies only while the booking is still so (its organiser's details too, when given). */
export interface BookingState {
  id: string;
  status: BookingStatus;
  groupSize: number;
  /** Its party by price category as stored (JSON), or null. */
  party?: string | null;
  contact?: OrganiserContact;
}

function unchangedSince(trx: Tx, state: BookingState) {
  let query = trx
    .updateTable('bookings')
    .where('id', '=', state.id)
    .where('status', '=', state.status)
    .where('group_size', '=', state.groupSize);
  if (state.party !== undefined) query = state.party === null ? query.where('party', 'is', null) : query.where('party', '=', state.party);
  if (state.contact) {
    const { name, email, phone, organisation, notes } = state.contact;
    query = query
      .where('organiser_name', '=', name)
      .where('organiser_email', '=', email)
      .where('organiser_phone', '=', phone)
      .where('organisation', '=', organisation)
      .where('notes', '=', notes);
  }
  return query;
}

/** The new group (size and party) and its price, and the organiser's new details when given; false when the booking changed since it was read. */
export async function updateGroupSize(
  trx: Tx,
  state: BookingState,
  change: { group: Group; price: PriceBreakdown; at: string; contact?: OrganiserContact },
): Promise<boolean> {
  const contact = change.contact && {
    organiser_name: change.contact.name,
    organiser_email: change.contact.email,
    organiser_phone: change.contact.phone,
    organisation: change.contact.organisation,
    notes: change.contact.notes,
  };
  const result = await unchangedSince(trx, state)
    .set({
      group_size: change.group.groupSize,
      party: change.group.party && JSON.stringify(change.group.party),
      total_cents: change.price.totalCents,
      vat_cents: change.price.vatCents,
      price_breakdown: JSON.stringify(change.price),
      updated_at: change.at,
      ...contact,
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels the booking; false when it changed since it was read. */

/** A booking's current status and size, to tell why a conditional change found it changed. */
export async function findBookingState(db: Executor, id: string): Promise<BookingState | undefined> {
  const row = await db.selectFrom('bookings').select(['id', 'status', 'group_size']).where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, status: row.status as BookingStatus, groupSize: row.group_size };
}

/**
 * Stores the hash of a link's next version, which ends the current link; conditional on the
 * version read, so of two concurrent re-issues one wins. False when the version moved on.
 */
export async function updateLinkVersion(
  trx: Tx,
  id: string,
  purpose: LinkPurpose,
  change: { fromVersion: number; hash: string; at: string },
): Promise<boolean> {
  const query = trx.updateTable('bookings').where('id', '=', id);
  const result = await (
    purpose === 'manage'
      ? query
          .set({ manage_link_version: change.fromVersion + 1, manage_token_hash: change.hash, updated_at: change.at })
          .where('manage_link_version', '=', change.fromVersion)
      : query
          .set({ participant_link_version: change.fromVersion + 1, participant_token_hash: change.hash, updated_at: change.at })
          .where('participant_link_version', '=', change.fromVersion)
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
