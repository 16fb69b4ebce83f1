import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { addNoticeRecipient } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { TEST_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { startSettlingMollie } from '../../../test/payment-context.js';
import { changeBookingStatus } from '../booking-flows/booking-admin.service.js';
import { cancelByOrganiser, changeGroupSize } from '../booking-flows/booking-changes.service.js';
import { createBooking, findBookingByLink } from '../booking-flows/booking.service.js';
import type { BookingDetails } from '../bookings/booking.js';
import { formatMoney } from '../i18n/format.js';
import { startCheckout } from '../booking-flows/checkout.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import { insertPayment, listPayments } from '../payments/payments.repository.js';
import { newId } from '../shared/ids.js';
import { addStaff } from '../staff/staff.service.js';
import { refundBooking } from '../booking-flows/refund.service.js';
import type { Db } from '../../db/schema.js';
import { deliverDueMails, type MailDeliverySettings } from './mail-delivery.service.js';
import { INVOICE_BILLING } from '../../../test/factories.js';
import { remindVisits } from '../booking-flows/booking-lifecycle.service.js';
import { remindBalances } from '../booking-flows/balance-reminder.service.js';
import { readOrganiserPayment } from '../payments/organiser-payment.service.js';
import type { Language } from '../shared/language.js';

const FULL: PaymentTerms = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 };
const STAFF = 'balie@venue.test';
const euros = (cents: number) => formatMoney(cents, 'en');
/** Free until 14 days before the visit, then half back until 2 days before. */
const POLICY = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];
/** The money facts' labels in each language. */
const LABELS = {
  nl: { total: 'Totaal (incl. btw)', fee: 'Ingehouden kosten, boven de prijs', paid: 'Betaald tot nu toe', due: 'Nog te betalen' },
  en: { total: 'Total (incl. VAT)', fee: 'Fees kept, on top of the price', paid: 'Paid so far', due: 'Still to pay' },
} as const;

/** The mails about paying, as they reach a real SMTP server: what they state, and when. */
for (const dialect of testDialects()) {
  describe(`payment mails on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let clock: TestClock;
    let mollie: TestMollie;
    let context: PaymentContext;
    let smtp: TestSmtpServer;
    let settings: MailDeliverySettings;

    before(async () => {
      clock = new TestClock('2026-06-01T08:00:00Z');
      ({ mollie, context } = await startSettlingMollie(clock, () => db));
    });
    after(() => mollie.close());
    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      database = await dialect.create();
      db = database.db;
      smtp = await startSmtpServer();
      settings = testMailDelivery(smtp);
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
    });

    /** A booking of 4 (EUR 12.50 each) in English on 15 July, paying online by `terms`, with the venue's staff member. */
    async function booked(terms: Partial<PaymentTerms> = {}): Promise<{ booking: BookingDetails; manageToken: string }> {
      const activity = await makeActivity(db, clock, { payment: { ...FULL, ...terms } });
      await addNoticeRecipient(db, activity.venue.id, STAFF);
      const slot = await makeSlot(db, clock, activity, { capacity: 20, date: '2026-07-15' });
      const input = bookingInput(slot.id, { groupSize: 4, language: 'en' });
      const { manageToken } = await createBooking(db, clock, TEST_LINK_KEY, context, input);
      return { booking: (await findBookingByLink(db, 'manage', manageToken))!, manageToken };
    }

    /** Pays what is due now at the stand-in, the webhook telling Groupz. */
    async function pay(bookingId: string): Promise<string> {
      const { checkoutUrl } = await startCheckout(db, clock, context, bookingId, (id) => `${TEST_PUBLIC_URL}/return/${id}`);
      const row = (await listPayments(db, bookingId)).find((p) => p.checkout_url === checkoutUrl)!;
      mollie.standIn.setStatus(row.provider_id!, 'paid');
      await mollie.standIn.callWebhook(row.provider_id!);
      return row.provider_id!;
    }

    async function current(manageToken: string): Promise<BookingDetails> {
      return (await findBookingByLink(db, 'manage', manageToken))!;
    }

    /** Sends what the outbox holds and returns the mails that arrived, by subject. */
    async function deliver(): Promise<ParsedMail[]> {
      const report = await deliverDueMails(db, clock, settings);
      assert.deepEqual(report.failures, []);
      return smtp.messages;
    }

    function mailTo(messages: ParsedMail[], recipient: string, subject: RegExp): ParsedMail {
      const found = messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === recipient && subject.test(m.subject ?? ''));
      assert.equal(found.length, 1, `one mail to ${recipient} matching ${subject}: ${messages.map((m) => m.subject).join(' | ')}`);
      return found[0]!;
    }

    /** The value of a fact line ("Label: value") in the plain text. */
    function factOf(mail: ParsedMail, label: string): string | undefined {
      return mail.text
        ?.split('\n')
        .find((line) => line.startsWith(`${label}: `))
        ?.slice(label.length + 2);
    }

    test('a mail states the booking as it was when queued: "pay to confirm" sent after paying still awaits payment', async () => {
      const { booking } = await booked();
      await pay(booking.id);
      const mails = await deliver();
      const due = mailTo(mails, 'jan@example.nl', /^Pay to confirm booking/);
      assert.equal(factOf(due, 'Status'), 'Awaiting payment');
      assert.equal(factOf(due, 'To pay now'), euros(5000));
      const received = mailTo(mails, 'jan@example.nl', /^Payment received/);
      assert.equal(factOf(received, 'Status'), 'Confirmed');
    });

    test('a group size change mailed after a cancellation states the change, with the new price, paid and still due', async () => {
      const { booking, manageToken } = await booked();
      await pay(booking.id);
      await deliver();
      await changeGroupSize(db, clock, await current(manageToken), 6, context);
      await cancelByOrganiser(db, clock, await current(manageToken), context);
      const mails = await deliver();
      const changed = mailTo(mails, 'jan@example.nl', /^Booking .* changed/);
      assert.ok(changed.text?.includes('from 4 to 6'), changed.text);
      assert.equal(factOf(changed, 'Status'), 'Confirmed');
      assert.equal(factOf(changed, 'Number of people'), '6');
      assert.equal(factOf(changed, 'Total (incl. VAT)'), euros(7500));
      assert.equal(factOf(changed, 'Paid so far'), euros(5000));
      assert.equal(factOf(changed, 'Still to pay'), euros(2500));
      const staff = mailTo(mails, STAFF, /changed: group size changed from 4 to 6/);
      assert.ok(staff.text?.includes('Status: Bevestigd') && staff.text.includes('Status: Confirmed'), staff.text);
      assert.equal(factOf(mailTo(mails, 'jan@example.nl', /cancelled/), 'Status'), 'Cancelled');
    });

    test('a smaller group: the new price, what was paid and what goes back', async () => {
      const { booking, manageToken } = await booked();
      await pay(booking.id);
      await changeGroupSize(db, clock, await current(manageToken), 2, context);
      const changed = mailTo(await deliver(), 'jan@example.nl', /^Booking .* changed/);
      assert.equal(factOf(changed, 'Total (incl. VAT)'), euros(2500));
      // Paid net of refunds, as when the group grows; the refund under way on its own line.
      assert.equal(factOf(changed, 'Paid so far'), euros(2500));
      assert.equal(factOf(changed, 'To be refunded'), euros(2500));
      assert.equal(factOf(changed, 'Still to pay'), undefined);
    });

    test('a smaller group with a fee kept: the change, the balance and the visit reminder state it and what is due, however it pays', async () => {
      // 8 persons of EUR 12.50 on 12 June, 11 days ahead (the 50 % tier); 6 come: EUR 75, and EUR 12.50 kept of the 2 places.
      const ways = [
        { way: 'online', terms: FULL, input: {}, paid: 8750, due: 0 },
        { way: 'deposit', terms: { ...FULL, mode: 'deposit', balanceDaysBefore: 5 }, input: {}, paid: 3000, due: 5750 },
        {
          way: 'invoice',
          terms: { ...FULL, invoiceAllowed: true },
          input: { payBy: 'invoice', billing: INVOICE_BILLING },
          paid: 0,
          due: 8750,
        },
        { way: 'venue', terms: { ...FULL, mode: 'venue' }, input: {}, paid: undefined, due: 8750 },
      ] as const;
      const cases = ways.flatMap((w) => (['nl', 'en'] as const).map((lang) => ({ ...w, lang, email: `${w.way}-${lang}@example.nl` })));
      const bookingIds = new Map<string, string>();
      for (const c of cases) {
        const activity = await makeActivity(db, clock, { payment: c.terms, refundPolicy: POLICY });
        const slot = await makeSlot(db, clock, activity, { capacity: 20, date: '2026-06-12' });
        const input = bookingInput(slot.id, { groupSize: 8, language: c.lang, email: c.email, ...c.input });
        const { manageToken } = await createBooking(db, clock, TEST_LINK_KEY, context, input);
        const booking = await current(manageToken);
        if (c.way === 'online' || c.way === 'deposit') await pay(booking.id);
        await changeGroupSize(db, clock, await current(manageToken), 6, context);
        bookingIds.set(c.email, booking.id);
      }
      // Two days before the visit: the visit reminders, and the deposit's balance reminders.
      clock.set('2026-06-10T09:00:00Z');
      assert.equal(await remindVisits(db, clock), cases.length);
      assert.equal(await remindBalances(db, clock), 2);
      // What the manage page shows (readOrganiserPayment) as the mails are queued: they state the same.
      for (const c of cases) {
        const page = await readOrganiserPayment(db, bookingIds.get(c.email)!, clock.now());
        assert.deepEqual([page.adjustmentCents, page.state.dueCents], [1250, c.due], c.email);
      }
      // Goodwill given after they were queued: they state the fee as it was then, as they state the rest.
      const goodwill = { amountCents: 500, cause: 'staff', reason: 'goodwill', by: { by: 'system' } } as const;
      await refundBooking(db, clock, context, { ...goodwill, bookingId: bookingIds.get('online-nl@example.nl')! });
      const mails = await deliver();
      for (const c of cases) {
        const labels = LABELS[c.lang as Language];
        const money = (cents: number) => formatMoney(cents, c.lang);
        const subjects = [/^(Boeking|Booking) .* (gewijzigd|changed)/, /^(Herinnering|Reminder): Test/];
        if (c.way === 'deposit') subjects.push(/^(Herinnering: restbedrag|Reminder: balance due)/);
        for (const subject of subjects) {
          const mail = mailTo(mails, c.email, subject);
          const where = `${c.way} ${c.lang}: ${mail.subject}\n${mail.text}`;
          assert.equal(factOf(mail, labels.total), money(7500), where);
          assert.equal(factOf(mail, labels.fee), money(1250), where);
          assert.equal(factOf(mail, labels.paid), c.paid === undefined ? undefined : money(c.paid), where);
          assert.equal(factOf(mail, labels.due), money(c.due), where);
          // Beside the price, as the page's payment section has it: the fee, then what is paid and due.
          const lines = mail.text!.split('\n');
          assert.equal(lines.indexOf(`${labels.fee}: ${money(1250)}`), lines.indexOf(`${labels.total}: ${money(7500)}`) + 1, where);
        }
      }
      assert.equal(factOf(mailTo(mails, 'invoice-en@example.nl', /changed/), 'Your reference'), INVOICE_BILLING.reference);
    });

    test('staff cancelling: the mail says the venue refunds all, or that nothing is refunded, not the policy', async () => {
      const { member } = await addStaff(db, clock, { email: 'boss@venue.test', name: 'Boss', role: 'admin' }, null);
      const staff = { member, client: null };
      const full = await booked();
      await pay(full.booking.id);
      await changeBookingStatus(db, clock, staff, full.booking.id, 'cancel', { refund: 'full', payments: context });
      // More bookings of the same slot (one venue, one staff member).
      const another = async () => {
        const input = bookingInput(full.booking.slot.id, { groupSize: 4, language: 'en' });
        const { manageToken } = await createBooking(db, clock, TEST_LINK_KEY, context, input);
        return { booking: await current(manageToken) };
      };
      const none = await another();
      await pay(none.booking.id);
      await changeBookingStatus(db, clock, staff, none.booking.id, 'cancel', { refund: 'none', payments: context });
      const unpaid = await another();
      await changeBookingStatus(db, clock, staff, unpaid.booking.id, 'cancel', { refund: 'none', payments: context });
      const mails = await deliver();
      const cancelled = (booking: BookingDetails) =>
        mailTo(mails, 'jan@example.nl', new RegExp(`^Booking ${booking.reference} cancelled`)).text ?? '';
      const venue = full.booking.activity.venue.name;
      assert.ok(cancelled(full.booking).includes(`${venue} refunds you ${euros(5000)} to the account`), cancelled(full.booking));
      assert.doesNotMatch(cancelled(full.booking), /cancellation policy/);
      assert.ok(cancelled(none.booking).includes('Nothing is refunded.'), cancelled(none.booking));
      assert.doesNotMatch(cancelled(unpaid.booking), /refund/i);
    });

    test('a mail queued before snapshots is written from the booking as it is now', async () => {
      const { booking } = await booked();
      await pay(booking.id);
      const row = await db.selectFrom('mail_outbox').select(['id', 'detail']).where('kind', '=', 'payment_due').executeTakeFirstOrThrow();
      const { snapshot, ...old } = JSON.parse(row.detail) as Record<string, unknown>;
      assert.equal((snapshot as Record<string, unknown>).status, 'awaiting_payment', 'queued with the booking awaiting payment');
      await db
        .updateTable('mail_outbox')
        .set({ detail: JSON.stringify(old) })
        .where('id', '=', row.id)
        .execute();
      assert.equal(factOf(mailTo(await deliver(), 'jan@example.nl', /^Pay to confirm booking/), 'Status'), 'Confirmed');
    });

    test("a deposit's receipt names what is paid once", async () => {
      const { booking } = await booked({ mode: 'deposit', depositPercent: 30 });
      await pay(booking.id);
      const receipt = mailTo(await deliver(), 'jan@example.nl', /^Payment received/);
      const paidLines = receipt.text?.split('\n').filter((line) => line.startsWith('Paid')) ?? [];
      assert.deepEqual(paidLines, [`Paid so far: ${euros(1500)}`]);
      assert.equal(factOf(receipt, 'Still to pay'), euros(3500));
    });

    test('an overpayment goes back with its own mail, which says so, not that it came too late', async () => {
      const { booking } = await booked({ mode: 'deposit', depositPercent: 30 });
      await pay(booking.id);
      // The balance paid by bank transfer (staff recorded it) beside its checkout: the checkout is more than owed.
      const { checkoutUrl } = await startCheckout(db, clock, context, booking.id, (id) => `${TEST_PUBLIC_URL}/return/${id}`);
      const balance = (await listPayments(db, booking.id)).find((p) => p.checkout_url === checkoutUrl)!;
      const stamp = clock.now().toISOString();
      const bank = { id: newId(), method: 'bank', provider_id: null, checkout_url: null, status: 'paid', paid_at: stamp } as const;
      await db.transaction().execute((trx) => insertPayment(trx, { ...balance, ...bank, created_at: stamp, updated_at: stamp }));
      mollie.standIn.setStatus(balance.provider_id!, 'paid');
      await mollie.standIn.callWebhook(balance.provider_id!);
      const mails = await deliver();
      const refund = mailTo(mails, 'jan@example.nl', /^You paid too much for booking/);
      assert.ok(refund.text?.includes(`than the booking owes. We refund ${euros(3500)}`), refund.text);
      assert.ok(!/too late|payment window/.test(refund.text ?? ''));
      assert.equal(factOf(refund, 'Status'), 'Confirmed');
      assert.equal(mails.filter((m) => /is being refunded/.test(m.subject ?? '')).length, 0, 'no "too late" mail');
      mailTo(mails, STAFF, /paid more than the booking costs/);
    });

    test('a refund Mollie refuses: the venue is told once to refund the amount by hand', async () => {
      const { booking } = await booked();
      const providerId = await pay(booking.id);
      await deliver();
      // The venue refunded most of it in Mollie's dashboard: Mollie refuses the refund of the whole.
      await mollie.settings.provider.createRefund(TEST_MOLLIE_KEY, providerId, {
        amountCents: 4000,
        description: 'dashboard',
        reference: 'd-1',
      });
      const refund = { bookingId: booking.id, amountCents: 5000, cause: 'staff', reason: 'goodwill', by: { by: 'system' } } as const;
      const [row] = await refundBooking(db, clock, context, refund);
      assert.equal(row?.status, 'failed');
      const notice = mailTo(await deliver(), STAFF, /^Terugbetaling van .* mislukt voor boeking/);
      assert.ok(notice.subject?.includes(booking.reference));
      assert.ok(notice.text?.includes(`Mollie did not carry out the refund of ${euros(5000)}`), notice.text);
      assert.ok(notice.text?.includes('Please refund this amount to the organiser yourself'));
      const notices = await db.selectFrom('mail_outbox').select('id').where('kind', '=', 'staff_refund_failed').execute();
      assert.equal(notices.length, 1, 'once');
    });

    test('a refund of a bank transfer: the venue is told once to transfer it back, unless staff recorded it', async () => {
      const { booking } = await booked();
      const stamp = clock.now().toISOString();
      await db.transaction().execute((trx) =>
        insertPayment(trx, {
          ...{ id: newId(), booking_id: booking.id, venue_id: booking.activity.venue.id, method: 'bank', provider_id: null },
          ...{ amount_cents: 5000, status: 'paid', checkout_url: null, recorded_by: null, created_at: stamp, updated_at: stamp },
          paid_at: stamp,
        }),
      );
      const refund = { bookingId: booking.id, amountCents: 2000, cause: 'policy', reason: '', by: { by: 'organiser' } } as const;
      const [row] = await refundBooking(db, clock, context, refund);
      assert.equal(row?.status, 'refunded');
      // Staff recording a refund themselves are the ones transferring it: no notice.
      await refundBooking(db, clock, context, { ...refund, amountCents: 1000, cause: 'staff', reason: 'goodwill', by: { by: 'system' } });
      const notice = mailTo(await deliver(), STAFF, /^Boeking .* per bank terugbetalen/);
      assert.ok(notice.subject?.includes(booking.reference) && notice.subject.includes(formatMoney(2000, 'nl')), notice.subject);
      assert.ok(notice.text?.includes(`transfer the amount back to the organiser, ${booking.name} (${booking.email})`), notice.text);
      assert.ok(notice.text?.includes('The ledger already counts it as refunded'));
      const notices = await db.selectFrom('mail_outbox').select('id').where('kind', '=', 'staff_refund_by_bank').execute();
      assert.equal(notices.length, 1, 'once');
    });
  });
}
