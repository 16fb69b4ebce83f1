import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, bookingRequest, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import { payAtMollie, placeUnderPolicy } from '../../../test/paid-bookings.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { RefundPolicy } from '../../core/catalog/refund-policy.js';
import { activityListJson, bookingCreatedJson, manageBookingJson, validationErrorJson } from './api.schemas.js';

/** 100 % until 14 days before, 50 % until 48 hours before, nothing after. */
const POLICY: RefundPolicy = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];
const DEPOSIT = { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 21 } as const;
const FULL = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;

for (const dialect of testDialects()) {
  describe(`the API's payment terms and cancellation policy (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let deposit: Activity;
    let full: Activity;
    let depositSlot: Slot;
    let fullSlot: Slot;

    before(async () => {
      mollie = await startMollie();
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments: mollie.settings });
      const { db } = t.database;
      deposit = await makeActivityWithRules(db, t.clock, { cancelUntilHours: 0 }, { payment: DEPOSIT, refundPolicy: POLICY });
      full = await makeActivityWithRules(db, t.clock, { cancelUntilHours: 24 }, { payment: FULL, refundPolicy: POLICY });
      await db.updateTable('venues').set({ po_required: 1 }).where('id', '=', deposit.venue.id).execute();
      // The visits on 12 June at 10:00, 11 days ahead: the 50 % tier.
      depositSlot = await makeSlot(db, t.clock, deposit, { date: '2026-06-12', time: '10:00', capacity: 100 });
      fullSlot = await makeSlot(db, t.clock, full, { date: '2026-06-12', time: '10:00', capacity: 100 });
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    const post = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: payload as object, headers: { 'accept-language': 'en' } });

    test('GET /activities gives each activity its payment terms and cancellation policy', async () => {
      const { activities } = activityListJson.parse((await t.app.inject('/api/v1/activities')).json());
      const byId = new Map(activities.map((a) => [a.id, a]));
      assert.deepEqual(byId.get(deposit.id)?.payment, {
        mode: 'deposit',
        depositPercent: 30,
        balanceDaysBefore: 14,
        invoiceAllowed: true,
        invoiceTermDays: 21,
      });
      assert.deepEqual(byId.get(full.id)?.payment, {
        mode: 'full',
        depositPercent: null,
        balanceDaysBefore: null,
        invoiceAllowed: false,
        invoiceTermDays: null,
      });
      assert.deepEqual(byId.get(deposit.id)?.refundPolicy, POLICY);
    });

    test('without any Mollie key an activity paid online is listed as paid at the venue, as it would be booked', async () => {
      const keyless = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      try {
        await makeActivityWithRules(keyless.database.db, keyless.clock, {}, { payment: FULL, refundPolicy: POLICY });
        const { activities } = activityListJson.parse((await keyless.app.inject('/api/v1/activities')).json());
        assert.deepEqual(
          activities.map((a) => a.payment.mode),
          ['venue'],
        );
      } finally {
        await keyless.close();
      }
    });

    test('GET /manage/{token} gives the policy the booking was placed under and what cancelling now refunds', async () => {
      // Placed confirmed (as with no key) and then paid in full online: what the checkout leaves.
      const { booking, manageToken: token } = await book(t.database.db, t.clock, fullSlot, { groupSize: 4 }, t.linkKey);
      const bookingId = booking.id;
      await placeUnderPolicy(t.database.db, bookingId, POLICY);
      await payAtMollie(t.database.db, t.clock, mollie, bookingId, 5000);
      const manage = async () => manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${token}`)).json());
      assert.deepEqual((await manage()).cancellation, { policy: POLICY, cancelNow: { refundPercent: 50, refundCents: 2500 } });
      t.clock.set('2026-05-28T08:00:00Z'); // 15 days ahead: the 100 % tier
      try {
        assert.deepEqual((await manage()).cancellation.cancelNow, { refundPercent: 100, refundCents: 5000 });
        // Past the activity's cancellation deadline (24 hours before): the organiser can no longer cancel.
        t.clock.set('2026-06-11T09:00:00Z');
        assert.deepEqual((await manage()).cancellation, { policy: POLICY, cancelNow: null });
      } finally {
        t.clock.set('2026-06-01T08:00:00Z');
      }
    });

    test("POST /bookings on invoice: refused at payBy where the activity does not allow it, and without the venue's required reference", async () => {
      const billing = { organisation: 'Basisschool De Linde', address: 'Lindelaan 1\n3500 AA Utrecht' };
      const notAllowed = await post(bookingRequest(fullSlot.id, { payBy: 'invoice', billing }));
      assert.equal(notAllowed.statusCode, 422, notAllowed.body);
      assert.deepEqual(validationErrorJson.parse(notAllowed.json()).errors, [
        { field: 'payBy', code: 'invoice_not_allowed', message: 'This activity cannot be paid on invoice.' },
      ]);
      const noReference = await post(bookingRequest(depositSlot.id, { payBy: 'invoice', billing }));
      assert.equal(noReference.statusCode, 422, noReference.body);
      assert.deepEqual(
        validationErrorJson.parse(noReference.json()).errors.map((e) => [e.field, e.code]),
        [['billing.reference', 'required']],
      );
      const placed = await post(bookingRequest(depositSlot.id, { payBy: 'invoice', billing: { ...billing, reference: 'PO-42' } }));
      assert.equal(placed.statusCode, 201, placed.body);
      assert.equal(bookingCreatedJson.parse(placed.json()).payment, null, 'an invoice asks nothing online now');
      const count = await t.database.db.selectFrom('bookings').select('reference').where('billing_reference', '=', 'PO-42').execute();
      assert.equal(count.length, 1);
    });
  });
}
