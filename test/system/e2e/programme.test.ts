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

/** The demo's programme: the private boat's canal tour, then lunch in the harbour restaurant (groups of 6 to 12). */
const PROGRAMME = '/activities/dagje-op-het-water';
/** The stand-alone tour on the same boat, at 11:00 and 15:00 from Wednesday to Saturday. */
const TOUR = '/activities/privesloep-met-gids';

/** Each language books a day of its own (Wednesday, Thursday) at a width of its own, and looks at the other at the end. */
const LANGUAGES = [
  {
    lang: 'nl',
    locale: 'nl-NL',
    weekday: 3,
    width: 390,
    confirmed: 'Uw boeking is bevestigd',
    lines: ['Sloep met schipper en gids', 'Lunch', 'Reservering havenrestaurant'],
    parts: ['Privérondvaart met gids', 'Lunch in het havenrestaurant'],
  },
  {
    lang: 'en',
    locale: 'en-GB',
    weekday: 4,
    width: 1280,
    confirmed: 'Your booking is confirmed',
    lines: ['Boat with skipper and guide', 'Lunch', 'Harbour restaurant reservation'],
    parts: ['Private canal tour with a guide', 'Lunch in the harbour restaurant'],
  },
] as const;

const GROUP = 8;
/** The boat for the group, lunch for eight at 9 % and the restaurant's reservation at 21 %. */
const TOTAL_CENTS = 34500 + GROUP * 2250 + 5000;

/** The first date with this ISO weekday at least three days ahead (the programme closes 48 hours before). */
function nextWeekday(weekday: number): string {
  const day = new Date(Date.now() + 3 * 24 * 3600 * 1000);
  while ((day.getUTCDay() || 7) !== weekday) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

if (!chromiumAvailable()) {
  missingRequirement(`Chromium at ${CHROMIUM}`, 'apt-get install chromium');
} else {
  describe("a programme on a shared boat in a real browser without JavaScript: the demo's day on the water", () => {
    let platform: Platform;
    let browser: Browser;
    before(async () => {
      [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
    });
    after(async () => {
      await browser?.close();
      await platform?.close();
    });

    const texts = (page: Page, selector: string) =>
      page.locator(selector).evaluateAll((els) => els.map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));
    /** The programme at 10:30, as the confirmation's timeline shows it: each part at its time, on what it uses. */
    const timeline = ([tour, lunch]: readonly string[]) => [
      `10:30–12:00 ${tour} · Sloep De Zwaan`,
      `12:15–13:30 ${lunch} · Havenrestaurant`,
    ];
    const otherWidth = (width: number) => (width === 390 ? 1280 : 390);

    for (const language of LANGUAGES) {
      test(`in ${language.lang === 'nl' ? 'Dutch' : 'English'} at ${language.width} px: its parts shown, booked to the confirmation, and the boat's tour then is gone`, async () => {
        const date = nextWeekday(language.weekday);
        const watched = await watchedContext(browser, platform.url, { locale: language.locale, javaScriptEnabled: false });
        const page = await watched.context.newPage();
        await page.setViewportSize({ width: language.width, height: 900 });
        const shot = (name: string) => ({ cookies: [], screenshot: `programme-${language.lang}-${name}` });

        // Before: the stand-alone tour at 11:00 that day can be booked. (Without a group size: catalogue pages
        // may be kept a minute, so the page after booking, with one, is another URL the browser has not kept.)
        await page.goto(`${platform.url}${TOUR}?date=${date}`);
        assert.equal(await page.locator('[data-testid="slot"]').first().locator('a.button[href^="/book/"]').count(), 1);

        await page.goto(`${platform.url}${PROGRAMME}?date=${date}&groupSize=${GROUP}`);
        await checkPage(watched, page, shot('activity'));
        const [tour, lunch] = language.parts;
        // The parts, from the start and where; the tour links to the stand-alone tour it is.
        assert.deepEqual(await texts(page, '[data-testid="programme-part"]'), [
          `0:00–1:30 ${tour} (Sloep De Zwaan) · ${tour}`,
          `1:45–3:00 ${lunch} (Havenrestaurant)`,
        ]);
        assert.equal(await page.locator('[data-testid="programme-part"] a').getAttribute('href'), TOUR);
        const first = page.locator('[data-testid="slot"]').first();
        assert.match((await first.locator('.time').textContent()) ?? '', /^10:30/);
        assert.equal(await first.locator('[data-testid="part-starts"]').textContent(), `${tour} 10:30 · ${lunch} 12:15`);
        await first.locator('a.button[href^="/book/"]').click();
        assert.equal(await page.inputValue('#groupSize'), String(GROUP), 'the group size chosen is carried to the form');
        await page.fill('#name', 'Bram Visser');
        await page.fill('#email', `bram.${language.lang}@example.nl`);
        await page.fill('#phone', '020 1234567');
        await page.check('#acceptTerms');
        await checkPage(watched, page, shot('form'));
        await page.locator('form[action^="/book/"] button[type="submit"]').click();

        await page.locator('[data-testid="review-confirm"]').waitFor();
        assert.deepEqual(await priceRowNames(page), [...language.lines]);
        assert.equal(shownCents(await page.textContent('[data-testid="price-total"]')), TOTAL_CENTS);
        assert.deepEqual(await texts(page, '[data-testid="programme-timeline"] li'), timeline(language.parts));
        await checkPage(watched, page, shot('review'));
        await page.setViewportSize({ width: otherWidth(language.width), height: 900 });
        await assertFits(page, `the review at ${otherWidth(language.width)} px`);
        await page.setViewportSize({ width: language.width, height: 900 });

        await page.locator('button[name="action"][value="confirm"]').click();
        await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
        assert.equal(await page.textContent('h1'), language.confirmed);
        assert.match((await page.textContent('[data-testid="booking-reference"]')) ?? '', /^GZ-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
        assert.deepEqual(await priceRowNames(page), [...language.lines]);
        assert.equal(shownCents(await page.textContent('[data-testid="price-total"]')), TOTAL_CENTS);
        assert.deepEqual(await texts(page, '[data-testid="programme-timeline"] li'), timeline(language.parts));
        await checkPage(watched, page, shot('confirmation'));
        const manage = new URL(page.url()).pathname;
        assert.equal(
          await platform.manageLinkMailedTo(`bram.${language.lang}@example.nl`),
          manage,
          'the mailed manage link is the confirmation',
        );

        // After: the programme's tour holds the boat 10:30-12:00 and moors until 12:15; the tour at 11:00 is
        // offered no more, the one at 15:00 still is.
        await page.goto(`${platform.url}${TOUR}?date=${date}&groupSize=${GROUP}`);
        const [eleven, three] = [0, 1].map((n) => page.locator('[data-testid="slot"]').nth(n));
        assert.match((await eleven!.locator('.time').textContent()) ?? '', /^11:00/);
        assert.equal(await eleven!.locator('a.button').count(), 0, 'the tour at 11:00 cannot be booked');
        assert.match((await three!.locator('.time').textContent()) ?? '', /^15:00/);
        assert.equal(await three!.locator('a.button[href^="/book/"]').count(), 1, 'the tour at 15:00 can');
        await checkPage(watched, page, shot('tour-after'));
        await watched.context.close();
      });
    }
  });
}
