import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import { payAtMollie, placeUnderPolicy, refundRows, refundsAtMollie } from '../../../test/paid-bookings.js';
import { adminGet, adminPost, postForm, type SignedIn } from '../../../test/staff.js';
import { makeTwoVenues, signInMembers } from '../../../test/venues.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { sendPendingRefunds } from '../../core/booking-flows/refund.service.js';
import { paymentContextOf } from '../app-context.js';

const POLICY = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];

for (const dialect of testDialects()) {
  describe(`staff refunds in the back office (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let slot: Slot;
    let home: Activity;
    let manager: SignedIn;
    let viewer: SignedIn;
    let otherManager: SignedIn;

    before(async () => {
      mollie = await startMollie();
      // 2026-06-01 10:00 in Amsterdam; the visit on 20 June: the 100 % tier.
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments: mollie.settings });
      const venues = await makeTwoVenues(t);
      home = venues.home;
      slot = await makeSlot(t.database.db, t.clock, home, { date: '2026-06-20', time: '10:00', capacity: 100 });
      ({ manager, viewer, otherManager } = await signInMembers(t, venues, ['manager', 'viewer', 'otherManager']));
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    /** A booking of 4 (EUR 50) paid in full at Mollie. */
    async function paidBooking(on: Slot = slot): Promise<{ id: string; providerId: string }> {
      const { booking } = await book(t.database.db, t.clock, on, { groupSize: 4 }, t.linkKey);
      await placeUnderPolicy(t.database.db, booking.id, POLICY);
      return { id: booking.id, providerId: await payAtMollie(t.database.db, t.clock, mollie, booking.id, 5000) };
    }

    test('a partial refund, then one too large: refused at the amount, translated, the input kept; history in euros', async () => {
      const { id, providerId } = await paidBooking();
      const page = parseHtml((await adminGet(t, manager, `/admin/bookings/${id}`)).body);
      assert.match(page.querySelector('[data-testid="refund-money"]')!.textContent, /€\s?50,00/);
      assert.ok(page.querySelector('[data-testid="refund-form"]'));

      const done = await adminPost(t, manager, `/admin/bookings/${id}/refund`, { amount: '12,50', reason: 'Regen op de dag' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `/admin/bookings/${id}?done=refunded`);
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((r) => r.amountCents),
        [1250],
      );

      const refused = await adminPost(t, manager, `/admin/bookings/${id}/refund`, { amount: '37.51', reason: 'Nog wat' });
      assert.equal(refused.statusCode, 422);
      const html = parseHtml(refused.body);
      assert.match(html.querySelector('[data-testid="error-refund-amount"]')!.textContent, /niet meer worden terugbetaald/);
      assert.equal(html.querySelector('#refund-amount')!.getAttribute('value'), '37.51');
      assert.equal(html.querySelector('#refund-reason')!.textContent, 'Nog wat');
      assert.equal((await refundRows(t.database.db, id)).length, 1);

      const blank = parseHtml((await adminPost(t, manager, `/admin/bookings/${id}/refund`, { amount: 'tien', reason: '' })).body);
      assert.ok(blank.querySelector('[data-testid="error-refund-amount"]'));
      assert.ok(blank.querySelector('[data-testid="error-refund-reason"]'));

      const after = parseHtml((await adminGet(t, manager, `/admin/bookings/${id}?done=refunded`)).body);
      assert.match(after.querySelector('[data-testid="notice"]')!.textContent, /terugbetaling is aangevraagd/);
      const history = after.querySelector('[data-testid="booking-history"]')!.textContent;
      assert.match(history, /€\s?12,50 terugbetaald \(door de locatie\): Regen op de dag/);
      assert.match(after.querySelector('[data-testid="refund-table"]')!.textContent, /in behandeling/);
      // Goodwill: the booking owes EUR 12.50 less with it, so nothing becomes outstanding.
      assert.equal(after.querySelector('[data-testid="money-adjustment"]')!.getAttribute('data-cents'), '-1250');
      assert.match(after.querySelector('[data-testid="money-outstanding"]')!.textContent, /€\s?0,00/);
    });

    test('a failed refund is shown to staff; the amount can go back again', async () => {
      const { id, providerId } = await paidBooking();
      await adminPost(t, manager, `/admin/bookings/${id}/refund`, { amount: '50', reason: 'Alles' });
      const [refund] = refundsAtMollie(mollie, [providerId]);
      mollie.standIn.settleRefund(refund!.id, 'failed');
      await sendPendingRefunds(
        t.database.db,
        t.clock,
        paymentContextOf({ payments: mollie.settings, auth: t.auth, publicUrl: t.publicUrl }),
      );
      const page = parseHtml((await adminGet(t, manager, `/admin/bookings/${id}`)).body);
      assert.match(page.querySelector('[data-testid="refund-failed"]')!.textContent, /Mislukte terugbetaling: €\s?50,00/);
      assert.ok(page.querySelector('[data-testid="refund-form"]'), 'the amount is refundable again');
    });

    test('staff cancel with the refund they choose: everything paid', async () => {
      // 24 hours before the visit: the policy gives nothing, staff give it all back.
      const tomorrow = await makeSlot(t.database.db, t.clock, home, { date: '2026-06-02', time: '10:00', capacity: 10 });
      const { id, providerId } = await paidBooking(tomorrow);
      const page = parseHtml((await adminGet(t, manager, `/admin/bookings/${id}`)).body);
      const options = page.querySelectorAll('#cancel-refund option').map((o) => o.getAttribute('value'));
      assert.deepEqual(options, ['policy', 'full', 'none']);
      assert.match(page.querySelector('#cancel-refund option[value="policy"]')!.textContent, /€\s?0,00/);
      const cancelled = await adminPost(t, manager, `/admin/bookings/${id}/cancel`, { confirm: 'yes', refund: 'full' });
      assert.equal(cancelled.statusCode, 303);
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((r) => r.amountCents),
        [5000],
      );
    });

    test('a viewer, another venue and a post without the form token refund nothing', async () => {
      const { id } = await paidBooking();
      assert.equal((await adminPost(t, viewer, `/admin/bookings/${id}/refund`, { amount: '1', reason: 'x' })).statusCode, 403);
      assert.equal((await adminPost(t, otherManager, `/admin/bookings/${id}/refund`, { amount: '1', reason: 'x' })).statusCode, 404);
      const noToken = await postForm(t, `/admin/bookings/${id}/refund`, { amount: '1', reason: 'x' }, manager.cookie);
      assert.equal(noToken.statusCode, 403);
      assert.equal((await refundRows(t.database.db, id)).length, 0);
    });
  });
}
