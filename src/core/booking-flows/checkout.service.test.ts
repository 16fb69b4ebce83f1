import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { addNoticeRecipient, bookingRow, historyOf, mailsOf, mailsOfKind } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { TEST_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { startSettlingMollie } from '../../../test/payment-context.js';
import { findSlot } from '../availability/slot.repository.js';
import type { Activity } from '../catalog/activity.js';
import { runBookingLifecycle } from './booking-lifecycle.service.js';
import { createBooking } from './booking.service.js';
import { confirmOption } from './option.service.js';
import type { Db } from '../../db/schema.js';
import { bookingPaymentOf, settlePayment, startCheckout } from './checkout.service.js';
import { settleFromWebhook } from './payment-webhook.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import { insertPayment, listPayments, listRefunds } from '../payments/payments.repository.js';
import { newId } from '../shared/ids.js';
import { TEST_ADMIN, TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { createDiscountCode } from '../discounts/discount-admin.service.js';
import { DiscountRefused } from '../discounts/discount-code.js';
import { NEW_DISCOUNT_CODE_FORM } from '../discounts/discount-form.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import { cancelByOrganiser } from './booking-changes.service.js';
import { refusedWith } from '../../../test/outcomes.js';

const MINUTE = 60_000;
const FULL: PaymentTerms = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 };
const returnUrl = (id: string) => `http://bookings.test/return/${id}`;

for (const dialect of testDialects()) {
  describe(`paying when booking on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let mollie: TestMollie;
    let context: PaymentContext;
    let db: Db;

    before(async () => {
      clock = new TestClock('2026-06-01T08:00:00Z');
      ({ mollie, context } = await startSettlingMollie(clock, () => db));
    });
    after(() => mollie.close());
    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
      clock.set('2026-06-01T08:00:00Z');
    });
    afterEach(() => database.close());

    async function paidActivity(terms: Partial<PaymentTerms> = {}): Promise<Activity> {
      const activity = await makeActivity(db, clock, { payment: { ...FULL, ...terms } });
      await addNoticeRecipient(db, activity.venue.id, 'balie@venue.test');
      return activity;
    }

    async function bookPaid(slotId: string, overrides: Record<string, unknown> = {}) {
      return (await createBooking(db, clock, TEST_LINK_KEY, context, bookingInput(slotId, { groupSize: 4, ...overrides }))).booking;
    }

    /** Starts the checkout and returns the stand-in's payment id with Groupz's row. */
    async function checkout(bookingId: string) {
      const { checkoutUrl } = await startCheckout(db, clock, context, bookingId, returnUrl);
      const [row] = (await listPayments(db, bookingId)).filter((p) => p.checkout_url === checkoutUrl);
      assert.ok(row?.provider_id, 'recorded with Mollie id');
      return { row, providerId: row.provider_id, checkoutUrl };
    }

    test('a booking paid online awaits its payment for the window; the checkout is reused while open', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      assert.equal(booking.status, 'awaiting_payment');
      const row = await bookingRow(db, booking.id);
      assert.equal(row.pay_by, 'online');
      assert.equal(row.deposit_percent, 100);
      assert.equal(row.payment_expires_at, '2026-06-01T08:30:00.000Z');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4, 'the places are held');
      assert.equal(await mailsOfKind(db, booking.id, 'payment_due'), 1);
      assert.equal(await mailsOfKind(db, booking.id, 'staff_new_booking'), 0, 'no news for the venue until paid');

      const first = await checkout(booking.id);
      const again = await checkout(booking.id);
      assert.equal(again.checkoutUrl, first.checkoutUrl);
      const made = mollie.standIn.payments().filter((p) => p.id === first.providerId);
      assert.equal(made.length, 1);
      assert.equal(made[0]!.amountCents, 5000);
      assert.equal(made[0]!.description, `Groupz ${booking.reference}`, 'the reference, no personal data');
      assert.equal(made[0]!.webhookUrl, 'http://bookings.test/payments/webhook');
      assert.equal((await listPayments(db, booking.id)).length, 1);
      assert.equal((await bookingPaymentOf(db, booking.id)).dueNowCents, 5000);
    });

    test('webhook before the return, twice: confirmed once, mailed once; the return finds it paid', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { row, providerId } = await checkout(booking.id);
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.equal((await settlePayment(db, clock, context, row.id)).status, 'paid');
      const after = await bookingRow(db, booking.id);
      assert.equal(after.status, 'confirmed');
      assert.equal(after.payment_expires_at, null);
      assert.equal(await mailsOfKind(db, booking.id, 'payment_received'), 1);
      assert.equal(await mailsOfKind(db, booking.id, 'staff_booking_changed'), 1);
      assert.equal((await historyOf(db, booking.reference)).filter(([action]) => action === 'booking.paid').length, 1);
      assert.deepEqual(await bookingPaymentOf(db, booking.id), {
        status: 'paid',
        paidCents: 5000,
        refundedCents: 0,
        pendingRefundCents: 0,
        dueCents: 0,
        dueNowCents: 0,
        balanceDueOn: null,
      });
      await assert.rejects(startCheckout(db, clock, context, booking.id, returnUrl), refusedWith('nothing_due'));
    });

    test('the return before the webhook, and a webhook Groupz never got (a crash): the next look settles it', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { row, providerId } = await checkout(booking.id);
      // Mollie has it paid; Groupz has heard nothing (no webhook arrived).
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal((await bookingRow(db, booking.id)).status, 'awaiting_payment');
      assert.equal((await settlePayment(db, clock, context, row.id)).status, 'paid', 'the return page asks Mollie');
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed');
      await mollie.standIn.callWebhook(providerId);
      assert.equal(await mailsOfKind(db, booking.id, 'payment_received'), 1);

      // The same for the lifecycle: the window's end asks Mollie before expiring anything.
      const other = await bookPaid(slot.id, { email: 'piet@example.nl' });
      const second = await checkout(other.id);
      mollie.standIn.setStatus(second.providerId, 'paid');
      clock.advance(31 * MINUTE);
      await runBookingLifecycle(db, clock, context);
      assert.equal((await bookingRow(db, other.id)).status, 'confirmed', 'paid, not expired');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 8);
    });

    test('out of order and from the dashboard: a payment refunded in Mollie before Groupz heard it was paid', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { providerId } = await checkout(booking.id);
      mollie.standIn.setStatus(providerId, 'paid');
      // The venue refunds part of it in Mollie's dashboard, before any webhook reached Groupz.
      await mollie.settings.provider.createRefund(TEST_MOLLIE_KEY, providerId, {
        amountCents: 1200,
        description: 'dashboard',
        reference: 'x',
      });
      await mollie.standIn.callWebhook(providerId);
      await mollie.standIn.callWebhook(providerId);
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed');
      const refunds = await listRefunds(db, booking.id);
      assert.deepEqual(
        refunds.map((r) => [r.amount_cents, r.cause, r.reason, r.status]),
        [[1200, 'provider', 'Mollie dashboard', 'refunded']],
      );
      const state = await bookingPaymentOf(db, booking.id);
      assert.equal(state.paidCents, 5000);
      assert.equal(state.refundedCents, 1200);
      // Goodwill, like a staff refund: the booking owes 1200 less, so nothing is outstanding.
      assert.equal((await bookingRow(db, booking.id)).adjustment_cents, -1200);
      assert.deepEqual([state.status, state.dueCents], ['paid', 0]);
    });

    test('a stale "open" after "paid" never moves the payment back (the return page racing the webhook)', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { row, providerId } = await checkout(booking.id);
      // The return page asked Mollie while the payment was still open; its answer arrives late.
      const stale = await mollie.settings.provider.getPayment(TEST_MOLLIE_KEY, providerId);
      assert.equal(stale?.status, 'open');
      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      const paid = (await listPayments(db, booking.id))[0]!;
      assert.equal(paid.status, 'paid');
      assert.ok(paid.paid_at);
      const late: PaymentContext = {
        ...context,
        settings: { ...context.settings, provider: { ...context.settings.provider, getPayment: async () => stale } },
      };
      const after = await settlePayment(db, clock, late, row.id);
      assert.equal(after.status, 'paid');
      assert.equal(after.paid_at, paid.paid_at, 'paid_at kept');
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed');
    });

    test('two tabs: the second tab\'s replayed "open" never overwrites the webhook\'s "paid"', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      mollie.standIn.failNext(3, { status: 502, retryAfterSeconds: 0 });
      await assert.rejects(startCheckout(db, clock, context, booking.id, returnUrl), refusedWith('payment_unavailable'));
      // Tab A creates the payment at Mollie; before tab B's answer is recorded, the organiser pays in tab A.
      const { providerId } = await checkout(booking.id);
      const provider = context.settings.provider;
      const tabB: PaymentContext = {
        ...context,
        settings: {
          ...context.settings,
          provider: {
            ...provider,
            createPayment: async (key, input) => {
              const answer = await provider.createPayment(key, input); // Mollie replays the original "open"
              mollie.standIn.setStatus(providerId, 'paid');
              await mollie.standIn.callWebhook(providerId);
              return answer;
            },
          },
        },
      };
      await db.updateTable('payments').set({ status: 'creating', checkout_url: null }).where('booking_id', '=', booking.id).execute();
      await startCheckout(db, clock, tabB, booking.id, returnUrl).catch(() => undefined);
      const [row] = await listPayments(db, booking.id);
      assert.equal(row?.status, 'paid');
      assert.ok(row?.paid_at);
    });

    test('an open checkout Mollie expired without a webhook is not reused: a new one instead', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const first = await checkout(booking.id);
      mollie.standIn.setStatus(first.providerId, 'canceled'); // no webhook reaches Groupz
      clock.advance(10 * MINUTE);
      const second = await checkout(booking.id);
      assert.notEqual(second.providerId, first.providerId);
      const rows = await listPayments(db, booking.id);
      assert.deepEqual(
        rows.map((r) => r.status),
        ['canceled', 'open'],
      );
      // A fresh one is reused without asking.
      const again = await checkout(booking.id);
      assert.equal(again.providerId, second.providerId);
    });

    test('an unknown id changes nothing and says nothing; a failed payment leaves the booking waiting', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { row, providerId } = await checkout(booking.id);
      await settleFromWebhook(db, clock, context, 'tr_unknown0000', null);
      await settleFromWebhook(db, clock, context, '', null);
      mollie.standIn.setStatus(providerId, 'failed');
      await mollie.standIn.callWebhook(providerId);
      assert.equal((await settlePayment(db, clock, context, row.id)).status, 'failed');
      assert.equal((await bookingRow(db, booking.id)).status, 'awaiting_payment');
      // Try again while the window lasts: a new payment.
      const retry = await checkout(booking.id);
      assert.notEqual(retry.providerId, providerId);
    });

    test('Mollie unreachable: payment_unavailable, and a retry with the same id makes no second payment', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      mollie.standIn.failNext(3, { status: 502, retryAfterSeconds: 0 }); // the client's retries, all refused
      const before = mollie.standIn.payments().length;
      await assert.rejects(startCheckout(db, clock, context, booking.id, returnUrl), refusedWith('payment_unavailable'));
      const [creating] = await listPayments(db, booking.id);
      assert.equal(creating?.status, 'creating');
      const { row } = await checkout(booking.id);
      assert.equal(row.id, creating.id, 'the same payment resumed');
      assert.equal(mollie.standIn.payments().length, before + 1);
    });

    test('paid after the window with the places free: the booking takes them again', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { providerId } = await checkout(booking.id);
      clock.advance(31 * MINUTE);
      assert.equal((await runBookingLifecycle(db, clock, context)).paymentsExpired, 1);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 0, 'released in the same transaction');
      assert.equal(await mailsOfKind(db, booking.id, 'payment_expired'), 1);
      assert.equal((await runBookingLifecycle(db, clock, context)).paymentsExpired, 0, 'once');

      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4);
      assert.ok((await historyOf(db, booking.reference)).some(([action]) => action === 'booking.paid_late'));
      assert.equal((await listRefunds(db, booking.id)).length, 0);
    });

    test("paid after the window: the discount code's use given back at expiry is taken again; used up meanwhile, the money goes back", async () => {
      const activity = await paidActivity();
      const made = await createDiscountCode(
        db,
        clock,
        TEST_ADMIN,
        activity.venue.id,
        {
          ...NEW_DISCOUNT_CODE_FORM,
          code: 'EEN',
          value: '10',
          maxUses: '1',
        },
        'nl',
      );
      assert.ok(made.ok);
      const uses = async () =>
        (await db.selectFrom('discount_codes').select('uses').where('id', '=', made.value.id).executeTakeFirstOrThrow()).uses;
      const slot = await makeSlot(db, clock, activity, { capacity: 20 });
      const expireAndPay = async (bookingId: string, meanwhile: () => Promise<unknown> = async () => undefined) => {
        const { providerId } = await checkout(bookingId);
        clock.advance(31 * MINUTE);
        await runBookingLifecycle(db, clock, context);
        assert.equal(await uses(), 0, 'given back at expiry');
        await meanwhile();
        mollie.standIn.setStatus(providerId, 'paid');
        await mollie.standIn.callWebhook(providerId);
      };

      const first = await bookPaid(slot.id, { discountCode: 'een' });
      assert.equal(await uses(), 1);
      await expireAndPay(first.id);
      assert.equal((await bookingRow(db, first.id)).status, 'confirmed');
      assert.equal(await uses(), 1, 'taken again');

      const second = await bookPaid(slot.id, { discountCode: 'een', email: 'piet@example.nl' }).catch((e: unknown) => e);
      assert.ok(second instanceof DiscountRefused, 'used up');
      await cancelByOrganiser(db, clock, (await loadBookingDetails(db, await bookingRow(db, first.id)))!);
      assert.equal(await uses(), 0, 'given back on cancelling');

      const again = await bookPaid(slot.id, { discountCode: 'EEN', email: 'joke@example.nl' });
      await expireAndPay(again.id, () => bookPaid(slot.id, { discountCode: 'EEN', email: 'wim@example.nl' }));
      assert.equal((await bookingRow(db, again.id)).status, 'expired', 'its code went to another booking meanwhile');
      assert.equal(await uses(), 1);
      assert.deepEqual(
        (await listRefunds(db, again.id)).map((r) => r.cause),
        ['late_payment'],
      );
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4, "only the other booking's places: not its own either");
    });

    test('paid after the window with the places taken: refunded in full at once, both sides told', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 4 });
      const booking = await bookPaid(slot.id);
      const { row, providerId } = await checkout(booking.id);
      clock.advance(31 * MINUTE);
      await runBookingLifecycle(db, clock, context);
      const taker = await bookPaid(slot.id, { email: 'piet@example.nl' });
      assert.equal(taker.status, 'awaiting_payment');

      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      await mollie.standIn.callWebhook(providerId);
      await settlePayment(db, clock, context, row.id);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4, 'never oversold');
      const refunds = await listRefunds(db, booking.id);
      assert.deepEqual(
        refunds.map((r) => [r.amount_cents, r.cause]),
        [[5000, 'late_payment']],
      );
      assert.ok(refunds[0]!.provider_id, 'sent to Mollie');
      assert.equal(mollie.standIn.refunds().filter((r) => r.paymentId === providerId).length, 1);
      assert.equal(await mailsOfKind(db, booking.id, 'payment_refunded_late'), 1);
      assert.equal((await mailsOfKind(db, booking.id, 'staff_booking_changed')) >= 1, true, 'the venue hears of the refund');
      // Sent to Mollie, not yet paid out: under way.
      assert.equal((await bookingPaymentOf(db, booking.id)).status, 'refunding');
    });

    test('a booking cancelled meanwhile: its payment goes back in full', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { providerId } = await checkout(booking.id);
      await db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', booking.id).execute();
      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      assert.deepEqual(
        (await listRefunds(db, booking.id)).map((r) => [r.amount_cents, r.cause, r.staff_id]),
        [[5000, 'late_payment', null]],
      );
      assert.equal((await bookingRow(db, booking.id)).paid_at, null, 'a cancelled booking is never paid');
      const entry = (await historyOf(db, booking.reference)).find(([action]) => action === 'booking.refunded');
      assert.ok(entry, 'the refund in the history');
      // The staff notice says it was paid after cancelling, not too late for its places.
      const changes = (await mailsOf(db, booking.id)).filter(([kind]) => kind === 'staff_booking_changed').map(([, , d]) => d.change);
      assert.deepEqual(changes, ['cancelled_refund']);
    });

    test('paid after the window for an activity no longer published: refunded, the places stay free', async () => {
      const activity = await paidActivity();
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { providerId } = await checkout(booking.id);
      clock.advance(31 * MINUTE);
      await runBookingLifecycle(db, clock, context);
      await db.updateTable('activities').set({ status: 'unpublished' }).where('id', '=', activity.id).execute();
      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 0);
      assert.deepEqual(
        (await listRefunds(db, booking.id)).map((r) => [r.amount_cents, r.cause]),
        [[5000, 'late_payment']],
      );
      assert.equal((await bookingRow(db, booking.id)).paid_at, null);
    });

    test('paid after the window once bookings for the slot closed: refunded, not confirmed', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10, date: '2026-06-02', time: '09:00' });
      const booking = await bookPaid(slot.id);
      const { providerId } = await checkout(booking.id);
      clock.advance(31 * MINUTE);
      await runBookingLifecycle(db, clock, context);
      clock.set('2026-06-02T07:30:00Z'); // after the slot's start (09:00 Amsterdam), before Mollie's own expiry
      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      assert.equal((await bookingRow(db, booking.id)).status, 'expired');
      assert.equal((await listRefunds(db, booking.id)).length, 1);
    });

    test('a payment beside a bank transfer for the same balance: the excess goes back, both sides told', async () => {
      const activity = await paidActivity({ mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14 });
      const slot = await makeSlot(db, clock, activity, { capacity: 10, date: '2026-07-15' });
      const booking = await bookPaid(slot.id);
      const deposit = await checkout(booking.id);
      mollie.standIn.setStatus(deposit.providerId, 'paid');
      await mollie.standIn.callWebhook(deposit.providerId);
      const balance = await checkout(booking.id);
      // Meanwhile the organiser also transferred the balance; staff record it.
      const stamp = clock.now().toISOString();
      await db.transaction().execute((trx) =>
        insertPayment(trx, {
          ...balance.row,
          id: newId(),
          method: 'bank',
          provider_id: null,
          checkout_url: null,
          status: 'paid',
          created_at: stamp,
          updated_at: stamp,
          paid_at: stamp,
        }),
      );
      mollie.standIn.setStatus(balance.providerId, 'paid');
      await mollie.standIn.callWebhook(balance.providerId);
      await mollie.standIn.callWebhook(balance.providerId);
      const refunds = await listRefunds(db, booking.id);
      assert.deepEqual(
        refunds.map((r) => [r.payment_id, r.amount_cents]),
        [[balance.row.id, 3500]],
      );
      assert.equal(mollie.standIn.refunds().filter((r) => r.paymentId === balance.providerId).length, 1, 'sent to Mollie');
      assert.equal(await mailsOfKind(db, booking.id, 'payment_refunded_excess'), 1);
      assert.equal(await mailsOfKind(db, booking.id, 'payment_refunded_late'), 0, 'not paid too late');
      const state = await bookingPaymentOf(db, booking.id);
      assert.equal(state.paidCents - state.refundedCents, 5000);
      assert.ok((await bookingRow(db, booking.id)).paid_at, 'paid in full');
    });

    test('a payment short of what is due now: a receipt, and the booking keeps waiting for the rest', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const booking = await bookPaid(slot.id);
      const { providerId } = await checkout(booking.id);
      // The price went up after the checkout started (a larger group).
      await db.updateTable('bookings').set({ total_cents: 8000 }).where('id', '=', booking.id).execute();
      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      assert.equal((await bookingRow(db, booking.id)).status, 'awaiting_payment');
      assert.equal(await mailsOfKind(db, booking.id, 'payment_received'), 1);
      assert.equal(await mailsOfKind(db, booking.id, 'staff_booking_changed'), 0, 'the venue is not told it is paid');
      assert.equal((await bookingPaymentOf(db, booking.id)).dueNowCents, 3000);
      const rest = await checkout(booking.id);
      assert.equal(rest.row.amount_cents, 3000);
      mollie.standIn.setStatus(rest.providerId, 'paid');
      await mollie.standIn.callWebhook(rest.providerId);
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed');
    });

    test('an option to be paid online awaits payment once confirmed, with a fresh window', async () => {
      const activity = await paidActivity();
      const slot = await makeSlot(db, clock, activity, { capacity: 10, date: '2026-07-15' });
      const option = await bookPaid(slot.id, { option: true });
      assert.equal(option.status, 'option');
      assert.equal((await bookingRow(db, option.id)).pay_by, 'online');
      await assert.rejects(startCheckout(db, clock, context, option.id, returnUrl), refusedWith('nothing_due'));
      clock.advance(60 * MINUTE);
      assert.equal(await confirmOption(db, clock, option), true);
      const row = await bookingRow(db, option.id);
      assert.equal(row.status, 'awaiting_payment');
      assert.equal(row.payment_expires_at, '2026-06-01T09:30:00.000Z');
      assert.equal(await mailsOfKind(db, option.id, 'payment_due'), 1);
      assert.equal((await bookingPaymentOf(db, option.id)).dueNowCents, 5000);
    });

    test('staff booking for a caller keep their status and pay at the venue unless they choose otherwise', async () => {
      const slot = await makeSlot(db, clock, await paidActivity(), { capacity: 10 });
      const placing = { by: { by: 'staff', ...TEST_ADMIN_ACTOR }, action: 'booking.booked_by_phone', status: 'confirmed' } as const;
      const input = bookingInput(slot.id, { groupSize: 2 });
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, context, input, placing);
      assert.equal(booking.status, 'confirmed');
      assert.equal((await bookingRow(db, booking.id)).pay_by, 'venue');
      const online = await createBooking(db, clock, TEST_LINK_KEY, context, { ...input, payBy: 'online' }, placing);
      assert.equal(online.booking.status, 'awaiting_payment');
    });

    test('on invoice where the activity allows it: confirmed, due after the term, billing kept', async () => {
      const slot = await makeSlot(db, clock, await paidActivity({ invoiceAllowed: true, invoiceTermDays: 30 }), { capacity: 10 });
      const billing = {
        organisation: 'Basisschool De Linde',
        address: 'Lindelaan 1, Utrecht',
        reference: 'PO-1',
        vatId: null,
        country: null,
      };
      const input = { ...bookingInput(slot.id, { groupSize: 2 }), payBy: 'invoice' as const, billing };
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, context, input);
      assert.equal(booking.status, 'confirmed');
      const row = await bookingRow(db, booking.id);
      assert.deepEqual(
        [row.pay_by, row.balance_due_on, row.billing_organisation, row.billing_reference, row.billing_vat_id],
        ['invoice', '2026-07-01', 'Basisschool De Linde', 'PO-1', null],
      );
      assert.equal((await bookingPaymentOf(db, booking.id)).status, 'invoice');
      assert.deepEqual(JSON.parse(row.refund_policy), [
        { hoursBefore: 336, percent: 100 },
        { hoursBefore: 48, percent: 50 },
      ]);
    });

    test('a deposit: its part now, the balance later through the same checkout', async () => {
      const activity = await paidActivity({ mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14 });
      const slot = await makeSlot(db, clock, activity, { capacity: 10, date: '2026-07-15' });
      const booking = await bookPaid(slot.id);
      assert.equal((await bookingRow(db, booking.id)).balance_due_on, '2026-07-01');
      const deposit = await checkout(booking.id);
      assert.equal(deposit.row.amount_cents, 1500);
      mollie.standIn.setStatus(deposit.providerId, 'paid');
      await mollie.standIn.callWebhook(deposit.providerId);
      assert.equal((await bookingRow(db, booking.id)).status, 'confirmed');
      assert.equal((await bookingPaymentOf(db, booking.id)).status, 'partly_paid');
      const balance = await checkout(booking.id);
      assert.equal(balance.row.amount_cents, 3500);
      mollie.standIn.setStatus(balance.providerId, 'paid');
      await mollie.standIn.callWebhook(balance.providerId);
      assert.equal((await bookingPaymentOf(db, booking.id)).status, 'paid');
      assert.equal(await mailsOfKind(db, booking.id, 'payment_received'), 2);
    });
  });
}
