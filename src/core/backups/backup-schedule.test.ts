import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BACKUP_RETRY_HOURS, backupDue, checkPartFor, lastScheduledInstant } from './backup-schedule.js';

const HOUR = 3600 * 1000;
const at = (iso: string) => new Date(iso);

describe('the nightly backup time', () => {
  test('03:00 in Amsterdam is 01:00 UTC in summer and 02:00 UTC in winter', () => {
    assert.equal(lastScheduledInstant(at('2026-06-15T01:00:00Z'), '03:00').toISOString(), '2026-06-15T01:00:00.000Z');
    assert.equal(lastScheduledInstant(at('2026-06-15T00:59:59Z'), '03:00').toISOString(), '2026-06-14T01:00:00.000Z');
    assert.equal(lastScheduledInstant(at('2026-01-15T12:00:00Z'), '03:00').toISOString(), '2026-01-15T02:00:00.000Z');
    assert.equal(lastScheduledInstant(at('2026-01-15T01:59:00Z'), '03:00').toISOString(), '2026-01-14T02:00:00.000Z');
  });

  test('on the nights the clocks change it happens once', () => {
    // 29 March 2026: 02:00 becomes 03:00, so 02:30 does not exist; the run falls an hour later.
    assert.equal(lastScheduledInstant(at('2026-03-29T12:00:00Z'), '02:30').toISOString(), '2026-03-29T01:30:00.000Z');
    assert.equal(lastScheduledInstant(at('2026-03-29T12:00:00Z'), '03:00').toISOString(), '2026-03-29T01:00:00.000Z');
    // 25 October 2026: 02:30 happens twice; both moments of that night map to one due time.
    const first = lastScheduledInstant(at('2026-10-25T01:45:00Z'), '02:30');
    const second = lastScheduledInstant(at('2026-10-25T12:00:00Z'), '02:30');
    assert.equal(first.toISOString(), second.toISOString());
  });
});

describe('whether a backup is due', () => {
  const night = at('2026-06-15T01:00:00Z');

  test('never ran: due at once, whatever the hour', () => {
    assert.equal(backupDue(at('2026-06-15T14:00:00Z'), '03:00', undefined, [undefined]), true);
  });

  test('due from 03:00 until a run starts; not again that day once it succeeded', () => {
    const lastNight = '2026-06-14T01:00:05.000Z';
    assert.equal(backupDue(new Date(night.getTime() - 1), '03:00', lastNight, [lastNight]), false);
    assert.equal(backupDue(night, '03:00', lastNight, [lastNight]), true);
    const tonight = '2026-06-15T01:00:05.000Z';
    assert.equal(backupDue(at('2026-06-15T23:00:00Z'), '03:00', tonight, [tonight]), false);
  });

  test(`a location more than a day behind catches up, but not more often than every ${BACKUP_RETRY_HOURS} hours`, () => {
    const started = at('2026-06-15T01:00:00Z');
    const oldSuccess = '2026-06-13T01:05:00.000Z';
    const justBefore = new Date(started.getTime() + BACKUP_RETRY_HOURS * HOUR - 1);
    assert.equal(backupDue(justBefore, '03:00', started.toISOString(), ['2026-06-15T01:05:00.000Z', oldSuccess]), false);
    assert.equal(backupDue(new Date(started.getTime() + BACKUP_RETRY_HOURS * HOUR), '03:00', started.toISOString(), [oldSuccess]), true);
    assert.equal(backupDue(new Date(started.getTime() + BACKUP_RETRY_HOURS * HOUR), '03:00', started.toISOString(), [undefined]), true);
    // Back up to date: no extra run.
    const fresh = '2026-06-15T01:05:00.000Z';
    assert.equal(backupDue(new Date(started.getTime() + BACKUP_RETRY_HOURS * HOUR), '03:00', started.toISOString(), [fresh, fresh]), false);
  });
});

describe('the rotating check', () => {
  test('over seven nights every seventh of the data is read once', () => {
    const parts = Array.from({ length: 7 }, (_, n) => checkPartFor(new Date(Date.UTC(2026, 5, 15 + n, 1)), 7));
    assert.deepEqual([...parts].sort(), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(checkPartFor(at('2026-06-15T01:00:00Z'), 1), 1);
    // Two moments of one Amsterdam night (either side of UTC midnight) read the same part.
    assert.equal(checkPartFor(at('2026-06-14T22:30:00Z'), 7), checkPartFor(at('2026-06-15T03:00:00Z'), 7));
  });
});
