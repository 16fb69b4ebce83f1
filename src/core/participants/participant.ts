import { z } from 'zod';
import { closesAt } from '../availability/bookability.js';
import type { BookingDetails } from '../bookings/booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { text } from '../bookings/booking-input.js';
import type { ParticipantField } from '../catalog/activity.js';
import { type FieldRefusal, fieldErrorsOf } from '../shared/field-errors.js';

/** A member of the group as they entered themselves through the participant link. */
export interface Participant {
  id: string;
  name: string;
  /** The answers to the fields the activity asked when they filled in ('' when left empty). */
  answers: Partial<Record<ParticipantField, string>>;
  createdAt: Date;
}

export const PARTICIPANT_NAME_MAX_LENGTH = 100;
export const PARTICIPANT_ANSWER_MAX_LENGTH = 500;

/** Dietary needs and allergies may take a few lines; a phone number is one line. */
const MULTILINE: Record<ParticipantField, boolean> = { dietary: true, allergies: true, emergency_phone: false };

/** What a participant types: their name, and an answer (maybe empty) to each field the activity asks. */
export interface ParticipantInput {
  name: string;
  answers: Partial<Record<ParticipantField, string>>;
}

export type ParsedParticipantInput = { ok: true; input: ParticipantInput } | FieldRefusal;

/**
 * A participant's form: the name (1 to 100 characters), each asked field optional up to 500, no
 * control characters (line breaks allowed in dietary needs and allergies). Fields the activity
 * does not ask are ignored, so only the asked ones are ever stored.
 */
export function parseParticipantInput(raw: Record<string, unknown>, fields: readonly ParticipantField[]): ParsedParticipantInput {
  const schema = z.object({
    name: text(PARTICIPANT_NAME_MAX_LENGTH, { required: true }),
    ...Object.fromEntries(
      fields.map((field) => [field, text(PARTICIPANT_ANSWER_MAX_LENGTH, { required: false, multiline: MULTILINE[field] }).default('')]),
    ),
  });
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, errors: fieldErrorsOf(result.error) };
  const { name, ...answers } = result.data as { name: string } & Record<string, string>;
  return { ok: true, input: { name, answers } };
}

/** The statuses whose list of participants is open (until the cut-off): the booking still takes place. */
export const PARTICIPANTS_OPEN_STATUSES = ['option', 'requested', 'confirmed'] as const satisfies readonly BookingStatus[];

/**
 * Whether participants can still be added or removed: the booking still takes place and its slot
 * has not reached the activity's booking cut-off.
 */
export function participantsOpen(booking: Pick<BookingDetails, 'status' | 'activity' | 'slot'>, now: Date): boolean {
  return (
    (PARTICIPANTS_OPEN_STATUSES as readonly BookingStatus[]).includes(booking.status) &&
    now.getTime() < closesAt(booking.activity, booking.slot).getTime()
  );
}

/** Where a booking's list stands: anyone can still add themselves, every place is filled in, or it is closed. */
export type ParticipantListState = 'open' | 'full' | 'closed';

export function participantListState(
  booking: Pick<BookingDetails, 'status' | 'activity' | 'slot' | 'groupSize'>,
  count: number,
  now: Date,
): ParticipantListState {
  if (!participantsOpen(booking, now)) return 'closed';
  return count >= booking.groupSize ? 'full' : 'open';
}
