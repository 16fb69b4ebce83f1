import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { translator } from '../i18n/i18n.js';
import type { BookingListItem } from '../../core/bookings/booking-admin.js';
import { bookingsCsv, csvCell } from './bookings-csv.js';

describe('CSV cells', () => {
  test('RFC 4180 quoting for the separator, quotes and line breaks; plain text as is', () => {
    assert.equal(csvCell('De Linde'), 'De Linde');
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('Club "X"'), '"Club ""X"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('a,b'), 'a,b');
  });

  test('a cell a spreadsheet would run as a formula gets a leading apostrophe', () => {
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('+31 6 12345678'), "'+31 6 12345678");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
    assert.equal(csvCell('\rcmd'), `"'\rcmd"`);
    assert.equal(csvCell('=HYPERLINK("x";"y")'), `"'=HYPERLINK(""x"";""y"")"`);
    assert.equal(csvCell('a=b'), 'a=b');
  });
});

describe('the bookings CSV', () => {
  const item: BookingListItem = {
    id: 'b1',
    reference: 'GZ-AAAA-BBBB',
    status: 'cancelled',
    groupSize: 12,
    name: 'Anna',
    email: 'anna@example.nl',
    phone: '030 1234567',
    organisation: '',
    totalCents: 123456,
    paidAt: new Date('2026-06-02T10:00:00Z'),
    createdAt: new Date('2026-03-29T00:30:00Z'),
    slotId: 's1',
    startsAt: new Date('2026-10-24T22:30:00Z'),
    activityTitle: { nl: 'Kanoën', en: 'Canoeing' },
    venueName: 'Testlocatie',
    partyText: null,
  };

  test('a BOM, a header, one CRLF-ended row per booking, dates and times in Amsterdam', () => {
    const csv = bookingsCsv([item], translator('nl'), 'nl');
    assert.ok(csv.startsWith('\uFEFFReferentie;Status;'));
    assert.deepEqual(csv.slice(1).split('\r\n').slice(1), [
      'GZ-AAAA-BBBB;Geannuleerd;Kanoën;2026-10-25;00:30;12;;Anna;;anna@example.nl;030 1234567;1234,56;ja;2026-03-29 01:30',
      '',
    ]);
    const english = bookingsCsv([item], translator('en'), 'en');
    assert.ok(english.includes(';Cancelled;Canoeing;') && english.includes(';1234.56;yes;'));
    const counted = { ...item, groupSize: 27, partyText: { nl: 'Leerling 24, Begeleider 3', en: 'Pupil 24, Adult 3' } };
    assert.ok(bookingsCsv([counted], translator('nl'), 'nl').includes(';27;Leerling 24, Begeleider 3;Anna;'));
    assert.ok(bookingsCsv([counted], translator('en'), 'en').includes(';By category;'));
    assert.ok(bookingsCsv([counted], translator('en'), 'en').includes(';27;Pupil 24, Adult 3;Anna;'));
  });
});
