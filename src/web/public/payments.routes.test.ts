import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { buildPayingTestApp } from '../../../test/paying-app.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import type { TestMollie } from '../../../test/mollie/payments.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import type { Activity } from '../../core/catalog/activity.js';
import type { Slot } from '../../core/availability/slot.js';
import { bookingCreatedJson, manageBookingJson } from './api.schemas.js';
import { translator } from '../i18n/i18n.js';

const t_nl = translator('nl');

const BASE = '2026-06-01T08:00:00Z';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PAID_IN_FULL = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;

interface Booked {
  reference: string;
  token: string;
  manage: string;
  totalCents: number;
}

for (const dialect of testDialects()) {
  describe(`paying online from the public pages (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let activity: Activity;
    let slot: Slot;

    before(async () => {
      ({ t, mollie } = await buildPayingTestApp(dialect, BASE));
      activity = await makeActivity(t.database.db, t.clock, { payment: PAID_IN_FULL, minGroupSize: 2, maxGroupSize: 20 });
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20', time: '10:00', capacity: 200 });
    });
    after(async () => {
      await t?.close();
      await mollie?.close();
    });

    /** A booking paying online; an organiser address of its own keeps the address's booking limit out of the way. */
    async function bookPaid(groupSize = 4, email?: string): Promise<Booked & { created: ReturnType<typeof bookingCreatedJson.parse> }> {
      const payload = bookingRequest(slot.id, { groupSize, ...(email && { email }) });
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload });
      assert.equal(res.statusCode, 201, res.body);
      const created = bookingCreatedJson.parse(res.json());
      const manage = new URL(created.manageUrl).pathname;
      return { created, reference: created.reference, token: manage.split('/').pop()!, manage, totalCents: created.price.totalCents };
    }

    /** Opens the pay link: a 303 to the stand-in's checkout; the Mollie payment's id and the return page's path. */
    async function pay(booked: Booked): Promise<{ providerId: string; returnPath: string }> {
      const res = await t.app.inject(`${booked.manage}/pay`);
      assert.equal(res.statusCode, 303, res.body);
      assertSecurityHeaders(res.headers, 'pay link');
      const location = String(res.headers.location);
      assert.ok(location.startsWith(`${mollie.standIn.checkoutOrigin}/checkout/tr_`), location);
      const providerId = location.split('/').pop()!;
      const payment = mollie.standIn.payment(providerId)!;
      assert.equal(payment.amountCents, booked.totalCents);
      const back = new URL(payment.redirectUrl);
      assert.equal(back.origin, TEST_PUBLIC_URL);
      assert.match(back.pathname, new RegExp(`^${booked.manage}/payments/[A-Za-z0-9_-]+$`));
      return { providerId, returnPath: back.pathname };
    }

    async function page(path: string) {
      const res = await t.app.inject(path);
      assertSecurityHeaders(res.headers, path);
      assert.equal(res.headers['set-cookie'], undefined, `${path} sets no cookie`);
      return { res, html: parseHtml(res.body) };
    }

    const outcomeOf = (html: ReturnType<typeof parseHtml>) =>
      html.querySelector('[data-testid="payment-outcome"]')?.getAttribute('data-outcome');
    const statusOf = (html: ReturnType<typeof parseHtml>) => html.querySelector('[data-testid="booking-status"]')?.textContent;

    async function webhook(payload: string, headers: Record<string, string> = FORM) {
      const res = await t.app.inject({ method: 'POST', url: '/payments/webhook', headers, payload });
      assertSecurityHeaders(res.headers, 'webhook');
      assert.equal(res.headers['set-cookie'], undefined, 'the webhook sets no cookie');
      return res;
    }

    async function confirmations(reference: string): Promise<number> {
      const rows = await t.database.db.selectFrom('activity_log').select('action').where('target', '=', reference).execute();
      return rows.filter((row) => row.action === 'booking.confirmed' || row.action === 'booking.paid').length;
    }

    test('the API answers what is due now and a platform URL that starts the checkout', async () => {
      const booked = await bookPaid(4);
      assert.equal(booked.created.status, 'awaiting_payment');
      assert.ok(booked.created.payment);
      assert.equal(booked.created.payment.status, 'due');
      assert.equal(booked.created.payment.amountCents, booked.totalCents);
      assert.equal(booked.created.payment.url, `${TEST_PUBLIC_URL}${booked.manage}/pay`);
      assert.ok(new Date(booked.created.payment.expiresAt) > t.clock.now());
      const before = manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${booked.token}`)).json());
      assert.deepEqual(
        [before.status, before.payment.status, before.payment.paidCents, before.payment.dueCents, before.payment.url],
        ['awaiting_payment', 'due', 0, booked.totalCents, booked.created.payment.url],
      );
      const { providerId } = await pay(booked);
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      const paid = manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${booked.token}`)).json());
      assert.deepEqual(
        [paid.status, paid.payment.status, paid.payment.paidCents, paid.payment.dueCents, paid.payment.refundedCents, paid.payment.url],
        ['confirmed', 'paid', booked.totalCents, 0, 0, null],
      );
    });

    test('awaiting payment, the participant list reads as opening once paid, not as closed', async () => {
      const booked = await bookPaid(4, 'deelnemers@example.nl');
      const stateText = (html: ReturnType<typeof parseHtml>) => html.querySelector('[data-testid="participants-state"]')?.textContent;
      const before = (await page(booked.manage)).html;
      assert.equal(stateText(before), t_nl('participants.opens_when_paid'));
      const { providerId } = await pay(booked);
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.notEqual(stateText((await page(booked.manage)).html), t_nl('participants.opens_when_paid'));
    });

    test('the booking form goes to the manage page with a pay button to the pay link, never straight to Mollie', async () => {
      const form = await t.app.inject(`/book/${slot.id}?groupSize=3`);
      const key = parseHtml(form.body).querySelector('input[name="submissionKey"]')?.getAttribute('value') ?? '';
      const fields = {
        ...(bookingRequest(slot.id, { groupSize: '3' }) as Record<string, string>),
        acceptTerms: 'yes',
        submissionKey: key,
        action: 'confirm',
      };
      const review = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { ...FORM, origin: TEST_PUBLIC_URL },
        payload: urlencoded({ ...fields, action: 'review' }),
      });
      assert.equal(review.statusCode, 200, review.body);
      const confirm = parseHtml(review.body).querySelector('[data-testid="review-confirm"]');
      assert.equal(confirm?.textContent.trim(), 'Boeken en naar betalen', 'a payment follows: the button says so');
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { ...FORM, origin: TEST_PUBLIC_URL },
        payload: urlencoded(fields),
      });
      assert.equal(res.statusCode, 303, res.body);
      const location = String(res.headers.location);
      assert.match(location, /^\/b\/[A-Za-z0-9_-]{43}\?created=1$/, 'a redirect after a form post stays on the site (CSP form-action)');
      const { html } = await page(location);
      const button = html.querySelector('[data-testid="pay-button"]');
      assert.equal(button?.getAttribute('href'), `${location.split('?')[0]}/pay`);
      assert.ok(html.querySelector('[data-testid="pay-deadline"]'), 'the window is shown');
      assert.equal(statusOf(html), 'Wacht op betaling');
      // The call to pay comes first, right after the intro (on a phone: without scrolling), and once.
      const order = html.querySelectorAll('[data-testid]').map((element) => element.getAttribute('data-testid'));
      assert.deepEqual(order.slice(0, 2), ['pay-now-intro', 'pay']);
      assert.equal(html.querySelectorAll('[data-testid="pay-button"]').length, 1);
    });

    test('a part-paid deposit: the pay button for the balance comes first, and once', async () => {
      const depositActivity = await makeActivity(t.database.db, t.clock, {
        payment: { ...PAID_IN_FULL, mode: 'deposit' },
        minGroupSize: 2,
        maxGroupSize: 20,
      });
      const depositSlot = await makeSlot(t.database.db, t.clock, depositActivity, { date: '2026-07-01', time: '10:00', capacity: 200 });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(depositSlot.id, { groupSize: 4, email: 'aanbetaling@example.nl' }),
      });
      assert.equal(res.statusCode, 201, res.body);
      const manage = new URL(bookingCreatedJson.parse(res.json()).manageUrl).pathname;
      const deposit = String((await t.app.inject(`${manage}/pay`)).headers.location)
        .split('/')
        .pop()!;
      mollie.standIn.setStatus(deposit, 'paid');
      assert.equal(await mollie.standIn.callWebhook(deposit), 200);
      const { html } = await page(manage);
      assert.equal(html.querySelector('[data-testid="payment-section"]')?.getAttribute('data-status'), 'partly_paid');
      const order = html.querySelectorAll('[data-testid]').map((element) => element.getAttribute('data-testid'));
      assert.equal(order[0], 'pay', `the pay call first: ${order.slice(0, 3).join(', ')}`);
      assert.equal(html.querySelectorAll('[data-testid="pay-button"]').length, 1);
      assert.equal(html.querySelector('[data-testid="pay-button"]')?.getAttribute('href'), `${manage}/pay`);
    });

    test('return page before the webhook: asks Mollie, shows paid and confirmed; the webhook after changes nothing', async () => {
      const booked = await bookPaid();
      const { providerId, returnPath } = await pay(booked);
      mollie.standIn.setStatus(providerId, 'paid');
      const { res, html } = await page(returnPath);
      assert.equal(res.statusCode, 200);
      assert.equal(outcomeOf(html), 'paid');
      assert.equal(statusOf(html), 'Bevestigd');
      assert.equal(html.querySelector('meta[http-equiv="refresh"]'), null);
      const first = await confirmations(booked.reference);
      assert.equal(first, 1);
      for (let i = 0; i < 2; i += 1) {
        const res = await webhook(urlencoded({ id: providerId }));
        assert.deepEqual([res.statusCode, res.body], [200, '']);
      }
      assert.equal(await confirmations(booked.reference), first, 'confirmed once');
    });

    test('webhook first, twice: the return page then shows paid without asking Mollie', async () => {
      const booked = await bookPaid();
      const { providerId, returnPath } = await pay(booked);
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      const asked = mollie.standIn.requests.filter((r) => r.method === 'GET' && r.path.endsWith(providerId)).length;
      const { html } = await page(returnPath);
      assert.equal(outcomeOf(html), 'paid');
      assert.equal(statusOf(html), 'Bevestigd');
      assert.equal(mollie.standIn.requests.filter((r) => r.method === 'GET' && r.path.endsWith(providerId)).length, asked);
      assert.equal(await confirmations(booked.reference), 1);
    });

    test('failed, then again: the return page offers to try again until the window ends; the second payment confirms', async () => {
      const booked = await bookPaid();
      const first = await pay(booked);
      mollie.standIn.setStatus(first.providerId, 'failed');
      const { html } = await page(first.returnPath);
      assert.equal(outcomeOf(html), 'failed');
      assert.equal(html.querySelector('[data-testid="pay-again"]')?.getAttribute('href'), `${booked.manage}/pay`);
      assert.match(html.querySelector('[data-testid="payment-outcome"]')?.textContent ?? '', /2026/);
      assert.equal(statusOf(html), 'Wacht op betaling');
      const second = await pay(booked);
      assert.notEqual(second.providerId, first.providerId);
      mollie.standIn.setStatus(second.providerId, 'paid', 'creditcard');
      assert.equal(await mollie.standIn.callWebhook(second.providerId), 200);
      const back = await page(second.returnPath);
      assert.equal(outcomeOf(back.html), 'paid');
      assert.equal(statusOf(back.html), 'Bevestigd');
      // The first, failed payment's page tells the truth about it still.
      assert.equal(outcomeOf((await page(first.returnPath)).html), 'failed');
    });

    test('cancelled or expired at Mollie: the return page says which, not "failed", and offers to try again', async () => {
      const booked = await bookPaid();
      const cancelled = await pay(booked);
      mollie.standIn.setStatus(cancelled.providerId, 'canceled');
      const { html } = await page(cancelled.returnPath);
      assert.equal(outcomeOf(html), 'cancelled');
      assert.match(
        html.querySelector('[data-testid="payment-outcome"]')!.textContent,
        /^U heeft de betaling afgebroken; er is niets afgeschreven\.U kunt het opnieuw proberen tot .*2026/,
      );
      assert.equal(html.querySelector('[data-testid="pay-again"]')?.getAttribute('href'), `${booked.manage}/pay`);
      const english = await t.app.inject({ url: cancelled.returnPath, headers: { 'accept-language': 'en' } });
      assert.match(
        parseHtml(english.body).querySelector('[data-testid="payment-outcome"]')!.textContent,
        /^You cancelled the payment; nothing was charged\./,
      );

      const expired = await pay(booked);
      mollie.standIn.setStatus(expired.providerId, 'expired');
      const back = (await page(expired.returnPath)).html;
      assert.equal(outcomeOf(back), 'expired');
      assert.match(back.querySelector('[data-testid="payment-outcome"]')!.textContent, /^De betaling is verlopen voordat u die afrondde/);
      assert.equal(back.querySelector('[data-testid="pay-again"]')?.getAttribute('href'), `${booked.manage}/pay`);
    });

    test('an open payment: waiting for the bank, with a link that checks again and no automatic refresh', async () => {
      const booked = await bookPaid();
      const { returnPath } = await pay(booked);
      const { html } = await page(returnPath);
      assert.equal(outcomeOf(html), 'waiting');
      assert.equal(html.querySelector('meta[http-equiv="refresh"]'), null, 'no timed refresh (WCAG 2.2.1)');
      assert.equal(html.querySelector('[data-testid="payment-outcome"] a')?.getAttribute('href'), returnPath);
    });

    test("another booking's payment, or none, is not found on a booking's return page", async () => {
      const one = await bookPaid();
      const other = await bookPaid();
      const { returnPath } = await pay(one);
      const paymentId = returnPath.split('/').pop()!;
      for (const path of [
        `${other.manage}/payments/${paymentId}`,
        `${one.manage}/payments/nope`,
        `${one.manage}/payments/${'x'.repeat(26)}`,
      ]) {
        const { res } = await page(path);
        assert.equal(res.statusCode, 404, path);
      }
    });

    test('the webhook: 200 and nothing else for an unknown id, 400 without detail for a malformed body', async () => {
      const unknown = await webhook(urlencoded({ id: 'tr_Unknown1234' }));
      assert.deepEqual([unknown.statusCode, unknown.body], [200, '']);
      for (const payload of ['', 'id=', 'id=re_abc', 'id=tr_%00', 'nothing=here', `id=tr_${'a'.repeat(100)}`]) {
        const res = await webhook(payload);
        assert.equal(res.statusCode, 400, payload);
        assert.ok(!res.body.includes('tr_') && !res.body.includes('re_abc'), `nothing of what was sent: ${payload}`);
      }
      const json = await webhook(JSON.stringify({ id: 'tr_abc' }), { 'content-type': 'application/json' });
      assert.equal(json.statusCode, 400);
    });

    test("the webhook's limit: unknown ids from one address get 429 with Retry-After past 300; calls for known payments are never refused", async () => {
      const booked = await bookPaid();
      const { providerId } = await pay(booked);
      const from = (remoteAddress: string, id: string) =>
        t.app.inject({ method: 'POST', url: '/payments/webhook', headers: FORM, payload: urlencoded({ id }), remoteAddress });
      for (let i = 0; i < 299; i++) assert.equal((await from('198.51.100.7', `tr_Guess${i}`)).statusCode, 200, `guess ${i}`);
      // Calls for a payment Groupz knows, from the same address, amid them: they do not count.
      for (let i = 0; i < 30; i++) assert.equal((await from('198.51.100.7', providerId)).statusCode, 200, `known call ${i}`);
      assert.equal((await from('198.51.100.7', 'tr_Guess299')).statusCode, 200, 'the 300th unknown id');
      const refused = await from('198.51.100.7', 'tr_Guess300');
      assert.deepEqual([refused.statusCode, refused.body], [429, '']);
      assert.equal(refused.headers['retry-after'], '1');
      assertSecurityHeaders(refused.headers, 'throttled webhook');
      assert.equal((await from('198.51.100.7', providerId)).statusCode, 200, 'a known payment is settled all the same');
      assert.equal((await from('192.0.2.10', 'tr_Guess300')).statusCode, 200, 'another address is not held up');
      t.clock.advance(1000);
      assert.equal((await from('198.51.100.7', 'tr_Guess301')).statusCode, 200, 'after the wait');
    });

    test('Mollie unreachable: the pay link says so (503) with a try-again link; the webhook answers 503 so Mollie calls again', async () => {
      const booked = await bookPaid();
      mollie.standIn.failNext(5, { retryAfterSeconds: 0 });
      const { res, html } = await page(`${booked.manage}/pay`);
      assert.equal(res.statusCode, 503);
      assert.equal(html.querySelector('[data-testid="pay-again"]')?.getAttribute('href'), `${booked.manage}/pay`);
      const { providerId } = await pay(booked);
      mollie.standIn.setStatus(providerId, 'paid');
      mollie.standIn.failNext(5, { retryAfterSeconds: 0 });
      const refused = await webhook(urlencoded({ id: providerId }));
      assert.deepEqual([refused.statusCode, refused.body], [503, '']);
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      const state = manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${booked.token}`)).json());
      assert.deepEqual([state.status, state.payment.status], ['confirmed', 'paid']);
    });

    test('a checkout URL that may not be redirected to: the pay link says payment is unavailable (503), never a 500', async () => {
      const booked = await bookPaid();
      const { providerId } = await pay(booked);
      await t.database.db
        .updateTable('payments')
        .set({ checkout_url: 'http://evil.example/checkout/x' })
        .where('provider_id', '=', providerId)
        .execute();
      const { res, html } = await page(`${booked.manage}/pay`);
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers.location, undefined);
      assert.equal(html.querySelector('[data-testid="pay-again"]')?.getAttribute('href'), `${booked.manage}/pay`);
    });

    test('the webhook for a payment whose venue has no usable key any more: 200, nothing changes', async () => {
      const booked = await bookPaid();
      const { providerId } = await pay(booked);
      mollie.standIn.setStatus(providerId, 'paid');
      const settings = mollie.settings as { platformKey: string | null };
      const key = settings.platformKey;
      settings.platformKey = null;
      try {
        const res = await webhook(urlencoded({ id: providerId }));
        assert.deepEqual([res.statusCode, res.body], [200, '']);
      } finally {
        settings.platformKey = key;
      }
      const state = manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${booked.token}`)).json());
      assert.equal(state.status, 'awaiting_payment');
    });

    test('a paid booking: the pay link goes back to the booking with a notice', async () => {
      const booked = await bookPaid();
      const { providerId } = await pay(booked);
      mollie.standIn.setStatus(providerId, 'paid');
      await mollie.standIn.callWebhook(providerId);
      const res = await t.app.inject(`${booked.manage}/pay`);
      assert.deepEqual([res.statusCode, res.headers.location], [303, `${booked.manage}?done=nothing_due`]);
      const { html } = await page(String(res.headers.location));
      assert.ok(html.querySelector('[data-testid="notice"]'));
      assert.equal(html.querySelector('[data-testid="payment-section"]')?.getAttribute('data-status'), 'paid');
      assert.equal(html.querySelector('[data-testid="pay-button"]'), null);
    });
  });
}
