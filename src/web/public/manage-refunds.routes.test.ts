import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml } from '../../../test/html.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import { payAtMollie, paymentContextOf, placeUnderPolicy, refundsAtMollie } from '../../../test/paid-bookings.js';
import { postForm } from '../../../test/staff.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { refundBooking, sendPendingRefunds } from '../../core/booking-flows/refund.service.js';

const POLICY = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];

for (const dialect of testDialects()) {
  describe(`the cancellation policy and refunds for the organiser (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let activity: Activity;
    let slot: Slot;

    before(async () => {
      mollie = await startMollie();
      // 2026-06-01 10:00 in Amsterdam; the visit on 12 June at 10:00, 11 days ahead: the 50 % tier.
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { payments: mollie.settings });
      activity = await makeActivityWithRules(
        t.database.db,
        t.clock,
        { cancelUntilHours: 0 },
        {
          payment: { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 },
          refundPolicy: POLICY,
        },
      );
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-12', time: '10:00', capacity: 100 });
    });
    after(async () => {
      await t.close();
      await mollie.close();
    });

    async function paidBooking(groupSize: number, on = slot) {
      const { booking, manageToken } = await book(t.database.db, t.clock, on, { groupSize }, t.linkKey);
      await placeUnderPolicy(t.database.db, booking.id, POLICY);
      const providerId = await payAtMollie(t.database.db, t.clock, mollie, booking.id, groupSize * 1250);
      return { path: `/b/${manageToken}`, providerId, bookingId: booking.id };
    }
    const html = async (url: string) => parseHtml((await t.app.inject({ url })).body);

    test("the activity's page states its policy before booking, in days before the visit", async () => {
      const page = await html(`/activities/${activity.slug}`);
      assert.equal(
        page.querySelector('[data-testid="refund-policy"]')!.textContent,
        'Kosteloos annuleren tot 14 dagen voor het bezoek; 50% terug tot 2 dagen voor het bezoek; daarna geen terugbetaling.',
      );
    });

    test('the manage page and the cancel page state the policy from now on and what cancelling now gives back; cancelling refunds it', async () => {
      const { path, providerId } = await paidBooking(4);
      const manage = await html(path);
      // The free tier ended on 29 May: left out; the 50 % tier applies now.
      assert.match(
        manage.querySelector('[data-testid="refund-policy"]')!.textContent,
        /^Nu: 50% terug tot .*10 jun 2026 om 10:00; daarna geen terugbetaling\.$/,
      );
      assert.equal(manage.querySelector('[data-testid="refund-now"]')!.getAttribute('data-cents'), '2500');
      assert.equal(
        manage.querySelector('[data-testid="refund-now"]')!.textContent.replace(/\s/g, ' '),
        'Annuleert u nu, dan krijgt u € 25,00 terug (50% volgens de annuleringsvoorwaarden).',
      );
      const english = parseHtml((await t.app.inject({ url: path, headers: { 'accept-language': 'en' } })).body);
      assert.match(english.querySelector('[data-testid="refund-policy"]')!.textContent, /^Now: 50% back until .*; no refund after that\.$/);
      assert.match(
        english.querySelector('[data-testid="refund-now"]')!.textContent,
        /^If you cancel now, you get €\s?25\.00 back \(50% under the cancellation terms\)\.$/,
      );
      const confirm = await html(`${path}/cancel`);
      assert.match(confirm.querySelector('[data-testid="refund-policy"]')!.textContent, /^Nu: 50% terug tot /);
      assert.match(confirm.querySelector('[data-testid="refund-now"]')!.textContent, /krijgt u €\s?25,00 terug \(50% volgens/);

      const cancelled = await postForm(t, `${path}/cancel`, {});
      assert.equal(cancelled.statusCode, 303);
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((r) => r.amountCents),
        [2500],
      );
      const after = await html(path);
      assert.equal(after.querySelector('[data-testid="refund-now"]'), null, 'nothing more to cancel');
      assert.equal(after.querySelector('[data-testid="refund-policy"]'), null, 'no tier promised any more');
      assert.match(after.querySelector('[data-testid="refund-list"]')!.textContent, /€\s?25,00 op .*: annulering, in behandeling/);
      // Not yet paid out by Mollie: under way, not refunded; once Mollie has paid it out: refunded.
      const status = (page: ReturnType<typeof parseHtml>) => page.querySelector('[data-testid="payment-status"]')!.textContent;
      assert.equal(status(after), 'Terugbetaling onderweg');
      assert.match(after.querySelector('[data-testid="payment-refund-pending"]')!.textContent, /€\s?25,00/);
      const englishAfter = await t.app.inject({ url: path, headers: { 'accept-language': 'en' } });
      assert.equal(status(parseHtml(englishAfter.body)), 'Refund under way');
      mollie.standIn.settleRefund(refundsAtMollie(mollie, [providerId])[0]!.id, 'refunded');
      await sendPendingRefunds(t.database.db, t.clock, paymentContextOf(mollie));
      const done = await html(path);
      assert.equal(status(done), 'Terugbetaald');
      assert.equal(done.querySelector('[data-testid="payment-refund-pending"]'), null);
    });

    test('every refund deadline passed: the manage page says nothing comes back now, and lists no past tier', async () => {
      const tomorrow = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-02', time: '10:00', capacity: 100 });
      const { path } = await paidBooking(4, tomorrow);
      const page = await html(path);
      assert.equal(
        page.querySelector('[data-testid="refund-policy"]')!.textContent,
        'De termijnen voor terugbetaling zijn verstreken: annuleert u nu, dan krijgt u niets terug.',
      );
      assert.match(
        page.querySelector('[data-testid="refund-now"]')!.textContent,
        /^Annuleert u nu, dan krijgt u niets terug van de €\s?50,00 die u betaalde\.$/,
      );
    });

    test('a smaller group: the form first shows the new price and the refund; only the confirm changes it', async () => {
      const { path, providerId } = await paidBooking(8);
      const form = (await html(path)).querySelector('[data-testid="group-size-form"]')!;
      assert.equal(form.getAttribute('action'), `${path}/group-size/preview`);
      const preview = await postForm(t, form.getAttribute('action')!, { ...formFields(form), groupSize: '6' });
      assert.equal(preview.statusCode, 200);
      const shown = parseHtml(preview.body);
      const text = (id: string) => shown.querySelector(`[data-testid="${id}"]`)!.textContent.replace(/\s/g, ' ');
      assert.equal(text('group-size-change'), 'Groep van 8 naar 6 personen; de nieuwe prijs is € 75,00.');
      // 2 places (EUR 25) given up at 50 %: EUR 12.50 back, EUR 12.50 kept.
      assert.equal(text('group-size-refund'), 'U krijgt € 12,50 terug (50% volgens de annuleringsvoorwaarden).');
      assert.equal(text('group-size-fee'), 'De aanbieder rekent € 12,50 annuleringskosten voor de plaatsen die u opgeeft (50%).');
      assert.equal(shown.querySelector('[data-testid="group-size-back"]')!.getAttribute('href'), path);
      assert.deepEqual(refundsAtMollie(mollie, [providerId]), [], 'nothing changed yet');
      assert.equal((await html(path)).querySelector('#groupSize')!.getAttribute('value'), '8');
      const english = parseHtml(
        (
          await t.app.inject({
            method: 'POST',
            url: `${path}/group-size/preview`,
            headers: { origin: t.publicUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
            payload: 'groupSize=6',
          })
        ).body,
      );
      assert.match(
        english.querySelector('[data-testid="group-size-refund"]')!.textContent,
        /^You get €\s?12\.50 back \(50% under the cancellation terms\)\.$/,
      );

      const confirm = shown.querySelector('[data-testid="group-size-confirm"]')!;
      const changed = await postForm(t, confirm.getAttribute('action')!, formFields(confirm));
      assert.equal(changed.statusCode, 303);
      // 2 places (EUR 25) cancelled at 50 %: EUR 12.50 back.
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((r) => r.amountCents),
        [1250],
      );
      const page = await html(path);
      assert.match(page.querySelector('[data-testid="refund-list"]')!.textContent, /€\s?12,50 op .*: kleinere groep/);
      // The fee is part of what the booking owes, beside its price of EUR 75: paid for in full.
      assert.match(page.querySelector('[data-testid="payment-adjustment"]')!.textContent, /^€\s?12,50$/);
      assert.match(page.querySelector('[data-testid="payment-due"]')!.textContent, /^€\s?0,00$/);
      // Cancelling now: the venue keeps the EUR 12.50 fee and half of the EUR 75 left; EUR 37.50 of the
      // EUR 87.50 paid goes back (50 % of the original EUR 100 in all), on the page and when cancelling.
      assert.equal(page.querySelector('[data-testid="refund-now"]')!.getAttribute('data-cents'), '3750');
      assert.equal((await postForm(t, `${path}/cancel`, {})).statusCode, 303);
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((r) => r.amountCents),
        [1250, 3750],
      );
    });

    test('a smaller group paid at the venue: the page shows the fee kept and what is still to pay, in both languages', async () => {
      const atVenue = await makeActivityWithRules(t.database.db, t.clock, { cancelUntilHours: 0 }, { refundPolicy: POLICY });
      const on = await makeSlot(t.database.db, t.clock, atVenue, { date: '2026-06-12', time: '10:00', capacity: 100 });
      const { booking, manageToken } = await book(t.database.db, t.clock, on, { groupSize: 8 }, t.linkKey);
      await placeUnderPolicy(t.database.db, booking.id, POLICY);
      const path = `/b/${manageToken}`;
      const before = await html(path);
      assert.equal(before.querySelector('[data-testid="payment-adjustment"]'), null, 'no fee before any change');
      const preview = parseHtml((await postForm(t, `${path}/group-size/preview`, { groupSize: '6' })).body);
      const confirm = preview.querySelector('[data-testid="group-size-confirm"]')!;
      assert.equal((await postForm(t, confirm.getAttribute('action')!, formFields(confirm))).statusCode, 303);
      // 2 places of EUR 12.50 given up at 50 %: EUR 12.50 kept; the price is EUR 75, EUR 87.50 in all.
      const nl = await html(path);
      const text = (page: typeof nl, id: string) => page.querySelector(`[data-testid="${id}"]`)?.textContent.replace(/\s/g, ' ');
      assert.equal(text(nl, 'price-total'), '€ 75,00');
      assert.equal(text(nl, 'payment-adjustment'), '€ 12,50');
      assert.equal(text(nl, 'payment-due'), '€ 87,50');
      assert.match(nl.querySelector('[data-testid="payment-section"]')!.textContent, /Ingehouden kosten, boven de prijs/);
      const en = parseHtml((await t.app.inject({ url: path, headers: { 'accept-language': 'en' } })).body);
      assert.match(
        en.querySelector('[data-testid="payment-section"]')!.textContent,
        /Fees kept, on top of the price\s*€\s?12\.50\s*Still to pay\s*€\s?87\.50/,
      );
    });

    test('a larger group: the preview says what is paid extra; bad input comes back on the form as typed', async () => {
      const { path } = await paidBooking(8);
      const larger = parseHtml((await postForm(t, `${path}/group-size/preview`, { groupSize: '10' })).body);
      assert.match(larger.querySelector('[data-testid="group-size-extra"]')!.textContent, /^U betaalt €\s?25,00 extra\.$/);
      assert.equal(larger.querySelector('[data-testid="group-size-refund"]'), null);
      for (const [typed, status] of [
        ['tien', 422],
        ['0', 409],
      ] as const) {
        const refused = await postForm(t, `${path}/group-size/preview`, { groupSize: typed });
        assert.equal(refused.statusCode, status, typed);
        const page = parseHtml(refused.body);
        assert.equal(page.querySelector('#groupSize')!.getAttribute('value'), typed);
        assert.ok(page.querySelector('[data-testid="refusal"]'), typed);
      }
    });

    test('a goodwill refund by staff on a booking paid in full: the manage page still shows it paid, nothing to pay', async () => {
      const { path, bookingId } = await paidBooking(4);
      await refundBooking(t.database.db, t.clock, paymentContextOf(mollie), {
        bookingId,
        amountCents: 1000,
        cause: 'staff',
        reason: 'Goodwill',
        by: { by: 'system' },
      });
      const page = await html(path);
      assert.equal(page.querySelector('[data-testid="payment-section"]')!.getAttribute('data-status'), 'paid');
      assert.match(page.querySelector('[data-testid="payment-due"]')!.textContent, /€\s?0,00/);
      assert.match(page.querySelector('[data-testid="payment-refunded"]')!.textContent, /€\s?10,00/);
      assert.equal(page.querySelector('[data-testid="pay-button"]'), null, 'no pay button');
    });
  });
}
