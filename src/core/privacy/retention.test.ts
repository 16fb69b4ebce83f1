import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_RETENTION, effectiveRetention, monthsBefore, retentionCutoffs } from './retention.js';

describe('retention periods', () => {
  test("months count back by the calendar; the 31st falls back to the shorter month's last day", () => {
    assert.equal(monthsBefore(new Date('2028-06-15T12:00:00Z'), 24).toISOString(), '2026-06-15T12:00:00.000Z');
    assert.equal(monthsBefore(new Date('2027-03-31T08:00:00Z'), 1).toISOString(), '2027-02-28T08:00:00.000Z');
    assert.equal(monthsBefore(new Date('2028-03-31T08:00:00Z'), 1).toISOString(), '2028-02-29T08:00:00.000Z');
    assert.equal(monthsBefore(new Date('2027-01-10T00:00:00Z'), 13).toISOString(), '2025-12-10T00:00:00.000Z');
  });

  test("a venue's choice applies only where shorter than the platform's limit", () => {
    const limits = { ...DEFAULT_RETENTION, participantsDays: 20 };
    assert.deepEqual(effectiveRetention(limits, null), { participantsDays: 20, organiserMonths: 24, cancelledDays: 30 });
    assert.deepEqual(effectiveRetention(limits, { participantsDays: 7, organiserMonths: null, cancelledDays: 60 }), {
      participantsDays: 7,
      organiserMonths: 24,
      cancelledDays: 30,
    });
  });

  test('the cutoffs are the instants that far back', () => {
    const cutoffs = retentionCutoffs(new Date('2026-12-06T10:00:00Z'), { participantsDays: 30, organiserMonths: 24, cancelledDays: 7 });
    assert.deepEqual(
      [cutoffs.participants, cutoffs.organiser, cutoffs.cancelled].map((d) => d.toISOString()),
      ['2026-11-06T10:00:00.000Z', '2024-12-06T10:00:00.000Z', '2026-11-29T10:00:00.000Z'],
    );
  });
});
