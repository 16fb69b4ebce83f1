import type { Executor } from '../../db/schema.js';
import type { BookingDetails } from '../bookings/booking.js';
import type { Clock } from '../shared/clock.js';
import { countBookingEvents } from './calendar.repository.js';
import { bookingIcs } from './ics.js';
import { bookingProgramme } from '../resources/programme-view.service.js';
import type { Subgroup } from '../resources/rotation.js';

export interface CalendarFile {
  /** `<reference>.ics` */
  filename: string;
  content: string;
  /** As a mail attachment; the download sends plain `text/calendar`. */
  contentType: string;
}

/**
 * The booking's visit as an .ics file (an event for each part of a programme), for a mail or the
 * download behind the manage link. Its SEQUENCE counts the changes in the booking's history, so a
 * calendar that imported an earlier copy (same UID) takes the newer one.
 */
export async function bookingCalendarFile(
  db: Executor,
  clock: Clock,
  { booking, publicUrl }: { booking: BookingDetails; publicUrl: string },
): Promise<CalendarFile> {
  const events = await countBookingEvents(db, booking.activity.venue.id, booking.reference);
  return calendarFileOf(clock, { booking, publicUrl, events, programme: await bookingProgramme(db, booking) });
}

/** The booking's .ics file (see bookingCalendarFile) from its history's count of entries and its programme, read before. */
export function calendarFileOf(
  clock: Clock,
  { booking, publicUrl, events, programme }: { booking: BookingDetails; publicUrl: string; events: number; programme: readonly Subgroup[] },
): CalendarFile {
  return {
    filename: `${booking.reference}.ics`,
    content: bookingIcs({
      booking,
      publicHost: new URL(publicUrl).hostname,
      stamp: clock.now(),
      sequence: Math.max(0, events - 1),
      programme,
    }),
    contentType: 'text/calendar; method=PUBLISH; charset=utf-8',
  };
}
