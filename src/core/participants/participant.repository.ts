import type { Executor, Tx } from '../../db/schema.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { Participant } from './participant.js';

/**
 * The first statement of the transaction that adds a participant: a conditional write on the
 * booking row, which locks it (PostgreSQL) or takes the write lock (SQLite), so the count and the
 * insert that follow are one step against any concurrent add. It only touches a booking whose
 * status is one of `statuses` and whose participant link is still this one; false otherwise.
 */
export async function lockBookingForParticipants(
  trx: Tx,
  change: { bookingId: string; tokenHash: string; statuses: readonly BookingStatus[]; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('bookings')
    .set({ updated_at: change.at })
    .where('id', '=', change.bookingId)
    .where('participant_token_hash', '=', change.tokenHash)
    .where('status', 'in', change.statuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The group size and how many participants the list holds (to be sure of it, inside the locking transaction). */
export async function readParticipantCount(db: Executor, bookingId: string): Promise<{ groupSize: number; count: number }> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => [
      'group_size',
      eb
        .selectFrom('participants')
        .select((c) => c.fn.countAll<number | string>().as('n'))
        .where('booking_id', '=', bookingId)
        .as('count'),
    ])
    .where('id', '=', bookingId)
    .executeTakeFirstOrThrow();
  return { groupSize: row.group_size, count: Number(row.count ?? 0) };
}

export async function insertParticipant(trx: Tx, bookingId: string, participant: Participant): Promise<void> {
  await trx
    .insertInto('participants')
    .values({
      id: participant.id,
      booking_id: bookingId,
      name: participant.name,
      answers: JSON.stringify(participant.answers),
      created_at: participant.createdAt.toISOString(),
    })
    .execute();
}

/** A booking's participants in the order they entered themselves. */
export async function listParticipants(db: Executor, bookingId: string): Promise<Participant[]> {
  const rows = await db
    .selectFrom('participants')
    .select(['id', 'name', 'answers', 'created_at'])
    .where('booking_id', '=', bookingId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    answers: JSON.parse(row.answers) as Participant['answers'],
    createdAt: new Date(row.created_at),
  }));
}

/** Removes one participant of this booking (another booking's participant id removes nothing); false when none was removed. */
export async function deleteParticipant(trx: Tx, bookingId: string, participantId: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('participants')
    .where('id', '=', participantId)
    .where('booking_id', '=', bookingId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** The participant link's current version and the hash stored for it (null when the booking never had one). */
export async function findParticipantLink(db: Executor, bookingId: string): Promise<{ version: number; tokenHash: string | null }> {
  const row = await db
    .selectFrom('bookings')
    .select(['participant_link_version', 'participant_token_hash'])
    .where('id', '=', bookingId)
    .executeTakeFirstOrThrow();
  return { version: row.participant_link_version, tokenHash: row.participant_token_hash };
}

/**
 * Stores a new participant link: the next version and its hash, conditional on the version read,
 * so of two concurrent re-issues only one changes anything (false for the other).
 */
export async function updateParticipantLink(
  trx: Tx,
  change: { bookingId: string; fromVersion: number; tokenHash: string; at: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('bookings')
    .set({ participant_link_version: change.fromVersion + 1, participant_token_hash: change.tokenHash, updated_at: change.at })
    .where('id', '=', change.bookingId)
    .where('participant_link_version', '=', change.fromVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
