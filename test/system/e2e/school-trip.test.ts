import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { missingRequirement } from '../../tools.js';
import {
  assertFits,
  checkPage,
  chromiumAvailable,
  CHROMIUM,
  launchChromium,
  priceRowNames,
  shownCents,
  watchedContext,
} from './browser.js';
import { type Platform, startPlatform } from './server.js';

/** The demo's school cruise: pupils, accompanying adults (one free per eight pupils), a packed lunch to add. */
const ACTIVITY = '/activities/schoolrondvaart';

const LANGUAGES = [
  {
    lang: 'nl',
    locale: 'nl-NL',
    confirmed: 'Uw boeking is bevestigd',
    lines: ['Leerling', 'Begeleider (gratis)', 'Lesmateriaal', 'Lunchpakket', 'Korting WELKOM10', 'Korting WELKOM10'],
  },
  {
    lang: 'en',
    locale: 'en-GB',
    confirmed: 'Your booking is confirmed',
    lines: ['Pupil', 'Accompanying adult (free)', 'Lesson materials', 'Packed lunch', 'Discount WELKOM10', 'Discount WELKOM10'],
  },
] as const;

/** 24 pupils at 9.50 and 3 adults (all free): 228.00; materials 25.00 at 21 %; lunch 27 × 5.95 = 160.65; 10 % off each rate. */
const TOTAL_CENTS = 24 * 950 + 2500 + 27 * 595 - (Math.round((24 * 950 + 27 * 595) / 10) + Math.round(2500 / 10));

/** The price table fits its column: its region (which scrolls a table too wide) has nothing to scroll. */
async function assertPriceFits(page: Page, where: string): Promise<void> {
  const region = page.locator('section.table-scroll:has(> [data-testid="price-breakdown"])');
  const [scrollWidth, clientWidth] = await region.evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(scrollWidth! <= clientWidth!, `${where}: the price table is ${scrollWidth} px wide in ${clientWidth} px`);
}

if (!chromiumAvailable()) {
  missingRequirement(`Chromium at ${CHROMIUM}`, 'apt-get install chromium');
} else {
  describe('a school trip in a real browser without JavaScript: pupils, free teachers, lunch and a discount code', () => {
    let platform: Platform;
    let browser: Browser;
    before(async () => {
      [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
    });
    after(async () => {
      await browser?.close();
      await platform?.close();
    });

    for (const [index, language] of LANGUAGES.entries()) {
      test(`in ${language.lang === 'nl' ? 'Dutch' : 'English'}, at a phone's width and a desktop's`, async () => {
        const watched = await watchedContext(browser, platform.url, { locale: language.locale, javaScriptEnabled: false });
        const page = await watched.context.newPage();
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${platform.url}${ACTIVITY}`);
        await checkPage(watched, page, { cookies: [], screenshot: `school-trip-${language.lang}-activity` });
        // Each language books a slot of its own.
        await page.locator('a.button[href^="/book/"]').nth(index).click();
        await page.locator('[data-testid="party-fields"]').waitFor();
        await page.fill('input[name="party.pupil"]', '24');
        await page.fill('input[name="party.adult"]', '3');
        await page.locator('[data-testid="extras"] input[type="checkbox"]').check();
        await page.fill('#discountCode', ' welkom10 ');
        await page.fill('#name', 'Juf Ans de Vries');
        await page.fill('#email', `juf.${language.lang}@example.nl`);
        await page.fill('#phone', '030 1234567');
        await page.check('#acceptTerms');
        await checkPage(watched, page, { cookies: [], screenshot: `school-trip-${language.lang}-form` });
        await page.locator('form[action^="/book/"] button[type="submit"]').click();

        await page.locator('[data-testid="review-confirm"]').waitFor();
        assert.deepEqual(await priceRowNames(page), [...language.lines]);
        assert.equal(shownCents(await page.textContent('[data-testid="price-total"]')), TOTAL_CENTS);
        await checkPage(watched, page, { cookies: [], screenshot: `school-trip-${language.lang}-review` });
        await assertPriceFits(page, 'the review at 390 px');
        await page.setViewportSize({ width: 1280, height: 900 });
        await assertFits(page, 'the review at 1280 px');

        await page.locator('button[name="action"][value="confirm"]').click();
        await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
        assert.equal(await page.textContent('h1'), language.confirmed);
        assert.deepEqual(await priceRowNames(page), [...language.lines]);
        assert.equal(shownCents(await page.textContent('[data-testid="price-total"]')), TOTAL_CENTS);
        assert.equal(await page.inputValue('[data-testid="group-size-form"] input[name="party.adult"]'), '3');
        await page.setViewportSize({ width: 390, height: 844 });
        await checkPage(watched, page, { cookies: [], screenshot: `school-trip-${language.lang}-manage` });
        await assertPriceFits(page, 'the manage page at 390 px');
        await watched.context.close();
      });
    }
  });
}
