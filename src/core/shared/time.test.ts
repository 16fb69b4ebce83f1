import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { DomainError } from './errors.js';
import { instantsToCompare } from '../../../test/instants.js';
import { addLocalDays, daysBetween, isLocalDate, localDateOf, localToInstant, startOfLocalDay, VENUE_ZONE } from './time.js';

// In 2026 summer time starts on Sunday 29 March (02:00 CET -> 03:00 CEST)
// and ends on Sunday 25 October (03:00 CEST -> 02:00 CET).
describe('Amsterdam wall-clock times and UTC', () => {
  test('winter and summer offsets around the March change', () => {
    assert.equal(localToInstant('2026-03-28', '10:00').toISOString(), '2026-03-28T09:00:00.000Z');
    assert.equal(localToInstant('2026-03-29', '01:59').toISOString(), '2026-03-29T00:59:00.000Z');
    assert.equal(localToInstant('2026-03-29', '03:00').toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(localToInstant('2026-03-29', '10:00').toISOString(), '2026-03-29T08:00:00.000Z');
  });

  test('the skipped hour on the last Sunday of March does not exist', () => {
    for (const time of ['02:00', '02:30', '02:59']) {
      assert.throws(
        () => localToInstant('2026-03-29', time),
        (e: unknown) => e instanceof DomainError && e.code === 'time_nonexistent',
      );
    }
  });

  test('the last Sunday of October: the doubled hour is its first occurrence, then winter time', () => {
    assert.equal(localToInstant('2026-10-25', '01:30').toISOString(), '2026-10-24T23:30:00.000Z');
    assert.equal(localToInstant('2026-10-25', '02:30').toISOString(), '2026-10-25T00:30:00.000Z');
    assert.equal(localToInstant('2026-10-25', '03:00').toISOString(), '2026-10-25T02:00:00.000Z');
    assert.equal(localToInstant('2026-10-25', '10:00').toISOString(), '2026-10-25T09:00:00.000Z');
  });

  test('days of 23 and 25 hours start at the right instants', () => {
    assert.equal(startOfLocalDay('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z');
    assert.equal(startOfLocalDay('2026-03-30').toISOString(), '2026-03-29T22:00:00.000Z');
    assert.equal(startOfLocalDay('2026-10-25').toISOString(), '2026-10-24T22:00:00.000Z');
    assert.equal(startOfLocalDay('2026-10-26').toISOString(), '2026-10-25T23:00:00.000Z');
    assert.equal(localDateOf(new Date('2026-03-29T21:30:00Z')), '2026-03-29');
    assert.equal(localDateOf(new Date('2026-03-29T22:30:00Z')), '2026-03-30');
    assert.equal(addLocalDays('2026-03-28', 1), '2026-03-29');
    assert.equal(addLocalDays('2026-10-24', 2), '2026-10-26');
  });

  test('the date of an instant is the date Luxon gives in Amsterdam, around the changes and over two centuries', () => {
    for (const instant of instantsToCompare()) {
      assert.equal(localDateOf(instant), DateTime.fromJSDate(instant, { zone: VENUE_ZONE }).toISODate(), instant.toISOString());
    }
  });

  test('days between dates and dates after dates, across the changes, asked once or again', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
      assert.equal(daysBetween('2026-10-30', '2026-10-24'), -6);
      assert.equal(addLocalDays('2026-10-24', 7), '2026-10-31');
      assert.equal(startOfLocalDay('2026-10-25').toISOString(), '2026-10-24T22:00:00.000Z');
    }
    startOfLocalDay('2026-10-25').setTime(0);
    assert.equal(startOfLocalDay('2026-10-25').toISOString(), '2026-10-24T22:00:00.000Z', 'each caller gets its own Date');
  });

  test('only real calendar dates are dates', () => {
    assert.equal(isLocalDate('2026-02-28'), true);
    for (const bad of [
      '0000-01-01',
      '9999-12-31',
      '2026-02-30',
      '2026-13-01',
      '26-01-01',
      '2026-1-1',
      '',
      'tomorrow',
      '2026-01-01T00:00',
    ]) {
      assert.equal(isLocalDate(bad), false, bad);
    }
    assert.throws(() => localToInstant('2026-02-30', '10:00'), DomainError);
    assert.throws(() => localToInstant('2026-03-01', '25:00'), DomainError);
  });
});
