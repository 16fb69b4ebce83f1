import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, INVOICE_BILLING, makeActivity, makeSlot } from '../../../test/factories.js';
import { insertTestInvoice, insertTransfer } from '../../../test/invoices.js';
import { historyOf, mailsOf } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { runBookingLifecycle } from '../booking-flows/booking-lifecycle.service.js';
import type { Activity } from '../catalog/activity.js';
import { deliverDueMails } from '../mail/mail-delivery.service.js';
import type { OutgoingMail } from '../mail/mail-sender.js';
import { remindOverdueInvoices } from './invoice-reminder.service.js';

const ON_INVOICE = { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 14 } as const;

for (const dialect of testDialects()) {
  describe(`the reminder of an overdue invoice (${dialect.name})`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let activity: Activity;
    let hour = 8;

    beforeEach(async () => {
      database = await dialect.create();
      clock = new TestClock('2027-03-01T09:00:00Z');
      activity = await makeActivity(database.db, clock, { maxGroupSize: 40, payment: ON_INVOICE });
    });
    afterEach(() => database.close());

    async function booking(overrides: Record<string, unknown> = {}) {
      const slot = await makeSlot(database.db, clock, activity, { date: '2027-04-10', time: `${String(hour++ % 24).padStart(2, '0')}:00` });
      const created = await book(
        database.db,
        clock,
        slot,
        { groupSize: 8, payBy: 'invoice', billing: INVOICE_BILLING, ...overrides },
        TEST_LINK_KEY,
      );
      return created.booking;
    }

    const reminders = async (bookingId: string) => (await mailsOf(database.db, bookingId)).filter(([kind]) => kind === 'invoice_overdue');

    test('once, the day after the due date, to the organiser, with the invoice, the amount, the IBAN and the reference', async () => {
      const { db } = database;
      const late = await booking({ email: 'late@example.nl', language: 'en' });
      const invoice = await insertTestInvoice(db, clock, late.id, { lines: [{ netCents: 20_000, vatRateBp: 900 }] });
      await insertTransfer(db, clock, late.id, 5_000);

      clock.set('2027-03-15T22:59:00Z'); // still the due date (15 March) in Amsterdam
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).invoiceReminders, 0, 'not on the due date');
      clock.set('2027-03-15T23:00:00Z');
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).invoiceReminders, 1);
      assert.deepEqual(await reminders(late.id), [
        [
          'invoice_overdue',
          'late@example.nl',
          {
            invoice_number: invoice.number,
            total_cents: 21_800,
            amount_cents: 16_800,
            due_on: '2027-03-15',
            iban: 'NL91ABNA0417164300',
            payment_reference: late.reference,
          },
        ],
      ]);
      assert.deepEqual((await historyOf(db, late.reference)).at(-1), [
        'booking.invoice_overdue_reminder_sent',
        'system',
        { invoice: invoice.number, due_on: '2027-03-15' },
      ]);
      clock.advance(24 * 3_600_000);
      assert.equal((await runBookingLifecycle(db, clock, NO_PAYMENTS)).invoiceReminders, 0, 'the next day: none again');
      assert.equal(await remindOverdueInvoices(db, clock), 0);
      assert.equal((await reminders(late.id)).length, 1);

      const sent: OutgoingMail[] = [];
      const report = await deliverDueMails(db, clock, {
        sender: { target: 'memory', send: async (mail) => void sent.push(mail) },
        linkKey: TEST_LINK_KEY,
        publicUrl: TEST_PUBLIC_URL,
        from: 'Groupz <no-reply@bookings.test>',
      });
      assert.deepEqual(report.failures, []);
      const mail = sent.find((m) => m.subject.startsWith('Reminder: invoice'));
      assert.ok(mail, sent.map((m) => m.subject).join(' | '));
      assert.equal(mail.to, 'late@example.nl');
      assert.equal(mail.subject, `Reminder: invoice ${invoice.number} for booking ${late.reference} has not been paid`);
      for (const part of [
        'Please transfer €168.00 to NL91 ABNA 0417 1643 00, quoting',
        `Invoice number: ${invoice.number}`,
        'Invoice amount: €218.00',
        'Still to pay: €168.00',
        'Due date: Mon 15 Mar 2027',
        `Payment reference: ${late.reference}`,
        `${TEST_PUBLIC_URL}/b/`,
      ]) {
        assert.ok(mail.text.includes(part), `${part}\n${mail.text}`);
      }
    });

    test('never for a paid or credited invoice, nor before the due date; a later invoice gets its own', async () => {
      const { db } = database;
      const paid = await booking();
      await insertTestInvoice(db, clock, paid.id);
      await insertTransfer(db, clock, paid.id, 10_900);
      const credited = await booking();
      const invoice = await insertTestInvoice(db, clock, credited.id);
      await insertTestInvoice(db, clock, credited.id, { kind: 'credit_note', corrects: invoice });
      const notYet = await booking();
      await insertTestInvoice(db, clock, notYet.id, { dueOn: '2027-03-31' });

      clock.set('2027-03-20T09:00:00Z');
      assert.equal(await remindOverdueInvoices(db, clock), 0);
      for (const { id } of [paid, credited, notYet]) assert.deepEqual(await reminders(id), []);

      // A second invoice of the paid booking, unpaid: reminded once it is late, the paid one still not.
      const second = await insertTestInvoice(db, clock, paid.id, { dueOn: '2027-03-25' });
      clock.set('2027-04-01T09:00:00Z');
      assert.equal(await remindOverdueInvoices(db, clock), 2, 'the second invoice and the one due on 31 March');
      assert.deepEqual(
        (await reminders(paid.id)).map(([, , detail]) => detail.invoice_number),
        [second.number],
      );
      assert.equal((await reminders(notYet.id)).length, 1);
    });

    test('two runs at once, as on two instances, mail once', async () => {
      const { db } = database;
      const late = await booking();
      await insertTestInvoice(db, clock, late.id);
      clock.set('2027-03-16T09:00:00Z');
      const runs = await Promise.all([remindOverdueInvoices(db, clock), remindOverdueInvoices(db, clock)]);
      assert.equal(runs[0] + runs[1], 1);
      assert.equal((await reminders(late.id)).length, 1);
    });
  });
}
