import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { storeTestAdmin, TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { seedSubjectBooking, subjectValues } from '../../../test/data-subjects.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { completeBilling } from '../../../test/invoicing.js';
import { addSetUpMember, bookingRow } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import type { Db } from '../../db/schema.js';
import { recordBankPayment } from '../booking-flows/bank-payment.service.js';
import { createBooking } from '../booking-flows/booking.service.js';
import { remindOverdueInvoices } from '../invoices/invoice-reminder.service.js';
import { eraseByOrganiser, gatherBookingData } from './data-requests.service.js';
import { DEFAULT_RETENTION } from './retention.js';
import { applyRetention } from './retention.service.js';

for (const dialect of testDialects()) {
  describe(`erasure waits for the money on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let clock: TestClock;

    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
      clock = new TestClock('2026-06-01T08:00:00Z');
    });
    afterEach(() => database.close());

    test("the organiser's download names no member of the venue's staff", async () => {
      const activity = await makeActivity(db, clock);
      await addSetUpMember(db, 'jan.medewerker@venue.example', 'staff', activity.venue.id);
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const seeded = await seedSubjectBooking(db, clock, TEST_LINK_KEY, activity, slot, subjectValues('Alpha', 'fenna@example.nl'));
      const staffNotices = await db
        .selectFrom('mail_outbox')
        .select('kind')
        .where('recipient', '=', 'jan.medewerker@venue.example')
        .execute();
      assert.ok(staffNotices.length > 0, 'the staff member was told of the booking');
      const json = JSON.stringify(await gatherBookingData(db, seeded.id));
      assert.ok(json.includes('fenna@example.nl'));
      assert.ok(!json.includes('jan.medewerker@venue.example'), "no staff member's address in the organiser's download");
    });

    test('an unpaid invoice keeps the buyer until it is paid: the reminder reaches them, then the data goes', async () => {
      const activity = await makeActivity(db, clock, {
        payment: { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 14 },
      });
      await completeBilling(db, activity.venue.id, 'GZ-SET');
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-10' });
      const billing = {
        organisation: 'Gemeente Utrecht',
        address: 'Stadsplateau 1\n3521 AZ Utrecht',
        reference: null,
        vatId: null,
        country: null,
      };
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, {
        ...bookingInput(slot.id, { groupSize: 12, email: 'penningmeester@school.example' }),
        payBy: 'invoice' as const,
        billing,
      });
      const total = (await bookingRow(db, booking.id)).total_cents;

      // After the visit, the invoice still open: the request is noted, the data stays.
      clock.set('2026-06-12T08:00:00Z');
      assert.equal((await eraseByOrganiser(db, clock, booking.id)).outcome, 'scheduled');
      assert.deepEqual(await applyRetention(db, clock, { limits: DEFAULT_RETENTION }).then((c) => [c.erasures, c.postponed]), [0, 1]);
      assert.equal((await bookingRow(db, booking.id)).organiser_email, 'penningmeester@school.example');

      // Overdue: the reminder goes to the organiser.
      clock.set('2026-08-01T08:00:00Z');
      await remindOverdueInvoices(db, clock);
      const reminders = await db.selectFrom('mail_outbox').select('recipient').where('kind', '=', 'invoice_overdue').execute();
      assert.deepEqual(reminders, [{ recipient: 'penningmeester@school.example' }]);

      // Paid by bank: the next run erases it; the invoice keeps its buyer.
      const stamp = clock.now().toISOString();
      await storeTestAdmin(db, stamp);
      const paid = await recordBankPayment(db, clock, TEST_ADMIN_ACTOR, booking.id, {
        amount: (total / 100).toFixed(2).replace('.', ','),
        receivedOn: '2026-07-30',
        note: 'Gemeente Utrecht',
      });
      assert.ok(paid.ok, JSON.stringify(paid));
      assert.deepEqual(await applyRetention(db, clock, { limits: DEFAULT_RETENTION }).then((c) => [c.erasures, c.postponed]), [1, 0]);
      const row = await bookingRow(db, booking.id);
      assert.deepEqual([row.organiser_email, row.billing_organisation], ['', null]);
      const invoice = await db.selectFrom('invoices').select('document').where('booking_id', '=', booking.id).executeTakeFirstOrThrow();
      assert.equal((JSON.parse(invoice.document) as { buyer: { name: string } }).buyer.name, 'Gemeente Utrecht');
    });
  });
}
