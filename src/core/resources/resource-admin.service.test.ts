import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_ADMIN } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { partFormOf } from './programme-admin.service.js';
import type { ProgrammePart } from './programme.js';
import { addClosureFromForm, createResourceFromForm, saveHoursFromForm } from './resource-admin.service.js';

for (const dialect of testDialects()) {
  describe(`a resource's hours and closures as typed, ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('a closure until 24:00 ends at midnight; hours that close before they open are refused as such', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const made = await createResourceFromForm(
        db,
        clock,
        TEST_ADMIN,
        {
          venueId: activity.venue.id,
          name: 'Zaal',
          kind: 'persons',
          capacity: '40',
        },
        'nl',
      );
      assert.ok(made.ok);
      const closure = await addClosureFromForm(db, clock, TEST_ADMIN, made.value.id, {
        fromDate: '2026-06-15',
        fromTime: '18:00',
        untilDate: '2026-06-15',
        untilTime: '24:00',
        reason: 'Bruiloft',
      });
      assert.ok(closure.ok, JSON.stringify(closure));
      assert.equal(closure.value.endsAt.toISOString(), '2026-06-15T22:00:00.000Z');
      const hours = await saveHoursFromForm(db, clock, TEST_ADMIN, made.value.id, { open1: 'yes', opens1: '18:00', closes1: '09:00' });
      assert.deepEqual(hours, { ok: false, errors: [{ field: 'closes1', code: 'closes_before_opens' }] });
    });
  });
}

describe("a new part's form", () => {
  const part = (offsetMinutes: number, durationMinutes: number) => ({ offsetMinutes, durationMinutes }) as ProgrammePart;
  test('starts where the last part ends, for an hour or what is left; from the start when nothing is left', () => {
    assert.deepEqual([partFormOf(undefined, [], 180, 'nl').offset, partFormOf(undefined, [], 180, 'nl').duration], ['0', '60']);
    const after = partFormOf(undefined, [part(0, 90), part(90, 60)], 180, 'nl');
    assert.deepEqual([after.offset, after.duration], ['150', '30']);
    const full = partFormOf(undefined, [part(0, 120), part(120, 60)], 180, 'nl');
    assert.deepEqual([full.offset, full.duration], ['0', '60']);
  });
});
