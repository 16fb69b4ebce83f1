import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { schoolCategories } from '../../../test/school-pricing.js';
import { createBooking } from '../booking-flows/booking.service.js';
import { renderMail } from '../mail/mail-content.js';
import { listBookingItems } from './booking-admin.repository.js';
import { findBookingByReference, loadBookingDetails } from './booking.repository.js';

/**
 * A booking's party is named by the categories it was booked with, wherever it is shown: after the
 * venue renamed one, its mails and the back office's list (and its CSV) keep the booked name, as
 * its pages and its data do (booked-prices.test.ts, data-requests.service.test.ts).
 */
for (const dialect of testDialects()) {
  describe(`a booking's categories by their booked names (${dialect.name})`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('after a rename, its mail and the list of bookings name the booked category', async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z');
      const booked = schoolCategories(950, 1200);
      const activity = await makeActivity(db, clock, { pricing: booked, minGroupSize: 1 });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const input = bookingInput(slot.id, { groupSize: 11, party: { pupil: 9, teacher: 2 } });
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, input);
      const renamed = [{ ...booked[0]!, label: { nl: 'Scholier', en: 'Student' } }, booked[1]];
      await db
        .updateTable('activities')
        .set({ pricing: JSON.stringify(renamed) })
        .where('id', '=', activity.id)
        .execute();

      const [item] = await listBookingItems(db, { all: true }, { sort: 'visit_asc' });
      assert.deepEqual(item?.partyText, { nl: 'Leerling 9, Leraar 2', en: 'Pupil 9, Teacher 2' });
      const details = (await loadBookingDetails(db, (await findBookingByReference(db, booking.reference))!))!;
      const urls = {
        manageUrl: 'https://x.test/b/1',
        participantUrl: undefined,
        activityUrl: 'https://x.test/a',
        lostLinkUrl: 'https://x.test/l',
      };
      const mail = renderMail('confirmed', 'nl', {}, { booking: details, ...urls, adminUrl: 'https://x.test/admin' });
      assert.match(mail.text, /11 \(Leerling 9, Leraar 2\)/);
      assert.doesNotMatch(mail.text, /Scholier/);
    });
  });
}
