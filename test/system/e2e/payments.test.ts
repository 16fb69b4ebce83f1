import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Sqlite from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { startMollieStandIn, type MollieStandIn } from '../../mollie/stand-in.js';
import { TEST_MOLLIE_KEY } from '../../mollie/payments.js';
import { missingRequirement } from '../../tools.js';
import { checkPage, chromiumAvailable, CHROMIUM, launchChromium, watchedContext } from './browser.js';
import { type Platform, startPlatform } from './server.js';

/** The demo activity this journey books, switched to "paid in full online" in this platform's database. */
const ACTIVITY = 'klimclinic-groepen';
/** A phone's screen (an iPhone 14's CSS pixels). */
const PHONE = { width: 390, height: 844 };

/** A mail's text with its base64 parts decoded too (nodemailer picks base64 or quoted-printable per part). */
function readable(mail: string): string {
  const decoded = [...mail.matchAll(/Content-Transfer-Encoding: base64\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/gi)].map((m) =>
    Buffer.from(m[1]!.replace(/\s/g, ''), 'base64').toString('utf8'),
  );
  return [mail.replace(/=\r?\n/g, ''), ...decoded].join('\n');
}

/** The mails written to the platform's mail folder for `to`, as text. */
function mailsTo(platform: Platform, to: string): string[] {
  const dir = join(platform.dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => readable(readFileSync(join(dir, name), 'utf8')))
    .filter((text) => new RegExp(`^To: .*${to}`, 'mi').test(text));
}

/** Fills the booking form's organiser and sends it to the review. */
async function fillBookingForm(page: Page, email: string): Promise<void> {
  await page.fill('#name', 'Piet Betaal');
  await page.fill('#email', email);
  await page.fill('#phone', '030 1234567');
  await page.check('#acceptTerms');
  await page.locator('form[action^="/book/"] button[type="submit"]').click();
}

/** At the stand-in's checkout: pays by iDEAL and waits for the way back to the manage page. */
async function payByIdeal(page: Page, checkoutOrigin: string, back: string): Promise<void> {
  await page.waitForURL(`${checkoutOrigin}/checkout/*`);
  await page.check('input[name="method"][value="ideal"]');
  await page.locator('button[name="status"][value="paid"]').click();
  await page.waitForURL(new RegExp(`^${back}/payments/`));
}

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

if (!chromiumAvailable()) {
  missingRequirement(`Chromium at ${CHROMIUM}`, 'apt-get install chromium');
} else {
  describe('paying when booking, in a real browser (Chromium) with the Mollie stand-in', () => {
    let platform: Platform;
    let browser: Browser;
    let mollie: MollieStandIn;
    before(async () => {
      // The checkout calls the webhook before sending the browser back, as Mollie does.
      mollie = await startMollieStandIn({ keys: [TEST_MOLLIE_KEY], webhooks: 'send' });
      [platform, browser] = await Promise.all([startPlatform({ mollie: { standIn: mollie, key: TEST_MOLLIE_KEY } }), launchChromium()]);
      const db = new Sqlite(join(platform.dataDir, 'groupz.sqlite'));
      try {
        const changed = db
          .prepare("update activities set payment_mode = 'full', deposit_percent = 100, invoice_allowed = 0 where slug = ?")
          .run(ACTIVITY).changes;
        assert.equal(changed, 1, `the demo has ${ACTIVITY}`);
      } finally {
        db.close();
      }
    });
    after(async () => {
      await browser?.close();
      await platform?.close();
      await mollie?.close();
    });

    test('book, pay by iDEAL at the checkout, back on the confirmation, and the mail', async () => {
      const watched = await watchedContext(browser, platform.url, { locale: 'nl-NL', notGroupz: [mollie.checkoutOrigin] });
      const page = await watched.context.newPage();
      const email = 'betaler@example.nl';
      await page.goto(`${platform.url}/activities/${ACTIVITY}?groupSize=10`);
      await checkPage(watched, page, { cookies: [] });
      await page.locator('a.button[href^="/book/"]').first().click();
      await checkPage(watched, page, { cookies: [] });
      assert.ok(await page.locator('[data-testid="payment-plan"]').count(), 'the form says what is paid when');
      await fillBookingForm(page, email);
      await checkPage(watched, page, { cookies: [], screenshot: 'nl-payment-review' });
      assert.ok(await page.locator('[data-testid="payment-plan"]').count(), 'the review says what is paid when');
      await page.locator('button[name="action"][value="confirm"]').click();
      // The form post is answered on the site (CSP form-action 'self'): the manage page with the pay button.
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
      await checkPage(watched, page, { cookies: [], screenshot: 'nl-payment-pay-now' });
      const manage = new URL(page.url()).pathname;
      const reference = (await page.textContent('[data-testid="booking-reference"]'))?.trim() ?? '';
      assert.equal(await page.getAttribute('[data-testid="pay-button"]', 'href'), `${manage}/pay`);
      // On a phone the pay button is in the first screen, without scrolling.
      await page.setViewportSize(PHONE);
      await page.evaluate(() => window.scrollTo(0, 0));
      const box = await page.locator('[data-testid="pay-button"]').boundingBox();
      assert.ok(
        box && box.y >= 0 && box.y + box.height <= PHONE.height,
        `the pay button within the first 390x844 screen: ${JSON.stringify(box)}`,
      );
      await checkPage(watched, page, { cookies: [], screenshot: 'nl-payment-pay-now-phone' });
      await page.setViewportSize({ width: 1024, height: 800 });

      await page.locator('[data-testid="pay-button"]').click();
      await page.waitForURL(`${mollie.checkoutOrigin}/checkout/*`);
      assert.match((await page.textContent('body')) ?? '', new RegExp(reference));
      await payByIdeal(page, mollie.checkoutOrigin, `${platform.url}${manage}`);
      assert.equal(await page.getAttribute('[data-testid="payment-outcome"]', 'data-outcome'), 'paid');
      assert.equal(await page.textContent('h1'), 'Uw boeking is bevestigd');
      assert.equal(await page.textContent('[data-testid="booking-status"]'), 'Bevestigd');
      assert.equal(await page.getAttribute('[data-testid="payment-section"]', 'data-status'), 'paid');
      await checkPage(watched, page, { cookies: [], screenshot: 'nl-payment-confirmed' });
      assert.ok(
        mollie.webhookCalls.some((call) => call.status === 200),
        'the webhook was called and answered',
      );

      // The confirmation mail arrives, after the one that asked to pay.
      const subject = (text: string, pattern: string) => new RegExp(`^Subject: ${pattern}`, 'm').test(text);
      const [asking] = await waitFor('the mail asking to pay and the confirmation', () => {
        const found = mailsTo(platform, email);
        const first = found.find((text) => subject(text, `Betaal om boeking ${reference} te bevestigen`));
        const paid = found.find((text) => subject(text, `Betaling ontvangen voor boeking ${reference}`));
        return first && paid ? [first, paid] : undefined;
      });
      // It links to the booking's page, whose button pays (whether it also links to /pay is the mail's own affair).
      assert.ok(asking.includes(`${platform.url}${manage}`), 'the first mail links to the booking');
      await watched.context.close();
    });

    test('a part-paid deposit: on a phone the pay button for the balance is in the first screen, and the only one', async () => {
      const db = new Sqlite(join(platform.dataDir, 'groupz.sqlite'));
      try {
        db.prepare("update activities set payment_mode = 'deposit', deposit_percent = 30, balance_days_before = 0 where slug = ?").run(
          ACTIVITY,
        );
      } finally {
        db.close();
      }
      const watched = await watchedContext(browser, platform.url, { locale: 'nl-NL', notGroupz: [mollie.checkoutOrigin] });
      const page = await watched.context.newPage();
      await page.goto(`${platform.url}/activities/${ACTIVITY}?groupSize=10`);
      await page.locator('a.button[href^="/book/"]').first().click();
      await fillBookingForm(page, 'aanbetaler@example.nl');
      await page.locator('button[name="action"][value="confirm"]').click();
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
      const manage = new URL(page.url()).pathname;
      await page.locator('[data-testid="pay-button"]').click();
      await payByIdeal(page, mollie.checkoutOrigin, `${platform.url}${manage}`);
      await page.setViewportSize(PHONE);
      await page.goto(`${platform.url}${manage}`);
      assert.equal(await page.getAttribute('[data-testid="payment-section"]', 'data-status'), 'partly_paid');
      assert.equal(await page.locator('[data-testid="pay-button"]').count(), 1);
      const box = await page.locator('[data-testid="pay-button"]').boundingBox();
      assert.ok(
        box && box.y >= 0 && box.y + box.height <= PHONE.height,
        `the balance's pay button within the first 390x844 screen: ${JSON.stringify(box)}`,
      );
      await checkPage(watched, page, { cookies: [], screenshot: 'nl-payment-balance-phone' });
      await watched.context.close();
    });

    for (const [lang, locale, javaScriptEnabled, width] of [
      ['nl', 'nl-NL', false, PHONE.width],
      ['en', 'en-GB', true, 1280],
    ] as const) {
      test(`a gift voucher bought online and spent on a booking (${lang}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}, ${width} px)`, async () => {
        const watched = await watchedContext(browser, platform.url, { locale, javaScriptEnabled, notGroupz: [mollie.checkoutOrigin] });
        const page = await watched.context.newPage();
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`${platform.url}/activities/${ACTIVITY}`);
        await page.locator('[data-testid="voucher-link"]').click();
        await checkPage(watched, page, { cookies: [], screenshot: `${lang}-voucher-sale` });
        await page.check('#amount-5000');
        await page.fill('#buyerName', 'Kim Koper');
        const email = `koper.${lang}@example.nl`;
        await page.fill('#buyerEmail', email);
        await page.check('#acceptTerms');
        await page.locator('#voucher-form button[type="submit"]').click();
        // The post is answered on the site (CSP form-action 'self'); its pay link goes on to the checkout.
        await page.locator('[data-testid="voucher-pay"]').waitFor();
        await checkPage(watched, page, { cookies: [], screenshot: `${lang}-voucher-pay` });
        const sale = new URL(page.url()).pathname;
        await page.locator('[data-testid="voucher-pay"]').click();
        await page.waitForURL(`${mollie.checkoutOrigin}/checkout/*`);
        await page.check('input[name="method"][value="ideal"]');
        await page.locator('button[name="status"][value="paid"]').click();
        await page.waitForURL(`${platform.url}${sale}`);
        await page.locator('[data-testid="voucher-sale-paid"]').waitFor();
        await checkPage(watched, page, { cookies: [], screenshot: `${lang}-voucher-paid` });

        const mail = await waitFor('the voucher mail', () => mailsTo(platform, email)[0]);
        const code = /[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}/.exec(mail)?.[0];
        assert.ok(code, 'the mail holds the code');
        await page.goto(`${platform.url}/activities/${ACTIVITY}?groupSize=10`);
        await page.locator('a.button[href^="/book/"]').first().click();
        await page.fill('#voucherCode', code.toLowerCase());
        await fillBookingForm(page, `boeker.${lang}@example.nl`);
        await page.locator('[data-testid="payment-plan-voucher"]').waitFor();
        assert.match((await page.textContent('[data-testid="payment-plan-voucher"]')) ?? '', /50[,.]00/);
        await checkPage(watched, page, { cookies: [], screenshot: `${lang}-voucher-review` });
        await watched.context.close();
      });
    }

    for (const javaScriptEnabled of [true, false]) {
      test(`a form refused with "on invoice" chosen says on invoice above it (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
        const db = new Sqlite(join(platform.dataDir, 'groupz.sqlite'));
        try {
          db.prepare('update activities set invoice_allowed = 1 where slug = ?').run(ACTIVITY);
        } finally {
          db.close();
        }
        const watched = await watchedContext(browser, platform.url, { locale: 'nl-NL', javaScriptEnabled });
        const page = await watched.context.newPage();
        await page.goto(`${platform.url}/activities/${ACTIVITY}?groupSize=10`);
        await page.locator('a.button[href^="/book/"]').first().click();
        assert.equal(await page.getAttribute('[data-testid="payment-plan"]', 'data-pay-by'), 'online');
        await page.check('#payBy-invoice');
        await page.fill('#billing\\.organisation', 'OBS De Linde');
        await page.fill('#billing\\.address', 'Dorpsstraat 1');
        await page.check('#acceptTerms');
        await page.locator('form[action^="/book/"] button[type="submit"]').click();
        await page.waitForSelector('[data-testid="error-name"]');
        assert.equal(await page.getAttribute('[data-testid="payment-plan"]', 'data-pay-by'), 'invoice');
        assert.match((await page.textContent('[data-testid="payment-plan"]')) ?? '', /U betaalt op factuur/);
        assert.equal(await page.isChecked('#payBy-invoice'), true);
        await watched.context.close();
      });
    }
  });
}
