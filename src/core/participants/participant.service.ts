import type { Db } from '../../db/schema.js';
import { closesAt } from '../availability/bookability.js';
import type { BookingDetails } from '../bookings/booking.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import { issueLink } from '../bookings/booking-links.js';
import type { LinkKey } from '../shared/link-key.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { FieldRefusal } from '../shared/field-errors.js';
import { hashToken, isKey, newId } from '../shared/ids.js';
import {
  type Participant,
  type ParticipantListState,
  PARTICIPANTS_OPEN_STATUSES,
  parseParticipantInput,
  participantListState,
  participantsOpen,
} from './participant.js';
import {
  deleteParticipant,
  findParticipantLink,
  insertParticipant,
  listParticipants,
  lockBookingForParticipants,
  readParticipantCount,
  updateParticipantLink,
} from './participant.repository.js';

/** A booking's list as the organiser and staff see it. */
export interface ParticipantList {
  participants: Participant[];
  state: ParticipantListState;
  /** When the list closes (or closed): the activity's booking cut-off before the slot. */
  closesAt: Date;
}

export async function readParticipantList(db: Db, clock: Clock, booking: BookingDetails): Promise<ParticipantList> {
  const participants = await listParticipants(db, booking.id);
  return {
    participants,
    state: participantListState(booking, participants.length, clock.now()),
    closesAt: closesAt(booking.activity, booking.slot),
  };
}

/** Where the list stands, without reading anyone's name: what the participant page needs. */
export async function readParticipantListState(db: Db, clock: Clock, booking: BookingDetails): Promise<ParticipantListState> {
  const { count } = await readParticipantCount(db, booking.id);
  return participantListState(booking, count, clock.now());
}

/**
 * The token of the booking's current participant link, computed again from its version; null
 * when the stored hash is not this token's (the booking never had a link, or the platform's key
 * changed), so the organiser makes a new one instead of sharing a link that cannot work.
 */
export async function currentParticipantToken(db: Db, linkKey: LinkKey, bookingId: string): Promise<string | null> {
  const { version, tokenHash } = await findParticipantLink(db, bookingId);
  const current = issueLink(linkKey, 'participants', bookingId, version);
  return current.hash === tokenHash ? current.token : null;
}

/**
 * Adds a participant to the booking their link (`token`) opened. Refused while the list is closed
 * (`participants_closed`: past the cut-off, or the booking no longer takes place) or full
 * (`participants_full`: as many entries as the group has persons); bad input comes back as field
 * errors. The history records that a participant was added and the count, never who or what.
 */
export async function addParticipant(
  db: Db,
  clock: Clock,
  link: { booking: BookingDetails; token: string },
  raw: Record<string, unknown>,
): Promise<{ ok: true } | FieldRefusal> {
  const { booking } = link;
  const now = clock.now();
  if (!participantsOpen(booking, now)) throw new DomainError('participants_closed');
  const parsed = parseParticipantInput(raw, booking.activity.rules.participantFields);
  if (!parsed.ok) return parsed;
  const participant: Participant = { id: newId(), ...parsed.input, createdAt: now };
  await db.transaction().execute(async (trx) => {
    // First statement of the transaction: it locks the booking row, so of two concurrent adds the
    // second counts after the first has inserted, and the list never outgrows the group.
    const locked = await lockBookingForParticipants(trx, {
      bookingId: booking.id,
      tokenHash: hashToken(link.token),
      statuses: PARTICIPANTS_OPEN_STATUSES,
      at: now.toISOString(),
    });
    if (!locked) throw new DomainError('participants_closed');
    const { groupSize, count } = await readParticipantCount(trx, booking.id);
    if (count >= groupSize) throw new DomainError('participants_full');
    await insertParticipant(trx, booking.id, participant);
    await recordBookingEvent(trx, clock, {
      by: 'participant',
      venueId: booking.activity.venue.id,
      reference: booking.reference,
      action: 'booking.participant_added',
      detail: { participants: count + 1, group_size: groupSize },
    });
  });
  return { ok: true };
}

/**
 * The organiser removes a participant from the list while it is open. False when nothing was
 * removed (no such participant of this booking, or already removed).
 */
export async function removeParticipant(db: Db, clock: Clock, booking: BookingDetails, participantId: string): Promise<boolean> {
  if (!participantsOpen(booking, clock.now())) throw new DomainError('participants_closed');
  if (!isKey(participantId)) return false;
  return db.transaction().execute(async (trx) => {
    if (!(await deleteParticipant(trx, booking.id, participantId))) return false;
    const { count } = await readParticipantCount(trx, booking.id);
    await recordBookingEvent(trx, clock, {
      by: 'organiser',
      venueId: booking.activity.venue.id,
      reference: booking.reference,
      action: 'booking.participant_removed',
      detail: { participants: count },
    });
    return true;
  });
}

/**
 * The organiser replaces the participant link: the next version's hash is stored, so the old link
 * opens nothing any more. False when a concurrent re-issue came first (its link is the new one).
 */
export async function reissueParticipantLink(db: Db, clock: Clock, linkKey: LinkKey, booking: BookingDetails): Promise<boolean> {
  const { version } = await findParticipantLink(db, booking.id);
  const next = issueLink(linkKey, 'participants', booking.id, version + 1);
  return db.transaction().execute(async (trx) => {
    const at = clock.now().toISOString();
    if (!(await updateParticipantLink(trx, { bookingId: booking.id, fromVersion: version, tokenHash: next.hash, at }))) return false;
    await recordBookingEvent(trx, clock, {
      by: 'organiser',
      venueId: booking.activity.venue.id,
      reference: booking.reference,
      action: 'booking.participant_link_reissued',
      detail: { version: version + 1 },
    });
    return true;
  });
}
