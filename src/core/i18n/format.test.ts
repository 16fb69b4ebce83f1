import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { instantsToCompare } from '../../../test/instants.js';
import { VENUE_ZONE } from '../shared/time.js';
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatMoney,
  formatPercent,
  formatRange,
  formatRate,
  formatShare,
  formatTime,
} from './format.js';

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
      assert.equal(formatDate(new Date('2026-03-28T23:30:00Z'), 'nl'), 'zo 29 mrt 2026');
      assert.equal(formatDate(new Date('2026-03-28T23:30:00Z'), 'en'), 'Sun 29 Mar 2026');
      assert.equal(formatDate(new Date('2026-03-28T22:30:00Z'), 'en'), 'Sat 28 Mar 2026');
    }
  });

  test('date and time, with seconds, and a visit: one format per language', () => {
    const start = new Date('2027-06-12T08:00:00Z');
    const end = new Date('2027-06-12T09:30:00Z');
    assert.equal(formatDateTime(start, 'nl'), 'za 12 jun 2027, 10:00');
    assert.equal(formatDateTime(start, 'en'), 'Sat 12 Jun 2027, 10:00');
    assert.equal(formatDateTimeSeconds(new Date('2027-06-12T08:00:05Z'), 'nl'), 'za 12 jun 2027, 10:00:05');
    assert.equal(formatRange(start, end, 'nl'), 'za 12 jun 2027, 10:00–11:30');
    assert.equal(formatRange(start, end, 'en'), 'Sat 12 Jun 2027, 10:00–11:30');
    assert.equal(
      formatRange(new Date('2027-06-12T20:00:00Z'), new Date('2027-06-12T23:00:00Z'), 'en'),
      'Sat 12 Jun 2027, 22:00 – Sun 13 Jun 2027, 01:00',
    );
  });

  test('a quantity with the language’s thousands separator, two decimals at most', () => {
    assert.deepEqual(
      [999, 1000, 10_000, 1_000_000, 2.5, 8760.125, -12_345].map((n) => formatCount(n, 'nl')),
      ['999', '1.000', '10.000', '1.000.000', '2,5', '8.760,13', '-12.345'],
    );
    assert.deepEqual(
      [999, 1000, 10_000, 1_000_000, 2.5, 8760.125, -12_345].map((n) => formatCount(n, 'en')),
      ['999', '1,000', '10,000', '1,000,000', '2.5', '8,760.13', '-12,345'],
    );
  });

  test('amounts in euros and VAT rates, in Dutch and in English', () => {
    assert.equal(formatMoney(123456, 'nl'), '€\u00a01.234,56');
    assert.equal(formatMoney(123456, 'en'), '€1,234.56');
    assert.equal(formatRate(900, 'nl'), '9%');
    assert.equal(formatRate(2150, 'en'), '21.5%');
  });

  test('every percentage is written as Intl’s percent style writes it for the language, rates and shares alike', () => {
    for (const lang of ['nl', 'en'] as const) {
      const intl = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 2 });
      for (const n of [0, 9, 21.5, 30, 100]) assert.equal(formatPercent(n, lang), intl.format(n / 100), `${lang} ${n}`);
      assert.equal(formatRate(900, lang), intl.format(0.09));
      assert.equal(formatShare(0.0849, lang), intl.format(0.085));
    }
    assert.equal(formatPercent(9, 'nl'), '9%');
  });
});
