import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { startMollie, TEST_MOLLIE_KEY, TEST_VENUE_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { testPaymentContext } from '../../../test/payment-context.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import type { Db } from '../../db/schema.js';
import { settlePayment, startCheckout } from './checkout.service.js';
import { mollieAccountOf, sealMollieKey } from '../payments/mollie-key.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { listPayments, listRefunds } from '../payments/payments.repository.js';
import { refundBooking, sendPendingRefunds } from './refund.service.js';

const FULL = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;
/** Another key of the venue's, one the stand-in knows too: a third Mollie account. */
const NEW_VENUE_KEY = 'test_GroupzVenueKey0000000000000003';

for (const dialect of testDialects()) {
  describe(`a refund goes to the Mollie account that took the payment (${dialect.name})`, () => {
    let database: TestDatabase;
    let db: Db;
    let mollie: TestMollie;
    let context: PaymentContext;
    const clock = new TestClock('2026-06-01T08:00:00Z');

    before(async () => {
      mollie = await startMollie({ clock, webhooks: 'drop', keys: [TEST_MOLLIE_KEY, TEST_VENUE_MOLLIE_KEY, NEW_VENUE_KEY] });
      context = testPaymentContext(mollie.settings);
    });
    after(() => mollie.close());
    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
    });
    afterEach(() => database.close());

    /** Sets (or with null removes) the venue's own key. */
    async function setVenueKey(venueId: string, key: string | null) {
      const sealed = key === null ? null : sealMollieKey(context.secretKey, venueId, key);
      await db.updateTable('venues').set({ mollie_key_sealed: sealed }).where('id', '=', venueId).execute();
    }

    /** A booking of EUR 50 paid in full at the stand-in with the key serving its venue now. */
    async function paidBooking() {
      const activity = await makeActivity(db, clock, { payment: FULL });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-20', capacity: 10 });
      const { booking } = await book(db, clock, slot, { groupSize: 4 }, TEST_LINK_KEY, context);
      return { booking, venueId: activity.venue.id };
    }

    async function pay(bookingId: string) {
      await startCheckout(db, clock, context, bookingId, (id) => `https://bookings.groupz.test/return/${id}`);
      const [payment] = await listPayments(db, bookingId);
      assert.ok(payment?.provider_id);
      mollie.standIn.setStatus(payment.provider_id, 'paid');
      assert.equal((await settlePayment(db, clock, context, payment.id)).status, 'paid');
      return payment;
    }

    const refund = (bookingId: string) =>
      refundBooking(db, clock, context, { bookingId, amountCents: 1000, cause: 'staff', reason: 'test', by: { by: 'system' } });
    const refundsAt = (providerId: string) => mollie.standIn.refunds().filter((r) => r.paymentId === providerId);

    test("taken with the platform's key, refunded with it after the venue entered its own", async () => {
      const { booking, venueId } = await paidBooking();
      const payment = await pay(booking.id);
      assert.equal(payment.provider_account, mollieAccountOf('platform', TEST_MOLLIE_KEY));
      await setVenueKey(venueId, TEST_VENUE_MOLLIE_KEY);
      const [sent] = await refund(booking.id);
      assert.equal(sent?.status, 'pending', 'Mollie took it: the payment is in the platform account');
      assert.deepEqual(
        refundsAt(payment.provider_id!).map((r) => r.amountCents),
        [1000],
      );
    });

    test("taken with the venue's earlier key, refunded with it while it is still its key; once replaced, failed for staff, never sent", async () => {
      const { booking, venueId } = await paidBooking();
      await setVenueKey(venueId, TEST_VENUE_MOLLIE_KEY);
      const payment = await pay(booking.id);
      assert.match(payment.provider_account ?? '', /^venue:test_…0002:[0-9a-f]{12}$/);
      assert.equal((await refund(booking.id))[0]?.status, 'pending');

      await setVenueKey(venueId, NEW_VENUE_KEY);
      const [failed] = await refund(booking.id);
      assert.deepEqual([failed?.status, failed?.failure], ['failed', 'account_gone']);
      assert.equal(refundsAt(payment.provider_id!).length, 1, 'nothing sent with the new key, nor the platform key');
      const stored = (await listRefunds(db, booking.id)).find((r) => r.id === failed?.id);
      assert.deepEqual([stored?.status, stored?.failure], ['failed', 'account_gone']);
      assert.deepEqual(await sendPendingRefunds(db, clock, context), { sent: 0, settled: 0 }, 'not retried');

      await setVenueKey(venueId, null);
      const [removed] = await refund(booking.id);
      assert.deepEqual([removed?.status, removed?.failure], ['failed', 'account_gone'], 'the platform key is another account too');
      assert.equal(refundsAt(payment.provider_id!).length, 1);
    });
  });
}
