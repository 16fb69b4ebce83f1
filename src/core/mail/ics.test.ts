import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import ICAL from 'ical.js';
import { bookingDetails } from '../../../test/booking-details.js';
import type { BookingDetails } from '../bookings/booking.js';
import type { BookingStatus } from '../shared/booking-status.js';
import type { ProgrammePart } from '../resources/programme.js';
import { subgroupsOf } from '../resources/rotation.js';
import { bookingIcs, escapeText, foldLine } from './ics.js';

function ics(booking: BookingDetails, sequence = 0, parts: ProgrammePart[] = []): string {
  return bookingIcs({
    booking,
    publicHost: 'bookings.groupz.now',
    stamp: new Date('2026-06-01T08:00:00Z'),
    sequence,
    programme: parts.length === 0 ? [] : subgroupsOf(parts, booking.slot.startsAt, booking.groupSize),
  });
}

/** A part of the booking's programme: `offset` and `duration` in minutes, using the resources named. */
function part(id: string, title: string, offset: number, duration: number, resources: string[]): ProgrammePart {
  return {
    id,
    activityId: 'act1',
    position: 0,
    title: { nl: title, en: `${title} (en)` },
    offsetMinutes: offset,
    durationMinutes: duration,
    partActivityId: null,
    subgroupSize: null,
    resources: resources.map((name, i) => ({ resourceId: `r${i}`, name, bufferMinutes: 15 })),
  };
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** A slot of the booking from `start` to `end` (UTC instants). */
function at(start: string, end: string, overrides: Partial<BookingDetails> = {}): BookingDetails {
  const booking = bookingDetails(overrides);
  return { ...booking, slot: { ...booking.slot, startsAt: new Date(start), endsAt: new Date(end) } };
}

describe('iCalendar file of a booking', () => {
  test('a calendar with one event: CRLF lines of at most 75 octets, the Amsterdam zone, the visit in local time', () => {
    const text = ics(bookingDetails());
    assert.ok(text.endsWith('\r\n'));
    assert.doesNotMatch(text.replace(/\r\n/g, ''), /[\r\n]/, 'no bare CR or LF');
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `too long: ${line}`);
    const { calendar, vevent, event } = parse(text);
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
    assert.equal(calendar.getFirstPropertyValue('calscale'), 'GREGORIAN');
    assert.ok(calendar.getFirstPropertyValue('prodid'));
    assert.equal(calendar.getAllSubcomponents('vevent').length, 1);
    assert.equal(event.uid, 'b00kingId_123@bookings.groupz.now');
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Amsterdam:20260615T100000\r\n/);
    assert.match(text, /\r\nDTEND;TZID=Europe\/Amsterdam:20260615T113000\r\n/);
    assert.equal(event.startDate.toJSDate().toISOString(), '2026-06-15T08:00:00.000Z');
    assert.equal(event.endDate.toJSDate().toISOString(), '2026-06-15T09:30:00.000Z');
    assert.equal(vevent.getFirstPropertyValue('dtstamp')?.toString(), '2026-06-01T08:00:00Z');
    assert.equal(event.sequence, 0);
    assert.equal(event.summary, 'Rondvaart door de grachten');
    assert.equal(event.location, 'Rederij Amstel, Damrak 1, Amsterdam');
    assert.equal(event.description, 'Boekingsnummer: GZ-AB12-CD34\nAantal personen: 12', 'no private link: calendars get shared');
    assert.equal(vevent.getFirstPropertyValue('url'), null);
  });

  test('the summary and description follow the booking language; the sequence is passed through', () => {
    const { event } = parse(ics(bookingDetails({ language: 'en' }), 3));
    assert.equal(event.summary, 'Canal cruise');
    assert.match(event.description, /^Booking reference: GZ-AB12-CD34\nNumber of people: 12$/);
    assert.equal(event.sequence, 3);
  });

  test("the description writes the group's size the language's way", () => {
    assert.equal(parse(ics(bookingDetails({ groupSize: 2026 }))).event.description, 'Boekingsnummer: GZ-AB12-CD34\nAantal personen: 2.026');
    const { event } = parse(ics(bookingDetails({ groupSize: 1500, language: 'en' })));
    assert.equal(event.description, 'Booking reference: GZ-AB12-CD34\nNumber of people: 1,500');
  });

  test('the status: tentative while an option or request, cancelled when cancelled or expired', () => {
    const expected: Record<BookingStatus, string> = {
      option: 'TENTATIVE',
      requested: 'TENTATIVE',
      awaiting_payment: 'TENTATIVE',
      confirmed: 'CONFIRMED',
      completed: 'CONFIRMED',
      cancelled: 'CANCELLED',
      expired: 'CANCELLED',
    };
    for (const [status, value] of Object.entries(expected)) {
      assert.equal(parse(ics(bookingDetails({ status: status as BookingStatus }))).vevent.getFirstPropertyValue('status'), value, status);
    }
  });

  test('the zone rules hold on both DST days, and an end in the repeated hour is written in UTC', () => {
    const cases = [
      // Summer time starts: 01:30 CET to 04:00 CEST.
      { start: '2026-03-29T00:30:00Z', end: '2026-03-29T02:00:00Z', dtend: 'DTEND;TZID=Europe/Amsterdam:20260329T040000' },
      // After the change in October: 10:00 CET.
      { start: '2026-10-25T09:00:00Z', end: '2026-10-25T10:30:00Z', dtend: 'DTEND;TZID=Europe/Amsterdam:20261025T113000' },
      // Summer time ends: 01:30 CEST to 02:00 CET, the second 02:00 of the night.
      { start: '2026-10-24T23:30:00Z', end: '2026-10-25T01:00:00Z', dtend: 'DTEND:20261025T010000Z' },
      // Winter, a year on: the yearly rule, not only its first year.
      { start: '2027-01-12T13:00:00Z', end: '2027-01-12T14:30:00Z', dtend: 'DTEND;TZID=Europe/Amsterdam:20270112T153000' },
    ];
    for (const { start, end, dtend } of cases) {
      const text = ics(at(start, end));
      assert.ok(text.includes(`\r\n${dtend}\r\n`), `${start}: ${dtend}`);
      const { vevent, event } = parse(text);
      assert.equal(vevent.getFirstProperty('dtstart')?.getParameter('tzid'), 'Europe/Amsterdam');
      assert.equal(event.startDate.toJSDate().toISOString(), new Date(start).toISOString(), start);
      assert.equal(event.endDate.toJSDate().toISOString(), new Date(end).toISOString(), end);
    }
  });

  test('text is escaped and long lines fold without splitting a character', () => {
    assert.equal(escapeText('a\\b;c,d\ne'), 'a\\\\b\\;c\\,d\\ne');
    const title = 'Proeverij; kaas, wijn & brood\\ “Ça va” 🧀 '.repeat(4).trim();
    const booking = bookingDetails({ language: 'en' });
    const text = ics({ ...booking, activity: { ...booking.activity, title: { ...booking.activity.title, en: title } } });
    const summary = text.slice(text.indexOf('SUMMARY:'), text.indexOf('\r\nLOCATION:'));
    const lines = summary.split('\r\n');
    assert.ok(lines.length > 2, 'folded');
    for (const line of lines) assert.ok(Buffer.byteLength(line) <= 75);
    for (const line of lines.slice(1)) assert.ok(line.startsWith(' '));
    assert.equal(parse(text).event.summary, title);
    const folded = foldLine('X'.repeat(74) + 'é');
    assert.equal(folded, `${'X'.repeat(74)}\r\n é`, 'a two-octet character that would pass 75 octets moves to the next line');
  });

  test("a programme: an event per part, each with its own UID, its time, 'programme: part' and the resources it uses", () => {
    // Listed out of time order: the file follows the times.
    const parts = [part('tour', 'Rondvaart', 210, 60, ['Fluisterboot']), part('climb', 'Klimmen', 0, 90, ['Klimwand', 'Touwbaan'])];
    const text = ics(bookingDetails({ status: 'option' }), 2, parts);
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `too long: ${line}`);
    const { calendar } = parse(text);
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    assert.deepEqual(
      events.map((event) => [
        event.uid,
        event.startDate.toJSDate().toISOString(),
        event.endDate.toJSDate().toISOString(),
        event.summary,
        event.location,
        event.sequence,
      ]),
      [
        [
          'b00kingId_123-climb@bookings.groupz.now',
          '2026-06-15T08:00:00.000Z',
          '2026-06-15T09:30:00.000Z',
          'Rondvaart door de grachten: Klimmen',
          'Klimwand, Touwbaan, Rederij Amstel, Damrak 1, Amsterdam',
          2,
        ],
        [
          'b00kingId_123-tour@bookings.groupz.now',
          '2026-06-15T11:30:00.000Z',
          '2026-06-15T12:30:00.000Z',
          'Rondvaart door de grachten: Rondvaart',
          'Fluisterboot, Rederij Amstel, Damrak 1, Amsterdam',
          2,
        ],
      ],
    );
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
      assert.equal(vevent.getFirstPropertyValue('status'), 'TENTATIVE');
      assert.equal(vevent.getFirstPropertyValue('dtstamp')?.toString(), '2026-06-01T08:00:00Z');
      assert.equal(new ICAL.Event(vevent).description, 'Boekingsnummer: GZ-AB12-CD34\nAantal personen: 12');
    }
    assert.match(text, /\r\nDTSTART;TZID=Europe\/Amsterdam:20260615T133000\r\n/, 'the tour at 13:30 Amsterdam time');
    const english = parse(ics(bookingDetails({ language: 'en' }), 0, parts)).calendar.getAllSubcomponents('vevent');
    assert.equal(new ICAL.Event(english[0]!).summary, 'Canal cruise: Klimmen (en)');
  });

  test('a programme on the night summer time ends: each part at its own instant, those in the repeated hour written in UTC', () => {
    // 01:00 CEST on 25 October 2026; the clocks go back from 03:00 CEST to 02:00 CET an hour later.
    const booking = at('2026-10-24T23:00:00Z', '2026-10-25T04:00:00Z');
    const parts = [part('a', 'Klimmen', 0, 60, []), part('b', 'Lunch', 60, 60, []), part('c', 'Rondvaart', 180, 60, ['Fluisterboot'])];
    const text = ics(booking, 0, parts);
    const events = parse(text)
      .calendar.getAllSubcomponents('vevent')
      .map((vevent) => new ICAL.Event(vevent));
    assert.deepEqual(
      events.map((event) => [event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]),
      [
        ['2026-10-24T23:00:00.000Z', '2026-10-25T00:00:00.000Z'],
        ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
        ['2026-10-25T02:00:00.000Z', '2026-10-25T03:00:00.000Z'],
      ],
    );
    // Three hours after 01:00 CEST is 03:00 CET, not 04:00: the wall clock went back an hour.
    assert.ok(text.includes('\r\nDTSTART;TZID=Europe/Amsterdam:20261025T030000\r\n'));
    assert.ok(text.includes('\r\nDTEND;TZID=Europe/Amsterdam:20261025T040000\r\n'));
    // Klimmen ends and lunch starts at the first 02:00 (CEST), lunch ends at the second (CET): both in UTC.
    assert.ok(text.includes('\r\nDTEND:20261025T000000Z\r\n'));
    assert.ok(text.includes('\r\nDTSTART:20261025T000000Z\r\n'));
    assert.ok(text.includes('\r\nDTEND:20261025T010000Z\r\n'));
  });

  test('a group split into subgroups: an event per rotating part and subgroup, the first keeping the plain UIDs; lunch together once', () => {
    const booking = bookingDetails({ groupSize: 40 });
    const turns = (p: ProgrammePart) => ({ ...p, subgroupSize: 20 });
    const parts = [
      turns(part('climb', 'Klimmen', 0, 60, ['Klimwand'])),
      turns(part('tour', 'Rondvaart', 60, 60, ['Fluisterboot'])),
      part('lunch', 'Lunch', 120, 60, []),
    ];
    const events = parse(ics(booking, 0, parts))
      .calendar.getAllSubcomponents('vevent')
      .map((vevent) => new ICAL.Event(vevent));
    assert.deepEqual(
      events.map((event) => [event.uid, event.startDate.toJSDate().toISOString(), event.summary]),
      [
        ['b00kingId_123-climb@bookings.groupz.now', '2026-06-15T08:00:00.000Z', 'Rondvaart door de grachten: Klimmen (groep 1)'],
        ['b00kingId_123-tour@bookings.groupz.now', '2026-06-15T09:00:00.000Z', 'Rondvaart door de grachten: Rondvaart (groep 1)'],
        // Lunch together: one event, named for no subgroup.
        ['b00kingId_123-lunch@bookings.groupz.now', '2026-06-15T10:00:00.000Z', 'Rondvaart door de grachten: Lunch'],
        ['b00kingId_123-tour-2@bookings.groupz.now', '2026-06-15T08:00:00.000Z', 'Rondvaart door de grachten: Rondvaart (groep 2)'],
        ['b00kingId_123-climb-2@bookings.groupz.now', '2026-06-15T09:00:00.000Z', 'Rondvaart door de grachten: Klimmen (groep 2)'],
      ],
    );
  });
});
