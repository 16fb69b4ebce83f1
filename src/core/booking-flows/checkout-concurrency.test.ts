import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import { testPaymentContext } from '../../../test/payment-context.js';
import { findSlot } from '../availability/slot.repository.js';
import { runBookingLifecycle } from './booking-lifecycle.service.js';
import { submitBooking } from './booking.service.js';
import { DomainError } from '../shared/errors.js';
import { startCheckout } from './checkout.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { settleFromWebhook } from './payment-webhook.service.js';
import { listPayments } from '../payments/payments.repository.js';

const MINUTE = 60_000;
const UNLIMITED = { client: null, limits: { perNetwork: null, perEmail: null } };

for (const dialect of testDialects()) {
  describe(`100 bookings that must be paid, into a slot for 50, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let mollie: TestMollie;
    let context: PaymentContext;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
      mollie = await startMollie({ clock, expiryMinutes: 24 * 60, webhooks: 'drop' });
      context = testPaymentContext(mollie.settings);
      mollie.standIn.deliverWebhooksWith(async (_url, body) => {
        await settleFromWebhook(database.db, clock, context, new URLSearchParams(body).get('id') ?? '', null);
        return 200;
      });
    });
    after(async () => {
      await mollie.close();
      await database.close();
    });

    test('never oversold; at the window its end the unpaid holds are released and every payment is accounted for', async () => {
      const { db } = database;
      const payment = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;
      const activity = await makeActivity(db, clock, { payment, maxGroupSize: 20 });
      const slot = await makeSlot(db, clock, activity, { capacity: 50 });

      const outcomes = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          submitBooking(db, clock, TEST_LINK_KEY, context, bookingInput(slot.id, { groupSize: 1, email: `g${i}@example.nl` }), UNLIMITED)
            .then((submitted) => (submitted.replayed ? assert.fail('no key sent') : submitted.booking))
            .catch((error: unknown) => {
              if (error instanceof DomainError && error.code === 'slot_full') return 'slot_full' as const;
              throw error;
            }),
        ),
      );
      const placed = outcomes.filter((o) => o !== 'slot_full');
      assert.equal(placed.length, 50);
      assert.ok(placed.every((b) => b.status === 'awaiting_payment'));
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 50);

      // Every organiser goes to the checkout at once (some twice: a double click).
      const urls = await Promise.all(
        [...placed, ...placed.slice(0, 10)].map((b) => startCheckout(db, clock, context, b.id, (id) => `http://bookings.test/r/${id}`)),
      );
      assert.equal(new Set(urls.map((u) => u.checkoutUrl)).size, 50, 'a double click reuses the payment');
      const providerIds = await Promise.all(placed.map(async (b) => (await listPayments(db, b.id))[0]!.provider_id!));

      // 0..19 pay (the webhook of 10..19 never arrives), 20..29 fail, the rest leave the checkout open.
      providerIds.slice(0, 20).forEach((id) => mollie.standIn.setStatus(id, 'paid'));
      providerIds.slice(20, 30).forEach((id) => mollie.standIn.setStatus(id, 'failed'));
      await Promise.all([...providerIds.slice(0, 10), ...providerIds.slice(20, 30)].map((id) => mollie.standIn.callWebhook(id)));

      clock.advance(31 * MINUTE);
      // Two instances at once (without the job's lease): still each change once.
      await Promise.all([runBookingLifecycle(db, clock, context), runBookingLifecycle(db, clock, context)]);
      const statuses = await Promise.all(
        placed.map(async (b) => (await db.selectFrom('bookings').select('status').where('id', '=', b.id).executeTakeFirstOrThrow()).status),
      );
      assert.deepEqual(statuses.slice(0, 20), Array(20).fill('confirmed'), 'paid: confirmed, webhook or not');
      assert.deepEqual(statuses.slice(20), Array(30).fill('expired'));
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 20, 'the unpaid holds released');

      // Five pay late at the still open checkout: the places are free, so they take them again.
      await Promise.all(
        providerIds.slice(30, 35).map((id) => {
          mollie.standIn.setStatus(id, 'paid');
          return mollie.standIn.callWebhook(id);
        }),
      );
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 25);

      // Every payment accounted for: each booking's rows are Mollie's payments of it, same amount and status.
      for (const booking of placed) {
        const rows = (await listPayments(db, booking.id)).map((p) => [p.provider_id, p.amount_cents, p.status]);
        const remote = mollie.standIn
          .payments()
          .filter((p) => p.description === `Groupz ${booking.reference}`)
          .map((p) => [p.id, p.amountCents, p.status]);
        assert.deepEqual(rows, remote, booking.reference);
      }
      assert.equal(mollie.standIn.refunds().length, 0);
    });
  });
}
