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

    test('only managers and staff who finished their setup and are not disabled hear: not viewers, nor a setup half done', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const venueId = activity.venue.id;
      await addSetUpMember(db, 'beheer@groupz.test', 'admin', null);
      for (const email of ['kijker@venue.test', 'wachtwoord@venue.test', 'nieuw@venue.test', 'weg@venue.test', 'manager@venue.test'])
        await addSetUpMember(db, email, 'staff', venueId);
      const member = (email: string) => db.updateTable('staff').where('email', '=', email);
      await member('kijker@venue.test').set({ role: 'viewer' }).execute();
      await member('wachtwoord@venue.test').set({ totp_secret: null }).execute();
      await member('nieuw@venue.test').set({ password_hash: null, totp_secret: null }).execute();
      await member('weg@venue.test').set({ disabled_at: '2026-05-01T00:00:00.000Z' }).execute();
      await member('manager@venue.test').set({ role: 'manager' }).execute();
      const first = await book(db, clock, await makeSlot(db, clock, activity));
      assert.deepEqual(await staffMails(database, first.booking.id), ['manager@venue.test']);
      // Without the manager, none of the venue's own qualifies: the admins hear instead.
      await member('manager@venue.test').set({ disabled_at: '2026-05-01T00:00:00.000Z' }).execute();
      const second = await book(db, clock, await makeSlot(db, clock, activity, { date: '2026-06-20' }));
      assert.deepEqual(await staffMails(database, second.booking.id), ['beheer@groupz.test']);
    });
  });
}
