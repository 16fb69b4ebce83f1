import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { bookingRow, historyOf, mailsOf } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { startMollie, TEST_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { testPaymentContext } from '../../../test/payment-context.js';
import { findSlot } from '../availability/slot.repository.js';
import type { Activity } from '../catalog/activity.js';
import { bookingLifecycleJob, LIFECYCLE_BATCH, runBookingLifecycle } from './booking-lifecycle.service.js';
import { createBooking } from './booking.service.js';
import { newId } from '../shared/ids.js';
import { updateVenueMollieKey } from '../venues/venue-payment.repository.js';
import type { Db } from '../../db/schema.js';
import { startCheckout } from './checkout.service.js';
import { mollieKeyFor, sealMollieKey } from '../payments/mollie-key.js';
import { checkPendingPayments, paymentCheckJob } from './payment-check.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import { expireUnpaid, PAYMENT_GRACE_MINUTES } from './payment-window.service.js';
import { insertPayment, listPayments, listRefunds } from '../payments/payments.repository.js';

const MINUTE = 60_000;
const FULL: PaymentTerms = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 };
const returnUrl = (id: string) => `http://bookings.test/return/${id}`;

for (const dialect of testDialects()) {
  describe(`the end of a payment window, and payments Mollie must be asked about, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let mollie: TestMollie;
    let context: PaymentContext;
    let db: Db;

    before(async () => {
      clock = new TestClock('2026-06-01T08:00:00Z');
      mollie = await startMollie({ clock, expiryMinutes: 24 * 60, webhooks: 'drop' });
      context = testPaymentContext(mollie.settings);
    });
    after(() => mollie.close());
    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
      clock.set('2026-06-01T08:00:00Z');
    });
    afterEach(() => database.close());

    async function paidActivity(): Promise<Activity> {
      return makeActivity(db, clock, { payment: FULL });
    }

    async function bookPaid(slotId: string, email = 'jan@example.nl') {
      return (await createBooking(db, clock, TEST_LINK_KEY, context, bookingInput(slotId, { groupSize: 4, email }))).booking;
    }

    /** Mollie no longer serves the venue: no key (the platform's removed, say). */
    const keyless = (): PaymentContext => ({ ...context, settings: { ...context.settings, platformKey: null } });

    test('an expiring booking gives back what was paid of it, in the same run, and its mail says so', async () => {
      const activity = await paidActivity();
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const booking = await bookPaid(slot.id);
      // 10 euros of the 50 came in (a payment short of what was due), paid at Mollie.
      const part = await mollie.settings.provider.createPayment(TEST_MOLLIE_KEY, {
        amountCents: 1000,
        description: `Groupz ${booking.reference}`,
        redirectUrl: returnUrl('x'),
        webhookUrl: 'http://bookings.test/payments/webhook',
        reference: newId(),
        locale: 'nl_NL',
      });
      mollie.standIn.setStatus(part.id, 'paid');
      const stamp = clock.now().toISOString();
      await db.transaction().execute((trx) =>
        insertPayment(trx, {
          id: newId(),
          booking_id: booking.id,
          venue_id: activity.venue.id,
          method: 'mollie',
          provider_id: part.id,
          amount_cents: 1000,
          status: 'paid',
          checkout_url: null,
          recorded_by: null,
          note: '',
          created_at: stamp,
          updated_at: stamp,
          paid_at: stamp,
        }),
      );
      clock.advance(31 * MINUTE);
      assert.equal((await runBookingLifecycle(db, clock, context)).paymentsExpired, 1);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 0);
      const refunds = await listRefunds(db, booking.id);
      assert.deepEqual(
        refunds.map((r) => [r.amount_cents, r.cause]),
        [[1000, 'late_payment']],
      );
      assert.ok(refunds[0]!.provider_id, 'sent to Mollie after the commit');
      assert.equal(mollie.standIn.refunds().filter((r) => r.paymentId === part.id).length, 1);
      const expiredMail = (await mailsOf(db, booking.id)).find(([kind]) => kind === 'payment_expired');
      assert.equal(expiredMail?.[2].refund_cents, 1000, 'the organiser reads what comes back');
      assert.ok((await historyOf(db, booking.reference)).some(([action]) => action === 'booking.refunded'));
      await runBookingLifecycle(db, clock, context);
      assert.equal((await listRefunds(db, booking.id)).length, 1, 'once');
    });

    test('Mollie not answering keeps a booking past its window only for the grace period', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      await startCheckout(db, clock, context, booking.id, returnUrl);
      clock.advance(31 * MINUTE);
      assert.equal((await runBookingLifecycle(db, clock, keyless())).paymentsExpired, 0, 'within the grace: waits for Mollie');
      assert.equal((await bookingRow(db, booking.id)).status, 'awaiting_payment');
      clock.advance(PAYMENT_GRACE_MINUTES * MINUTE);
      assert.equal((await runBookingLifecycle(db, clock, keyless())).paymentsExpired, 1, 'past the grace: expires regardless');
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 0);
    });

    test('Mollie down past the grace (every call fails): the booking expires anyway', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      await startCheckout(db, clock, context, booking.id, returnUrl);
      clock.advance((31 + PAYMENT_GRACE_MINUTES) * MINUTE);
      mollie.standIn.failNext(3, { status: 502, retryAfterSeconds: 0 }); // the client's retries, all refused
      assert.equal(await expireUnpaid(db, clock, context, LIFECYCLE_BATCH), 1);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
    });

    test('bookings stuck on Mollie do not keep the others from expiring', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 20 });
      const stuck = [await bookPaid(slot.id, 'a@example.nl'), await bookPaid(slot.id, 'b@example.nl')];
      for (const booking of stuck) await startCheckout(db, clock, context, booking.id, returnUrl);
      clock.advance(MINUTE);
      const unpaid = await bookPaid(slot.id, 'c@example.nl'); // never went to the checkout
      clock.advance(31 * MINUTE);
      // A batch of two: the two oldest windows are stuck (Mollie cannot be asked), the third is not.
      assert.equal(await expireUnpaid(db, clock, keyless(), 2), 1);
      assert.equal((await bookingRow(db, unpaid.id)).status, 'expired');
      for (const booking of stuck) assert.equal((await bookingRow(db, booking.id)).status, 'awaiting_payment');
    });

    test("a venue's key that no longer opens: no key, no error; online payment is simply not available", async () => {
      const activity = await paidActivity();
      const venueId = activity.venue.id;
      const sealed = sealMollieKey(randomBytes(32), venueId, 'test_AnOldVenueKey00000000000000000');
      await db.transaction().execute((trx) => updateVenueMollieKey(trx, venueId, sealed, clock.now().toISOString()));
      assert.equal(await mollieKeyFor(db, context.secretKey, context.settings, venueId), null);
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const booking = await bookPaid(slot.id);
      assert.notEqual(booking.status, 'awaiting_payment', 'not sent to pay online');
    });

    test('a payment whose webhook never came is asked about after 10 minutes; an unanswered creation is given up after an hour', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      await startCheckout(db, clock, context, booking.id, returnUrl);
      const [open] = await listPayments(db, booking.id);
      mollie.standIn.setStatus(open!.provider_id!, 'paid'); // no webhook reaches Groupz
      clock.advance(9 * MINUTE);
      assert.equal((await checkPendingPayments(db, clock, context)).checked, 0, 'not yet');
      clock.advance(2 * MINUTE);
      assert.equal((await checkPendingPayments(db, clock, context)).checked, 1);
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed');

      const other = await bookPaid(slot.id, 'piet@example.nl');
      mollie.standIn.failNext(3, { status: 502, retryAfterSeconds: 0 });
      await assert.rejects(startCheckout(db, clock, context, other.id, returnUrl));
      assert.equal((await listPayments(db, other.id))[0]?.status, 'creating');
      clock.advance(59 * MINUTE);
      assert.equal((await checkPendingPayments(db, clock, context)).canceled, 0);
      clock.advance(2 * MINUTE);
      assert.equal((await checkPendingPayments(db, clock, context)).canceled, 1);
      assert.equal((await listPayments(db, other.id))[0]?.status, 'canceled');
    });

    test('the jobs that call Mollie hold their lease long enough for 50 calls of 15 seconds', () => {
      assert.ok((bookingLifecycleJob(db, clock, context).leaseSeconds ?? 0) >= 50 * 15);
      assert.ok((paymentCheckJob(db, clock, context).leaseSeconds ?? 0) >= 50 * 15);
    });
  });
}
