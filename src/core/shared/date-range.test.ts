import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDateRange } from './date-range.js';

describe('a date range as typed', () => {
  const rules = { maxDays: 92, fallback: { from: '2026-06-01', days: 13 } };

  test('empty ends take the fallback: from its date, to that many days after the start', () => {
    assert.deepEqual(parseDateRange({ from: '', to: '' }, rules), { range: { from: '2026-06-01', to: '2026-06-14' }, faults: {} });
    assert.deepEqual(parseDateRange({ from: '2026-07-01', to: '' }, rules).range, { from: '2026-07-01', to: '2026-07-14' });
  });

  test('each refused end is named with why and replaced by the fallback', () => {
    assert.deepEqual(parseDateRange({ from: '2026-02-30', to: '' }, rules), {
      range: { from: '2026-06-01', to: '2026-06-14' },
      faults: { from: 'invalid_date' },
    });
    assert.deepEqual(parseDateRange({ from: '2026-06-10', to: '2026-06-01' }, rules), {
      range: { from: '2026-06-10', to: '2026-06-23' },
      faults: { to: 'to_before_from' },
    });
    assert.deepEqual(parseDateRange({ from: 'gisteren', to: 'morgen' }, rules).faults, { from: 'invalid_date', to: 'invalid_date' });
    // A refused start is the fallback's, and the end is checked against that.
    assert.deepEqual(parseDateRange({ from: 'x', to: '2026-05-31' }, rules).faults, { from: 'invalid_date', to: 'to_before_from' });
  });

  test('at most maxDays days, both ends counted', () => {
    assert.deepEqual(parseDateRange({ from: '2026-06-01', to: '2026-08-31' }, rules), {
      range: { from: '2026-06-01', to: '2026-08-31' },
      faults: {},
    });
    assert.deepEqual(parseDateRange({ from: '2026-06-01', to: '2026-09-01' }, rules).faults, { to: 'range_too_long' });
  });

  test('without a fallback an empty end stays open, and without maxDays any length goes', () => {
    assert.deepEqual(parseDateRange({ from: '', to: '' }), { range: { from: undefined, to: undefined }, faults: {} });
    assert.deepEqual(parseDateRange({ from: '2020-01-01', to: '2030-12-31' }), {
      range: { from: '2020-01-01', to: '2030-12-31' },
      faults: {},
    });
    assert.deepEqual(parseDateRange({ from: '2026-06-05', to: '2026-06-01' }), {
      range: { from: '2026-06-05', to: undefined },
      faults: { to: 'to_before_from' },
    });
  });
});
