import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import type { TestMollie } from '../../../test/mollie/payments.js';
import { buildPayingTestApp } from '../../../test/paying-app.js';
import { assertSecurityHeaders } from '../../../test/security-headers.js';
import type { Activity } from '../../core/catalog/activity.js';

const BASE = '2026-06-01T08:00:00Z';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const GOOD = {
  amount: '5000',
  otherAmount: '',
  buyerName: 'Kim Koper',
  buyerEmail: 'koper@example.nl',
  recipientName: 'Sam',
  message: 'Veel plezier!',
  acceptTerms: 'yes',
};

/** A response as every public answer must be: the security headers, and no cookie. */
function assertPlain(res: { headers: Record<string, unknown> }, what: string): void {
  assertSecurityHeaders(res.headers, what);
  assert.equal(res.headers['set-cookie'], undefined, `${what}: no cookie`);
}

for (const dialect of testDialects()) {
  describe(`buying a gift voucher on the public pages (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let activity: Activity;
    let page: string;

    before(async () => {
      ({ t, mollie } = await buildPayingTestApp(dialect, BASE));
      activity = await makeActivity(t.database.db, t.clock);
      page = `/venues/${activity.venue.slug}/vouchers`;
    });
    after(async () => {
      await t?.close();
      await mollie?.close();
    });

    const post = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: page, headers: { ...FORM, origin: TEST_PUBLIC_URL, ...headers }, payload: urlencoded(fields) });

    test('the venue page links to the voucher page, which shows the form and how long a voucher is valid', async () => {
      const activityPage = parseHtml((await t.app.inject(`/activities/${activity.slug}`)).body);
      assert.equal(activityPage.querySelector('[data-testid="voucher-link"]')?.getAttribute('href'), page);
      const res = await t.app.inject({ url: page, headers: { 'accept-language': 'nl' } });
      assert.equal(res.statusCode, 200);
      assertPlain(res, 'voucher page');
      const html = parseHtml(res.body);
      assert.match(html.querySelector('[data-testid="voucher-validity"]')?.text ?? '', /1 juni 2028: 24 maanden/);
      const form = html.querySelector('form#voucher-form')!;
      assert.equal(form.getAttribute('action'), page);
      assert.equal(form.querySelectorAll('input[name="amount"][type="radio"]').length, 5);
      assert.ok(html.querySelector('[data-testid="voucher-vat"]'));
      assert.equal(html.querySelectorAll('script:not([src])').length, 0);
    });

    test('bad input: every field error translated, everything typed kept, never a 500', async () => {
      const res = await post(
        { ...GOOD, amount: 'other', otherAmount: '2,50', buyerEmail: 'geen-adres', acceptTerms: '', message: 'x'.repeat(501) },
        { 'accept-language': 'en' },
      );
      assert.equal(res.statusCode, 422);
      assertPlain(res, 'refused form');
      const html = parseHtml(res.body);
      assert.match(html.querySelector('[data-testid="error-otherAmount"]')?.text ?? '', /from €5\.00 to €1,000\.00/);
      assert.ok(html.querySelector('[data-testid="error-buyerEmail"]'));
      assert.ok(html.querySelector('[data-testid="error-message"]'));
      assert.match(html.querySelector('[data-testid="error-acceptTerms"]')?.text ?? '', /Accept the terms/);
      const kept = formFields(html.querySelector('form#voucher-form')!);
      assert.equal(kept.buyerName, 'Kim Koper');
      assert.equal(kept.buyerEmail, 'geen-adres');
      assert.equal(kept.otherAmount, '2,50');
      assert.equal(kept.amount, 'other');
      for (const fields of [{ ...GOOD, amount: '1234' }, { ...GOOD, amount: '' }, { ...GOOD, amount: 'other', otherAmount: 'veel' }, {}]) {
        assert.equal((await post(fields)).statusCode, 422, JSON.stringify(fields));
      }
      // An amount below zero or of many digits is out of the range, not badly typed.
      for (const otherAmount of ['-5,00', '99999999']) {
        const outside = parseHtml((await post({ ...GOOD, amount: 'other', otherAmount }, { 'accept-language': 'en' })).body);
        assert.match(outside.querySelector('[data-testid="error-otherAmount"]')?.text ?? '', /from €5\.00 to €1,000\.00/, otherAmount);
        assert.equal(formFields(outside.querySelector('form#voucher-form')!).otherAmount, otherAmount);
      }
      assert.equal(mollie.standIn.payments().length, 0);
    });

    test('a post from another site is refused before anything is made', async () => {
      for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }]) {
        const res = await post(GOOD, headers);
        assert.equal(res.statusCode, 403);
        assertPlain(res, 'cross-site post');
      }
      assert.equal(mollie.standIn.payments().length, 0);
    });

    /**
     * A sale's post leads to its own page (never off the site: CSP's form-action 'self' holds for the
     * redirects a post leads to), whose pay link goes on to the checkout; Mollie's payment id.
     */
    async function viaPayLink(res: Awaited<ReturnType<typeof post>>): Promise<string> {
      assert.equal(res.statusCode, 303, res.body);
      assertPlain(res, 'to the sale page');
      const salePath = String(res.headers.location);
      assert.match(salePath, /^\/vouchers\/sales\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+$/);
      const page = await t.app.inject(salePath);
      assert.equal(page.statusCode, 200);
      const link = parseHtml(page.body).querySelector('[data-testid="voucher-pay"]')?.getAttribute('href');
      assert.equal(link, `${salePath}/pay`);
      const pay = await t.app.inject(link!);
      assert.equal(pay.statusCode, 303);
      assertPlain(pay, 'to checkout');
      return String(pay.headers.location).split('/').pop()!;
    }

    test('a sale goes to the checkout; the return page says paid once the webhook told, and a wrong token finds nothing', async () => {
      const providerId = await viaPayLink(await post(GOOD));
      const payment = mollie.standIn.payment(providerId)!;
      assert.equal(payment.amountCents, 5_000);
      const back = new URL(payment.redirectUrl);
      assert.equal(back.origin, TEST_PUBLIC_URL);

      const waiting = await t.app.inject(back.pathname);
      assert.equal(waiting.statusCode, 200);
      assertPlain(waiting, 'return page');
      assert.ok(parseHtml(waiting.body).querySelector('[data-testid="voucher-sale-waiting"]'));

      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);
      const paid = await t.app.inject({ url: back.pathname, headers: { 'accept-language': 'en' } });
      assert.match(parseHtml(paid.body).querySelector('[data-testid="voucher-sale-paid"]')?.text ?? '', /koper@example\.nl/);

      const wrong = await t.app.inject(`${back.pathname.slice(0, -1)}${back.pathname.endsWith('x') ? 'y' : 'x'}`);
      assert.equal(wrong.statusCode, 404);
      assertPlain(wrong, 'wrong token');
    });

    test('a payment that failed says so and offers to try again', async () => {
      // Typed without picking "another amount" (nothing picks it without JavaScript): the amount typed.
      const providerId = await viaPayLink(await post({ ...GOOD, amount: '', otherAmount: '12,50', buyerEmail: 'ander@example.nl' }));
      assert.equal(mollie.standIn.payment(providerId)?.amountCents, 1_250);
      mollie.standIn.setStatus(providerId, 'canceled');
      const back = new URL(mollie.standIn.payment(providerId)!.redirectUrl);
      const html = parseHtml((await t.app.inject(back.pathname)).body);
      assert.equal(html.querySelector('[data-testid="voucher-try-again"]')?.getAttribute('href'), page);
      assert.equal(html.querySelector('[data-testid="voucher-pay"]'), null, 'nothing left to pay');
      const pay = await t.app.inject(`${back.pathname}/pay`);
      assert.equal(pay.headers.location, back.pathname, 'the pay link of a sale no longer open leads back to its page');
    });

    test('an unknown venue is a 404 page with the headers', async () => {
      const res = await t.app.inject('/venues/nergens/vouchers');
      assert.equal(res.statusCode, 404);
      assertPlain(res, 'unknown venue');
    });
  });

  describe(`a venue without online payments (${dialect.name})`, () => {
    let t: TestApp;
    let activity: Activity;

    before(async () => {
      t = await buildTestApp(dialect, BASE);
      activity = await makeActivity(t.database.db, t.clock);
    });
    after(() => t?.close());

    test('the page says vouchers are sold at the venue, and a post made anyway is refused without a 500', async () => {
      const url = `/venues/${activity.venue.slug}/vouchers`;
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, 200);
      assertPlain(res, 'at the venue');
      const html = parseHtml(res.body);
      assert.ok(html.querySelector('[data-testid="voucher-at-venue"]'));
      assert.equal(html.querySelector('form#voucher-form'), null);
      const posted = await t.app.inject({ method: 'POST', url, headers: FORM, payload: urlencoded(GOOD) });
      assert.equal(posted.statusCode, 409);
      assertPlain(posted, 'post at the venue');
    });
  });
}
