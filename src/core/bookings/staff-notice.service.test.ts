import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { addSetUpMember, mailsOf } from '../../../test/lifecycle.js';

const staffMails = async (database: TestDatabase, bookingId: string) =>
  (await mailsOf(database.db, bookingId)).filter(([kind]) => kind === 'staff_new_booking').map(([, recipient]) => recipient);

for (const dialect of testDialects()) {
  describe(`booking notices to staff (${dialect.name})`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    beforeEach(async () => {
      database = await dialect.create();
      clock = new TestClock('2026-06-01T08:00:00Z');
    });
    afterEach(() => database.close());

    test('a venue with staff of its own hears of its bookings; the admins do not', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      await addSetUpMember(db, 'beheer@groupz.test', 'admin', null);
      await addSetUpMember(db, 'balie@venue.test', 'staff', activity.venue.id);
      const { booking } = await book(db, clock, await makeSlot(db, clock, activity));
      assert.deepEqual(await staffMails(database, booking.id), ['balie@venue.test']);
    });

    test("a venue served only by the platform's admins: its notices go to every set-up admin", async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const other = await makeActivity(db, clock);
      await addSetUpMember(db, 'beheer@groupz.test', 'admin', null);
      await addSetUpMember(db, 'tweede@groupz.test', 'admin', null);
      // Staff of another venue are no staff of this one.
      await addSetUpMember(db, 'elders@venue.test', 'staff', other.venue.id);
      const { booking } = await book(db, clock, await makeSlot(db, clock, activity));
      assert.deepEqual(await staffMails(database, booking.id), ['beheer@groupz.test', 'tweede@groupz.test']);
    });
  });
}
