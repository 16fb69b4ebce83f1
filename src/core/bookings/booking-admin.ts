import type { Slot } from '../availability/slot.js';
import type { Translated, Venue } from '../catalog/activity.js';
import { type FormResult, refused } from '../shared/field-errors.js';
import { textProblem } from '../shared/control-characters.js';
import type { BookingBasics, BookingDetails } from './booking.js';
import type { BookingStatus } from '../shared/booking-status.js';

/** How the back office orders its bookings list. */
export const BOOKING_SORTS = ['visit_desc', 'visit_asc', 'created_desc'] as const;
export type BookingSort = (typeof BOOKING_SORTS)[number];

/** The bookings list's search and filters; every field optional but the order. */
export interface BookingFilter {
  /** Part of the reference, organiser's name, email address or organisation, any case. */
  q?: string;
  status?: BookingStatus;
  activityId?: string;
  /** Visit dates (Amsterdam, YYYY-MM-DD), both included. */
  from?: string;
  to?: string;
  paid?: boolean;
  sort: BookingSort;
}

export const BOOKINGS_PER_PAGE = 50;

/** One booking as a list, the day schedule and the export show it. */
export interface BookingListItem extends BookingBasics {
  totalCents: number;
  paidAt: Date | null;
  createdAt: Date;
  slotId: string;
  startsAt: Date;
  activityTitle: Translated;
  venueName: string;
  /** Its counts per price category in words ("Leerling 24, Begeleider 3"); null for a group counted by size alone. */
  partyText: Translated | null;
}

export interface BookingPage {
  items: BookingListItem[];
  total: number;
  page: number;
  pages: number;
}

/** Staff's note on a booking, never shown to the organiser. */
export interface BookingNote {
  id: string;
  authorName: string;
  body: string;
  createdAt: Date;
}

/** A booking as staff see it: what the organiser sees, plus payment, cancellation and internal notes. */
export interface StaffBookingDetails extends BookingDetails {
  venueId: string;
  paidAt: Date | null;
  cancelledAt: Date | null;
  internalNotes: BookingNote[];
}

export interface ScheduleSlot {
  slot: Slot;
  activityTitle: Translated;
  groups: BookingListItem[];
}

/** One venue's slots of the day, in time order. */
export interface ScheduleVenue {
  venue: Venue;
  slots: ScheduleSlot[];
}

/** The groups of one coming day (cancelled bookings not counted). */
export interface UpcomingDay {
  date: string;
  groups: number;
  persons: number;
}

export interface DaySchedule {
  date: string;
  venues: ScheduleVenue[];
  upcoming: UpcomingDay[];
}

export const NOTE_MAX_LENGTH = 2000;

/**
 * An internal note as typed (the form's `note` field): 1 to 2000 characters passing the shared
 * text check, line breaks and tabs allowed.
 */
export function parseNoteBody(raw: string): FormResult<string> {
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (body === '') return refused('note', 'required');
  if (body.length > NOTE_MAX_LENGTH) return refused('note', 'too_long');
  const problem = textProblem(body, { multiline: true });
  if (problem) return refused('note', problem);
  return { ok: true, value: body };
}
