import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_ADMIN } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { shareResource } from '../../../test/resources.js';
import type { Slot } from '../availability/slot.js';
import type { Activity } from '../catalog/activity.js';
import { publishTerms } from '../venues/venue-terms.service.js';
import { cancelByOrganiser } from '../booking-flows/booking-changes.service.js';
import { readUnderSlotLock, type UnderSlotLock } from './booking.repository.js';
import { addNoticeRecipient, addSetUpMember } from '../../../test/lifecycle.js';

for (const dialect of testDialects()) {
  describe(`what a booking reads under its slot's lock, in one statement (${dialect.name})`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    const read = (activity: Activity, slot: Slot, email: string): Promise<UnderSlotLock> =>
      database.db
        .transaction()
        .execute((trx) =>
          readUnderSlotLock(trx, { slotId: slot.id, activityId: activity.id, email, venueId: activity.venue.id, bookingId: 'none' }),
        );

    test('the address in any case is the same organiser; an address with non-ASCII letters is refused before any lookup', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity);
      const anna = await book(db, clock, slot, { email: 'Anna@School.nl' });
      // lower() folds only ASCII on SQLite, all letters on PostgreSQL: no address that could tell them apart gets in.
      await assert.rejects(async () => book(db, clock, slot, { email: 'ÉVA@School.nl' }));
      assert.deepEqual((await read(activity, slot, 'anna@SCHOOL.NL')).earlierReferences, [anna.booking.reference]);
      assert.deepEqual((await read(activity, slot, 'someone@school.nl')).earlierReferences, []);
    });

    test("the address's bookings it can still change, oldest first; the slot's resources; the venue's current terms; who hears", async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 40 });
      assert.deepEqual(await read(activity, slot, 'bo@school.nl'), {
        resourceIds: [],
        earlierReferences: [],
        termsVersion: null,
        noticeEmails: { venueStaff: [], admins: [] },
      });
      const first = await book(db, clock, slot, { email: 'bo@school.nl' });
      clock.advance(60_000);
      const cancelled = await book(db, clock, slot, { email: 'bo@school.nl' });
      clock.advance(60_000);
      const third = await book(db, clock, slot, { email: 'BO@school.nl' });
      clock.advance(60_000);
      const fourth = await book(db, clock, slot, { email: 'bo@school.nl' });
      await book(db, clock, slot, { email: 'someone@school.nl' });
      await cancelByOrganiser(db, clock, cancelled.booking);
      const boat = await shareResource(db, clock, [activity], { kind: 'persons', capacity: 60 });
      await publishTerms(db, clock, TEST_ADMIN, activity.venue.id, { textNl: 'Een.', textEn: 'One.' });
      await publishTerms(db, clock, TEST_ADMIN, activity.venue.id, { textNl: 'Twee.', textEn: 'Two.' });
      await addNoticeRecipient(db, activity.venue.id, 'team@venue.test');
      await addSetUpMember(db, 'beheer@groupz.test', 'admin', null);
      // Another venue's staff and a member not set up hear nothing of this venue's bookings.
      await addNoticeRecipient(db, (await makeActivity(db, clock)).venue.id, 'elders@venue.test');
      await addSetUpMember(db, 'nieuw@venue.test', 'staff', activity.venue.id);
      await db.updateTable('staff').set({ totp_secret: null }).where('email', '=', 'nieuw@venue.test').execute();
      // Oldest first by the time placed, not by the order the rows were written in.
      const earliest = new Date(first.booking.createdAt.getTime() - 60_000).toISOString();
      await db.updateTable('bookings').set({ created_at: earliest }).where('id', '=', third.booking.id).execute();
      assert.deepEqual(await read(activity, slot, 'bo@school.nl'), {
        resourceIds: [boat.id],
        earlierReferences: [third, first, fourth].map((placed) => placed.booking.reference),
        termsVersion: 2,
        noticeEmails: { venueStaff: ['team@venue.test'], admins: ['beheer@groupz.test'] },
      });
    });
  });
}
