import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { missingRequirement } from '../../tools.js';
import {
  assertAccessible,
  assertFits,
  assertOutlineClear,
  assertPrintable,
  chromiumAvailable,
  CHROMIUM,
  DOC_SCREENSHOTS,
  launchChromium,
  type Watched,
  watchedContext,
} from './browser.js';
import { type Platform, startPlatform } from './server.js';
import { setUpAndSignIn } from './staff-sign-in.js';

/**
 * Every page the suite can reach, public and back office, in Dutch and English, with JavaScript on
 * and off, measured at two phones' widths and a desktop's: no page scrolls sideways, and printed
 * on A4 no public page, nor a back-office page a manager prints, is cut at the right. With
 * JavaScript, axe-core checks each page once (at a phone's width). With GROUPZ_TEST_SCREENSHOTS=1 the
 * English pages named in DOC_PAGES are saved to docs/screenshots/ (desktop and phone).
 */

const ACTIVITY = '/activities/klimclinic-groepen';
const PHONES = [320, 390];
const DESKTOP = 1280;
/** The back office's pages a manager prints: the schedule (a day's too), the bookings list, a booking's page, a person's data. */
const PRINTED_BACK_OFFICE = /^\/admin(?:\/bookings(?:\/[^/]+)?|\/personal-data)?\/?$/;
const DOC_PAGES = new Set(['activities', 'activity', 'booking-refused', 'review', 'manage', 'schedule-day']);

type Lang = 'nl' | 'en';
type Cookies = Awaited<ReturnType<Watched['context']['cookies']>>;

if (!chromiumAvailable()) {
  missingRequirement(`Chromium at ${CHROMIUM}`, 'apt-get install chromium');
} else {
  describe('every page fits a phone (Chromium)', () => {
    let platform: Platform;
    let browser: Browser;
    let signedIn: Cookies | undefined;
    /** The back office's pages, found by the runs with JavaScript, visited again without. */
    let backOfficePaths: string[] = [];
    before(async () => {
      [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
      if (DOC_SCREENSHOTS) mkdirSync(DOC_SCREENSHOTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await platform?.close();
    });

    /**
     * The page as it is now, at each width: it fits, and nothing went wrong on the way (the
     * responses named in `expected`, such as a refused form's 422, excepted). With JavaScript, axe
     * at a phone's width; in the back office, at a desktop's width the main column takes the screen.
     */
    async function measure(watched: Watched, page: Page, name: string, lang: Lang, expected: string[] = []): Promise<void> {
      await page.waitForLoadState();
      const where = `${name} (${lang}, JavaScript ${watched.javaScript ? 'on' : 'off'}) at ${page.url()}`;
      for (const status of expected) {
        const index = watched.problems.findIndex((p) => p.includes(`status of ${status}`));
        assert.ok(index >= 0, `${where} is answered ${status}`);
        watched.problems.splice(index, 1);
      }
      assert.deepEqual(watched.problems, [], `problems on ${where}`);
      const docs = lang === 'en' && watched.javaScript && DOC_PAGES.has(name) ? DOC_SCREENSHOTS : undefined;
      for (const width of PHONES) {
        await page.setViewportSize({ width, height: 844 });
        await assertFits(page, `${where}, ${width} px`);
        await assertOutlineClear(page, `${where}, ${width} px`);
      }
      if (docs) await page.screenshot({ path: `${docs}${name}-phone.png`, fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1400 } });
      if (watched.javaScript) await assertAccessible(page, where);
      await page.setViewportSize({ width: DESKTOP, height: 800 });
      await assertFits(page, `${where}, ${DESKTOP} px`);
      await assertOutlineClear(page, `${where}, ${DESKTOP} px`);
      if (docs)
        await page.screenshot({ path: `${docs}${name}-desktop.png`, fullPage: true, clip: { x: 0, y: 0, width: DESKTOP, height: 1000 } });
      // The organiser's pages are printed (a booking, its price, its data), and the back office's a
      // manager prints: the day's schedule, the bookings list, a booking's page and a person's data.
      const { pathname } = new URL(page.url());
      if (!pathname.startsWith('/admin') || PRINTED_BACK_OFFICE.test(pathname)) await assertPrintable(page, where);
      if (pathname.startsWith('/admin')) {
        const main = await page.locator('main').evaluate((el) => el.getBoundingClientRect().width);
        assert.ok(main >= DESKTOP * 0.95, `${where}: the back office uses the screen's width (main is ${main} px)`);
      }
    }

    /** The language switcher on `path`, which it comes back to. */
    async function chooseLanguage(page: Page, lang: Lang, path = '/'): Promise<void> {
      await page.goto(`${platform.url}${path}`);
      const back = page.waitForResponse((r) => r.url() === `${platform.url}${path}` && r.request().method() === 'GET');
      await page.locator(`button[name="lang"][value="${lang}"]`).click();
      await back;
      await page.waitForLoadState();
      assert.equal(await page.getAttribute('html', 'lang'), lang);
    }

    /** The public pages, from the listing through a booking (refused once) to its manage, cancel and participant pages. */
    async function publicPages(lang: Lang, javaScriptEnabled: boolean, slot: number): Promise<void> {
      const watched = await watchedContext(browser, platform.url, { locale: lang === 'nl' ? 'nl-NL' : 'en-GB', javaScriptEnabled });
      const page = await watched.context.newPage();
      await chooseLanguage(page, lang);
      await measure(watched, page, 'activities', lang);
      await page.goto(`${platform.url}${ACTIVITY}?groupSize=10`);
      await measure(watched, page, 'activity', lang);
      await page.locator('a.button[href^="/book/"]').nth(slot).click();
      await page.waitForURL(/\/book\//);
      await measure(watched, page, 'booking-form', lang);
      await page.fill('#email', 'not-an-address');
      await page.locator('form[action^="/book/"] button[type="submit"]').click();
      await page.locator('#email-error').waitFor();
      await measure(watched, page, 'booking-refused', lang, ['422']);
      await page.fill('#name', 'Juf Anna de Jong-Vermeulen van den Heuvel');
      await page.fill('#email', `juf.annadejong.groep8b.${lang}${slot}@basisschoolderegenboogutrechtoost.example.nl`);
      await page.fill('#phone', '030 1234567');
      await page.fill('#organisation', 'Openbare Basisschool De Regenboog Utrecht-Oost, groepen 7 en 8');
      await page.check('#acceptTerms');
      await page.locator('form[action^="/book/"] button[type="submit"]').click();
      await page.locator('button[name="action"][value="confirm"]').waitFor();
      await measure(watched, page, 'review', lang);
      await page.locator('button[name="action"][value="confirm"]').click();
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
      await measure(watched, page, 'confirmation', lang);
      const manage = new URL(page.url()).pathname;
      await page.goto(`${platform.url}${manage}`);
      await measure(watched, page, 'manage', lang);
      const participantLink = ((await page.textContent('[data-testid="participant-link"]')) ?? '').trim();
      await page.goto(`${platform.url}${manage}/cancel`);
      await measure(watched, page, 'cancel', lang);
      await page.goto(`${platform.url}${manage}/data`);
      await measure(watched, page, 'personal-data', lang);
      await page.goto(`${platform.url}${manage}/erase`);
      await measure(watched, page, 'erase', lang);
      await page.goto(participantLink);
      await measure(watched, page, 'participant', lang);
      await page.goto(`${platform.url}/b/${'x'.repeat(43)}`);
      await measure(watched, page, 'dead-link', lang, ['404']);
      await page.goto(`${platform.url}/manage-link`);
      await measure(watched, page, 'lost-link', lang);
      await page.goto(`${platform.url}/venues/klimhal-de-wand/terms`);
      await measure(watched, page, 'terms', lang);
      await page.goto(`${platform.url}/privacy`);
      await measure(watched, page, 'privacy', lang);
      await page.goto(`${platform.url}/no-such-page`);
      await measure(watched, page, 'not-found', lang, ['404']);
      await watched.context.close();
    }

    /** The cookies of a signed-in staff member's browser; signed in (measuring the sign-in pages) the first time. */
    async function staffCookies(lang: Lang): Promise<Cookies> {
      if (signedIn) return signedIn;
      const watched = await watchedContext(browser, platform.url, { locale: 'en-GB' });
      const page = await watched.context.newPage();
      await chooseLanguage(page, lang);
      await setUpAndSignIn(platform, page, 'pages@venue.test', 'Staff', (step) => measure(watched, page, `staff-${step}`, lang));
      signedIn = await watched.context.cookies();
      await watched.context.close();
      return signedIn;
    }

    /**
     * Every back-office page in the signed-in session; the pages found with JavaScript (by their
     * links) are visited again without.
     */
    async function backOfficePages(lang: Lang, javaScriptEnabled: boolean): Promise<void> {
      const cookies = await staffCookies(lang);
      const watched = await watchedContext(browser, platform.url, { locale: 'en-GB', javaScriptEnabled });
      await watched.context.addCookies(cookies);
      const page = await watched.context.newPage();
      await chooseLanguage(page, lang, '/admin/account');
      const found: string[] = [];
      const visit = async (path: string, name: string) => {
        await page.goto(`${platform.url}${path}`);
        await measure(watched, page, name, lang);
        found.push(path);
      };
      const href = async (selector: string) => {
        const value = await page.locator(selector).first().getAttribute('href');
        assert.ok(value, `a link ${selector} on ${page.url()}`);
        return value;
      };
      if (!javaScriptEnabled) {
        assert.ok(backOfficePaths.length > 0, 'the run with JavaScript found the pages');
        for (const path of backOfficePaths) await visit(path, path);
        return watched.context.close();
      }
      await visit('/admin', 'schedule');
      // The day of the first booking the public runs made: a day with groups.
      await visit(await href('[data-testid="upcoming"] a'), 'schedule-day');
      await visit(await href('[data-testid="new-booking"]'), 'phone-booking');
      // Sent empty: the error summary, between the form's hint and the form.
      await page.locator('form[data-testid="phone-booking"] button[type="submit"]').first().click();
      await page.locator('[data-testid="form-errors"]').waitFor();
      await measure(watched, page, 'phone-booking-refused', lang, ['422']);
      await visit('/admin/bookings', 'bookings');
      await visit(await href('[data-testid="bookings"] a'), 'booking');
      await visit('/admin/invoices', 'invoices');
      await visit('/admin/activities', 'activities-admin');
      const slots = await href('a[href$="/slots"]');
      await visit(slots, 'slots');
      await visit(slots.replace(/\/slots$/, ''), 'activity-form');
      await visit(slots.replace(/\/slots$/, '/photos'), 'activity-photos');
      await visit('/admin/venues', 'venues');
      const venue = await href('main a[href^="/admin/venues/"]');
      await visit(venue, 'venue');
      await visit(`${venue}/photos`, 'venue-photos');
      await visit(`${venue}/billing`, 'venue-billing');
      await visit(`${venue}/privacy`, 'venue-privacy');
      await visit('/admin/activities/new', 'activity-new');
      await visit('/admin/staff', 'staff');
      await visit(await href('main a[href^="/admin/staff/"]'), 'staff-member');
      for (const [path, name] of [
        ['/admin/activity', 'activity-log'],
        ['/admin/account', 'account'],
        ['/admin/security', 'security'],
        ['/admin/backups', 'backups'],
        ['/admin/personal-data', 'personal-data-search'],
        [`/admin/personal-data?email=juf.annadejong.groep8b.${lang}0%40basisschoolderegenboogutrechtoost.example.nl`, 'personal-data'],
        ['/admin/privacy/register', 'privacy-register'],
      ] as const) {
        await visit(path, name);
      }
      backOfficePaths = found;
      return watched.context.close();
    }

    test('a page wider than the window fails, naming what is too wide; a box that scrolls on its own does not', async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 600 } });
      const page = await context.newPage();
      await page.setContent(
        '<main><p class="long" style="width: 500px">A line</p><div style="overflow-x: auto"><table style="width: 900px"></table></div></main>',
      );
      await assert.rejects(
        assertFits(page, 'planted'),
        /planted is 5\d\d px wide in a window of 320 px; too wide: p\.long \(right edge 5\d\d px, "A line"\)$/,
      );
      await page.setContent('<div style="overflow-x: auto"><table style="width: 900px"></table></div>');
      await assertFits(page, 'a scrolling box');
      await context.close();
    });

    test('printed, a header or figure broken over two lines fails, naming it; free text that wraps does not', async () => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 600 } });
      const page = await context.newPage();
      const sheet = (figures: string) =>
        `<style>@media print { td, th { overflow-wrap: anywhere } ${figures} }</style><table class="data"><thead><tr>` +
        '<th class="figure">Referentienummer</th><th>Naam</th></tr></thead><tbody><tr><td class="figure">€ 12.345.694,65</td>' +
        `<td>${'juf.annadejong.groep8b@basisschoolderegenboog.example.nl '.repeat(8)}</td></tr></tbody></table>`;
      await page.setContent(sheet(''));
      await page.addStyleTag({ content: '@media print { table { width: 100% } th.figure, td.figure { width: 40px } }' });
      await assert.rejects(
        assertPrintable(page, 'planted'),
        /planted, printed on A4: a header or figure broken over two lines[\s\S]*th "Referentienummer"[\s\S]*td "€ 12\.345\.694,65"/,
      );
      await page.setContent(sheet('th, .figure { white-space: nowrap; overflow-wrap: normal }'));
      await assertPrintable(page, 'whole');
      await context.close();
    });

    test("an error summary's focus outline over the text above it fails, naming the text; one with room does not", async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 600 } });
      const page = await context.newPage();
      const summary = (margin: string) =>
        `<style>:focus-visible { outline: 3px solid orange; outline-offset: 2px } p, div { margin: 0 }</style><main><p>A hint above</p>` +
        `<div class="error-summary" tabindex="-1" style="margin: ${margin} 0">Please check these fields</div><p>Below</p></main>`;
      await page.setContent(summary('0'));
      await assert.rejects(assertOutlineClear(page, 'planted'), /on planted covers text[\s\S]*"A hint above" by \d px/);
      await page.setContent(summary('12px'));
      await assertOutlineClear(page, 'with room');
      await context.close();
    });

    for (const [i, lang] of (['nl', 'en'] as const).entries()) {
      test(`public pages in ${lang}, with JavaScript`, () => publicPages(lang, true, i * 2));
      test(`public pages in ${lang}, without JavaScript`, () => publicPages(lang, false, i * 2 + 1));
    }
    for (const lang of ['nl', 'en'] as const) {
      test(`back-office pages in ${lang}, with JavaScript`, () => backOfficePages(lang, true));
      test(`back-office pages in ${lang}, without JavaScript`, () => backOfficePages(lang, false));
    }
  });
}
