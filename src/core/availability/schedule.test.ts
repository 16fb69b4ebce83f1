import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandPattern, formatWeekdays, latestUntil, parseWeekdays } from './schedule.js';

const iso = (dates: { startsAt: Date }[]) => dates.map((o) => o.startsAt.toISOString());

describe('weekly schedule expansion (no database)', () => {
  test('Sundays at 10:00 across the start of summer time (29 March 2026): 09:00Z, then 08:00Z', () => {
    const { occurrences, nonexistent } = expandPattern({
      weekdays: [7],
      startTime: '10:00',
      validFrom: '2026-03-20',
      validUntil: '2026-04-06',
    });
    assert.deepEqual(iso(occurrences), ['2026-03-22T09:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-04-05T08:00:00.000Z']);
    assert.deepEqual(
      occurrences.map((o) => o.date),
      ['2026-03-22', '2026-03-29', '2026-04-05'],
    );
    assert.deepEqual(nonexistent, []);
  });

  test('Sundays at 10:00 across the end of summer time (25 October 2026): 08:00Z, then 09:00Z', () => {
    const { occurrences } = expandPattern({ weekdays: [7], startTime: '10:00', validFrom: '2026-10-18', validUntil: '2026-11-01' });
    assert.deepEqual(iso(occurrences), ['2026-10-18T08:00:00.000Z', '2026-10-25T09:00:00.000Z', '2026-11-01T09:00:00.000Z']);
  });

  test('a time skipped by the clock change gives no slot and is reported; a doubled time is the first one', () => {
    const spring = expandPattern({ weekdays: [6, 7], startTime: '02:30', validFrom: '2026-03-28', validUntil: '2026-03-29' });
    assert.deepEqual(iso(spring.occurrences), ['2026-03-28T01:30:00.000Z']);
    assert.deepEqual(spring.nonexistent, ['2026-03-29']);
    const autumn = expandPattern({ weekdays: [7], startTime: '02:30', validFrom: '2026-10-25', validUntil: '2026-10-25' });
    assert.deepEqual(iso(autumn.occurrences), ['2026-10-25T00:30:00.000Z']);
  });

  test('only the chosen weekdays, both ends of the period included, exception dates skipped', () => {
    // 1 June 2026 is a Monday.
    const pattern = { weekdays: [1, 3, 5] as const, startTime: '14:00', validFrom: '2026-06-01', validUntil: '2026-06-12' };
    const all = expandPattern(pattern);
    assert.deepEqual(
      all.occurrences.map((o) => o.date),
      ['2026-06-01', '2026-06-03', '2026-06-05', '2026-06-08', '2026-06-10', '2026-06-12'],
    );
    assert.equal(all.occurrences[0]!.startsAt.toISOString(), '2026-06-01T12:00:00.000Z');
    const skipped = expandPattern(pattern, new Set(['2026-06-03', '2026-06-12', '2026-06-04']));
    assert.deepEqual(
      skipped.occurrences.map((o) => o.date),
      ['2026-06-01', '2026-06-05', '2026-06-08', '2026-06-10'],
    );
  });

  test('a whole year of one weekday has 52 or 53 dates and no duplicate instant', () => {
    const { occurrences } = expandPattern({
      weekdays: [7],
      startTime: '10:00',
      validFrom: '2026-01-01',
      validUntil: latestUntil('2026-01-01'),
    });
    assert.equal(latestUntil('2026-01-01'), '2026-12-31');
    assert.equal(occurrences.length, 52);
    assert.equal(new Set(iso(occurrences)).size, occurrences.length);
    for (const o of occurrences) assert.match(o.startsAt.toISOString(), /T0[89]:00:00.000Z$/);
  });

  test('a year from 29 February ends on 28 February; weekdays are stored sorted and read back', () => {
    assert.equal(latestUntil('2028-02-29'), '2029-02-28');
    assert.equal(latestUntil('2026-06-01'), '2027-05-31');
    assert.equal(formatWeekdays([7, 1, 3, 1]), '1,3,7');
    assert.deepEqual(parseWeekdays('1,3,7'), [1, 3, 7]);
  });
});
