import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { instantsToCompare } from '../../../test/instants.js';
import { VENUE_ZONE } from '../shared/time.js';
import { formatDate, formatMoney, formatRate, formatTime } from './format.js';

describe('formatting for pages and mails', () => {
  test('a time is HH:mm in Amsterdam, as Luxon gives it, around the changes and over two centuries', () => {
    assert.equal(formatTime(new Date('2026-03-29T00:59:00Z')), '01:59');
    assert.equal(formatTime(new Date('2026-03-29T01:00:00Z')), '03:00');
    assert.equal(formatTime(new Date('2026-06-14T22:00:00Z')), '00:00');
    for (const instant of instantsToCompare()) {
      assert.equal(formatTime(instant), DateTime.fromJSDate(instant, { zone: VENUE_ZONE }).toFormat('HH:mm'), instant.toISOString());
    }
  });

  test('a date is the Amsterdam date in words, asked once or again', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(formatDate(new Date('2026-03-28T23:30:00Z'), 'nl'), 'zondag 29 maart 2026');
      assert.equal(formatDate(new Date('2026-03-28T23:30:00Z'), 'en'), 'Sunday 29 March 2026');
      assert.equal(formatDate(new Date('2026-03-28T22:30:00Z'), 'en'), 'Saturday 28 March 2026');
    }
  });

  test('amounts in euros and VAT rates, in Dutch and in English', () => {
    assert.equal(formatMoney(123456, 'nl'), '€\u00a01.234,56');
    assert.equal(formatMoney(123456, 'en'), '€1,234.56');
    assert.equal(formatRate(900, 'nl'), '9%');
    assert.equal(formatRate(2150, 'en'), '21.5%');
  });
});
