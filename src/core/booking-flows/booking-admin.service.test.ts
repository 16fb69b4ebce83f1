import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { findSlot } from '../availability/slot.repository.js';
import { parseNoteBody } from '../bookings/booking-admin.js';
import { changeBookingStatus } from './booking-admin.service.js';
import { actionsFor, statusAfter } from '../bookings/booking-status.js';
import { TEST_ADMIN, TEST_ADMIN_ACTOR } from '../../../test/actors.js';

const actor = TEST_ADMIN_ACTOR;
const admin = TEST_ADMIN;

describe('the status table', () => {
  test('a confirmed booking can be cancelled, a cancelled one nothing', () => {
    assert.deepEqual(actionsFor('confirmed'), ['cancel']);
    assert.deepEqual(actionsFor('cancelled'), []);
    assert.equal(statusAfter('confirmed', 'cancel'), 'cancelled');
    assert.equal(statusAfter('cancelled', 'cancel'), undefined);
  });
});

describe('an internal note', () => {
  test('is 1 to 2000 characters, line breaks allowed, other control characters not', () => {
    assert.deepEqual(parseNoteBody('  Bus om 9:45\r\nTwee regels  '), { ok: true, value: 'Bus om 9:45\nTwee regels' });
    assert.deepEqual(parseNoteBody(' \n '), { ok: false, errors: [{ field: 'note', code: 'required' }] });
    assert.deepEqual(parseNoteBody('x'.repeat(2000)), { ok: true, value: 'x'.repeat(2000) });
    assert.deepEqual(parseNoteBody('x'.repeat(2001)), { ok: false, errors: [{ field: 'note', code: 'too_long' }] });
    assert.deepEqual(parseNoteBody('bel\u0007'), { ok: false, errors: [{ field: 'note', code: 'invalid_characters' }] });
  });
});

for (const dialect of testDialects()) {
  describe(`cancelling on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('ten concurrent cancels of one booking release its places once and write one activity log entry', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 20 });
      const { booking } = await book(db, clock, slot, { groupSize: 7 });
      await book(db, clock, slot, { groupSize: 3 });

      const results = await Promise.all(Array.from({ length: 10 }, () => changeBookingStatus(db, clock, actor, booking.id, 'cancel')));
      assert.equal(results.filter(Boolean).length, 1);
      const stored = await findSlot(db, slot.id);
      assert.deepEqual([stored?.bookedPersons, stored?.bookedGroups], [3, 1]);
      const row = await db.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.status, row.cancelled_at], ['cancelled', clock.now().toISOString()]);
      const logged = await db.selectFrom('activity_log').selectAll().where('target', '=', booking.reference).orderBy('action').execute();
      assert.deepEqual(
        logged.map((e) => [e.action, e.actor_email, e.actor_kind, e.venue_id]),
        [
          ['booking.cancelled', admin.email, 'staff', activity.venue.id],
          ['booking.created', null, 'organiser', activity.venue.id],
        ],
      );
    });

    test('a slot that does not hold the places refuses the cancel, and nothing changes', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 20 });
      const { booking } = await book(db, clock, slot, { groupSize: 5 });
      await db.updateTable('slots').set({ booked_persons: 2 }).where('id', '=', slot.id).execute();
      await assert.rejects(changeBookingStatus(db, clock, actor, booking.id, 'cancel'));
      const row = await db.selectFrom('bookings').select(['status']).where('id', '=', booking.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'confirmed', 'the status change is rolled back with the failed release');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 2);
      const history = await db.selectFrom('activity_log').select('action').where('target', '=', booking.reference).execute();
      assert.deepEqual(history, [{ action: 'booking.created' }], 'no entry for the refused cancel');
    });
  });
}
