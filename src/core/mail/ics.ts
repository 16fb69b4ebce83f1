import { DateTime } from 'luxon';
import type { BookingDetails } from '../bookings/booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { VENUE_ZONE } from '../shared/time.js';
import { formatCount } from '../i18n/format.js';
import { mailTranslator } from './mail-texts.js';
import type { Subgroup } from '../resources/rotation.js';

/**
 * A booking as an iCalendar file (RFC 5545), for mails and the manage link's download.
 *
 * Written by hand on purpose: a few events in one fixed time zone takes a few lines of escaping and
 * folding plus the Amsterdam rules, while a library that writes iCalendar would add a dependency
 * with its own time-zone handling for what luxon already does here. The tests parse the result
 * back with ical.js, a full RFC 5545 parser.
 */
export interface BookingCalendar {
  booking: BookingDetails;
  /** The platform's host name, which makes the event's UID unique across calendars. */
  publicHost: string;
  /** When the file is made (DTSTAMP). */
  stamp: Date;
  /**
   * The event's revision: a calendar that has the event replaces it only with a higher one. The
   * number of changes in the booking's history, so every change (a new group size, a cancellation)
   * raises it.
   */
  sequence: number;
  /**
   * A programme as the group does it (bookingProgramme): an event for each part, at its own time
   * and place, instead of one for the visit; for a group split into subgroups, one per part and
   * subgroup, named after the subgroup.
   */
  programme?: readonly Subgroup[] | undefined;
}

const CALENDAR_STATUS: Record<BookingStatus, 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED'> = {
  option: 'TENTATIVE',
  requested: 'TENTATIVE',
  awaiting_payment: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  completed: 'CONFIRMED',
  cancelled: 'CANCELLED',
  expired: 'CANCELLED',
};

/**
 * Europe/Amsterdam under the EU rules in force since 1996: summer time (CEST, +02:00) from 02:00
 * on the last Sunday of March, winter time (CET, +01:00) from 03:00 on the last Sunday of October.
 */
const AMSTERDAM = [
  'BEGIN:VTIMEZONE',
  `TZID:${VENUE_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19810329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19961027T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545, 3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, '\\n');
}

/** A content line folded into lines of at most 75 octets, never inside a UTF-8 character (3.1). */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/**
 * A DTSTART/DTEND property: Amsterdam wall time with its TZID. A wall time that occurs twice (the
 * hour the clocks go back) is written in UTC, either occurrence: RFC 5545 reads it as the first,
 * but calendar programs differ (ical.js takes the second), and UTC leaves nothing to read.
 */
function dateTimeProperty(name: string, instant: Date): string {
  const local = DateTime.fromJSDate(instant, { zone: VENUE_ZONE });
  const format = "yyyyMMdd'T'HHmmss";
  const wall = local.toFormat(format);
  const twice = local.minus({ hours: 1 }).toFormat(format) === wall || local.plus({ hours: 1 }).toFormat(format) === wall;
  return twice ? `${name}:${utc(instant)}` : `${name};TZID=${VENUE_ZONE}:${wall}`;
}

function utc(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'UTC' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/** One VEVENT of the booking: the visit, or a part of its programme. */
interface CalendarEvent {
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  where: string[];
}

/**
 * The booking's visit as a VCALENDAR, CRLF line endings: one VEVENT, or for a programme one per
 * part (its own UID, "Programme: part" and the resources it uses as its place). It carries no
 * private link: calendar entries get shared and synced, and the manage link can change or cancel
 * the booking.
 */
export function bookingIcs({ booking, publicHost, stamp, sequence, programme = [] }: BookingCalendar): string {
  const { activity, slot, language } = booking;
  const t = mailTranslator(language);
  const venue = activity.venue;
  const where = [venue.name, activity.location, activity.location.includes(venue.city) ? '' : venue.city].filter(Boolean);
  const description = [
    `${t('mail.reference')}: ${booking.reference}`,
    `${t('booking.group_size')}: ${formatCount(booking.groupSize, language)}`,
  ].join('\n');
  const title = activity.title[language];
  const events: CalendarEvent[] =
    programme.length === 0
      ? [{ uid: `${booking.id}@${publicHost}`, startsAt: slot.startsAt, endsAt: slot.endsAt, summary: title, where }]
      : programme.flatMap((subgroup, k) =>
          subgroup.parts
            // A part the whole group does together is one event, not one per subgroup.
            .filter(({ part }) => k === 0 || part.subgroupSize !== null)
            .map(({ part, startsAt, endsAt }) => ({
              // The first subgroup's keep the whole group's UIDs when the group splits or merges again.
              uid: `${booking.id}-${part.id}${k === 0 ? '' : `-${k + 1}`}@${publicHost}`,
              startsAt,
              endsAt,
              summary:
                programme.length === 1 || part.subgroupSize === null
                  ? `${title}: ${part.title[language]}`
                  : `${title}: ${part.title[language]} (${t('mail.subgroup_short', { n: k + 1 })})`,
              where: [...part.resources.map((resource) => resource.name), ...where],
            })),
        );
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Groupz//Bookings//EN',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...AMSTERDAM,
    ...events.flatMap((event) => [
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utc(stamp)}`,
      dateTimeProperty('DTSTART', event.startsAt),
      dateTimeProperty('DTEND', event.endsAt),
      `SEQUENCE:${sequence}`,
      `STATUS:${CALENDAR_STATUS[booking.status]}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `LOCATION:${escapeText(event.where.join(', '))}`,
      `DESCRIPTION:${escapeText(description)}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
