import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { assertNoMetadata, phoneJpeg } from '../../photos.js';
import { missingRequirement } from '../../tools.js';
import { checkPage, chromiumAvailable, CHROMIUM, launchChromium, tabTo, type Watched, watchedContext } from './browser.js';
import { type Platform, startPlatform } from './server.js';
import { BACK_OFFICE_COOKIES, setUpAndSignIn } from './staff-sign-in.js';

/** The demo activity every journey books: groups of 6 to 30. */
const ACTIVITY = '/activities/klimclinic-groepen';

const LANGUAGES = [
  { lang: 'nl', button: 'Nederlands', browserLocale: 'en-GB', confirmed: 'Uw boeking is bevestigd', other: 'English' },
  { lang: 'en', button: 'English', browserLocale: 'nl-NL', confirmed: 'Your booking is confirmed', other: 'Nederlands' },
] as const;
type Language = (typeof LANGUAGES)[number];

if (!chromiumAvailable()) {
  missingRequirement(`Chromium at ${CHROMIUM}`, 'apt-get install chromium');
} else {
  describe('in a real browser (Chromium)', () => {
    let platform: Platform;
    let browser: Browser;
    before(async () => {
      [platform, browser] = await Promise.all([startPlatform(), launchChromium()]);
    });
    after(async () => {
      await browser?.close();
      await platform?.close();
    });

    /** A fresh visitor whose browser prefers the other language, on the listing; the language chosen with the switcher. */
    async function visitor(
      language: Language,
      { javaScriptEnabled = true, keyboard = false } = {},
    ): Promise<{ watched: Watched; page: Page }> {
      const watched = await watchedContext(browser, platform.url, { locale: language.browserLocale, javaScriptEnabled });
      const page = await watched.context.newPage();
      await chooseLanguage(watched, page, language, keyboard);
      return { watched, page };
    }

    /** On the listing without cookies, the language switcher: then the `lang` cookie only. */
    async function chooseLanguage(watched: Watched, page: Page, language: Language, keyboard = false): Promise<void> {
      await page.goto(`${platform.url}/`);
      await checkPage(watched, page, { cookies: [] });
      const listing = page.waitForResponse((r) => r.url() === `${platform.url}/` && r.request().method() === 'GET');
      if (keyboard) {
        await tabTo(page, `button[name="lang"][value="${language.lang}"]`);
        await page.keyboard.press('Enter');
      } else {
        await page.getByRole('button', { name: language.button }).click();
      }
      await listing;
      await page.waitForLoadState();
      assert.equal(await page.getAttribute('html', 'lang'), language.lang);
      await checkPage(watched, page, { cookies: ['lang'], screenshot: `${language.lang}-activities` });
    }

    /** Group size on the listing, the activity, its first date, the form, the review, the confirmation: the manage URL. */
    async function book(watched: Watched, page: Page, language: Language, email: string, slot: number, shots = false): Promise<string> {
      const at = (name: string) => ({ cookies: ['lang'], ...(shots && { screenshot: `${language.lang}-${name}` }) });
      await page.fill('#groupSize', '10');
      await page.locator('form.filters button[type="submit"]').click();
      await page.waitForURL(/groupSize=10/);
      await checkPage(watched, page, { cookies: ['lang'] });
      await page.locator(`a[href^="${ACTIVITY}"]`).click();
      await checkPage(watched, page, at('activity'));
      await page.locator('a.button[href^="/book/"]').nth(slot).click();
      assert.equal(await page.inputValue('#groupSize'), '10', 'the group size chosen on the listing is carried to the form');
      await checkPage(watched, page, at('booking-form'));
      await page.fill('#name', 'Anna de Vries');
      await page.fill('#email', email);
      await page.fill('#phone', '030 1234567');
      await page.check('#acceptTerms');
      await page.locator('form[action^="/book/"] button[type="submit"]').click();
      await checkPage(watched, page, at('booking-review'));
      await page.locator('button[name="action"][value="confirm"]').click();
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
      assert.equal(await page.textContent('h1'), language.confirmed);
      await checkPage(watched, page, at('booking-confirmation'));
      return new URL(page.url()).pathname;
    }

    /** An option on a slot three weeks ahead (options close a week before the visit), through the forms. */
    async function placeOption(watched: Watched, page: Page, email: string): Promise<void> {
      const date = new Date(Date.now() + 21 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      await page.goto(`${platform.url}${ACTIVITY}?date=${date}&groupSize=10`);
      await page.locator('a.button[href^="/book/"]').first().click();
      await page.fill('#name', 'Anna de Vries');
      await page.fill('#email', email);
      await page.fill('#phone', '030 1234567');
      await page.check('#option-yes');
      await page.check('#acceptTerms');
      await page.locator('form[action^="/book/"] button[type="submit"]').click();
      await page.locator('button[name="action"][value="confirm"]').click();
      await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
      await checkPage(watched, page, { cookies: ['lang'] });
    }

    for (const language of LANGUAGES) {
      describe(`in ${language.lang === 'nl' ? 'Dutch' : 'English'}`, () => {
        const organiser = `anna.${language.lang}@example.nl`;
        // Each journey books a date of its own, so that no slot fills up under another.
        const base = LANGUAGES.indexOf(language) * 4;
        const staff = `staff.${language.lang}@venue.test`;

        test('an organiser books, opens the mailed manage link, changes the group size and a participant signs up', async () => {
          const { watched, page } = await visitor(language);
          const confirmation = await book(watched, page, language, organiser, base, true);
          const manage = await platform.manageLinkMailedTo(organiser);
          assert.equal(manage, confirmation, 'the mailed manage link is the page shown after booking');
          await page.goto(`${platform.url}${manage}`);
          await checkPage(watched, page, { cookies: ['lang'], screenshot: `${language.lang}-manage` });
          await page.fill('#groupSize', '12');
          await page.locator('form[action$="/group-size/preview"] button[type="submit"]').click();
          // First what the change does to the price; the change is made on confirming.
          await page.locator('[data-testid="group-size-preview"]').waitFor();
          await checkPage(watched, page, { cookies: ['lang'] });
          await page.locator('[data-testid="group-size-confirm"] button[type="submit"]').click();
          await page.waitForURL(/\?done=/);
          assert.equal(await page.inputValue('#groupSize'), '12');
          await checkPage(watched, page, { cookies: ['lang'] });

          const participantLink = (await page.textContent('[data-testid="participant-link"]'))?.trim() ?? '';
          assert.equal(new URL(participantLink).origin, platform.url);
          await page.goto(participantLink);
          await checkPage(watched, page, { cookies: ['lang'], screenshot: `${language.lang}-participant` });
          await page.fill('[data-testid="participant-form"] #name', 'Bram Bakker');
          await page.locator('[data-testid="participant-form"] button[type="submit"]').click();
          await page.waitForURL(/\?added=1$/);
          await checkPage(watched, page, { cookies: ['lang'] });
          await watched.context.close();
        });

        test('the booking journey completes with the keyboard alone', async () => {
          const { watched, page } = await visitor(language, { keyboard: true });
          await tabTo(page, '#groupSize');
          await page.keyboard.type('10');
          await page.keyboard.press('Enter');
          await page.waitForURL(/groupSize=10/);
          await tabTo(page, `a[href^="${ACTIVITY}"]`);
          await page.keyboard.press('Enter');
          await page.waitForURL(`${platform.url}${ACTIVITY}*`);
          await tabTo(page, `a.button[href^="/book/"] >> nth=${base + 3}`);
          await page.keyboard.press('Enter');
          await page.waitForURL(/\/book\//);
          for (const [field, value] of [
            ['#name', 'Kees Toetsenbord'],
            ['#email', `keys.${language.lang}@example.nl`],
            ['#phone', '0612345678'],
          ]) {
            await tabTo(page, field!);
            await page.keyboard.type(value!);
          }
          await tabTo(page, '#acceptTerms');
          await page.keyboard.press('Space');
          await tabTo(page, 'form[action^="/book/"] button[type="submit"]');
          await page.keyboard.press('Enter');
          await page.waitForURL(/\/book\//);
          await tabTo(page, 'button[name="action"][value="confirm"]');
          await page.keyboard.press('Enter');
          await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
          assert.equal(await page.textContent('h1'), language.confirmed);
          await checkPage(watched, page, { cookies: ['lang'] });
          await watched.context.close();
        });

        test('the booking journey fits a 390 px phone, a long address included', async () => {
          const { watched, page } = await visitor(language);
          await page.setViewportSize({ width: 390, height: 844 });
          await book(
            watched,
            page,
            language,
            `juf.annadejong.groep8b.leerkracht.${language.lang}@basisschoolderegenboogutrechtoost.example.nl`,
            base + 2,
          );
          await watched.context.close();
        });

        test('the booking journey completes with JavaScript disabled', async () => {
          const { watched, page } = await visitor(language, { javaScriptEnabled: false });
          await book(watched, page, language, `nojs.${language.lang}@example.nl`, base + 1);
          await watched.context.close();
        });

        test('a refused form links each error to its field', async () => {
          const { watched, page } = await visitor(language);
          await page.goto(`${platform.url}${ACTIVITY}`);
          await page.locator('a.button[href^="/book/"]').first().click();
          await page.fill('#email', 'not-an-address');
          await page.locator('form[action^="/book/"] button[type="submit"]').click();
          await page.locator('#email-error').waitFor();
          // The refusal is answered 422, which Chromium logs as a failed load: expected here, and only here.
          const refusal = watched.problems.findIndex((p) => p.includes('status of 422'));
          assert.ok(refusal >= 0, 'the refused form is answered 422');
          watched.problems.splice(refusal, 1);
          for (const field of ['name', 'email', 'acceptTerms']) {
            const control = page.locator(`#${field}`);
            assert.equal(await control.getAttribute('aria-invalid'), 'true', field);
            const describedBy = (await control.getAttribute('aria-describedby'))?.split(' ') ?? [];
            assert.ok(describedBy.includes(`${field}-error`), `${field} is described by its error`);
            assert.ok(((await page.textContent(`#${field}-error`)) ?? '').trim().length > 0, `${field} has an error text`);
          }
          await checkPage(watched, page, { cookies: ['lang'], screenshot: `${language.lang}-booking-errors` });
          await watched.context.close();
        });

        test('Back from the confirmation, "change details", another group size and Confirm: still one booking', async () => {
          const { watched, page } = await visitor(language);
          const email = `terug.${language.lang}@example.nl`;
          const formSent = page.waitForRequest((r) => r.method() === 'POST' && /(^|&)action=review(&|$)/.test(r.postData() ?? ''));
          await book(watched, page, language, email, 8 + LANGUAGES.indexOf(language));
          // The review step is a form's answer, never stored (no-store): Back finds it gone
          // (ERR_CACHE_MISS), and Reload sends the form again, as this does.
          const sent = await formSent;
          await page.evaluate(
            ({ action, fields }) => {
              const form = Object.assign(document.createElement('form'), { method: 'post', action });
              for (const [name, value] of fields)
                form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
              document.body.append(form);
              form.submit();
            },
            { action: sent.url(), fields: [...new URLSearchParams(sent.postData() ?? '')] },
          );
          await page.locator('[data-testid="review-placed"]').waitFor();
          await page.locator('button[name="action"][value="edit"]').click();
          await page.fill('#groupSize', '12');
          await page.locator('form[action^="/book/"] button[type="submit"]').click();
          await page.locator('[data-testid="review-placed"]').waitFor();
          await checkPage(watched, page, { cookies: ['lang'], screenshot: `${language.lang}-review-placed` });
          await page.locator('button[name="action"][value="confirm"]').click();
          await page.locator('[data-testid="submission-replayed"]').waitFor();
          await checkPage(watched, page, { cookies: ['lang'] });
          assert.deepEqual(platform.groupSizesBookedBy(email), [10], 'exactly one booking, as placed');
          await watched.context.close();
        });

        for (const javaScriptEnabled of [true, false]) {
          test(`switching language keeps what was typed, on the form and the review step (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
            const { watched, page } = await visitor(language, { javaScriptEnabled });
            await page.goto(`${platform.url}${ACTIVITY}`);
            await page
              .locator('a.button[href^="/book/"]')
              .nth(10 + LANGUAGES.indexOf(language))
              .click();
            const typed = {
              '#groupSize': '11',
              '#name': 'Anna de Vries',
              '#email': `taal.${language.lang}.${javaScriptEnabled ? 'js' : 'nojs'}@example.nl`,
              '#phone': '030 1234567',
              '#notes': 'Twee\nregels',
            };
            for (const [field, value] of Object.entries(typed)) await page.fill(field, value);
            await page.check('#acceptTerms');
            const other = LANGUAGES.find((l) => l !== language)!;
            await page.getByRole('button', { name: language.other }).click();
            await page.waitForFunction((lang) => document.documentElement.lang === lang, other.lang);
            for (const [field, value] of Object.entries(typed)) assert.equal(await page.inputValue(field), value, field);
            assert.ok(await page.isChecked('#acceptTerms'));
            await checkPage(watched, page, { cookies: ['lang'] });

            await page.locator('form[action^="/book/"] button[type="submit"]').click();
            await page.locator('#booking-review').waitFor();
            await page.getByRole('button', { name: other.other }).click();
            await page.waitForFunction((lang) => document.documentElement.lang === lang, language.lang);
            assert.match((await page.textContent('[data-testid="organiser-details"]')) ?? '', /Twee\s+regels/);
            await checkPage(watched, page, { cookies: ['lang'] });
            await page.locator('button[name="action"][value="confirm"]').click();
            await page.waitForURL(/\/b\/[A-Za-z0-9_-]{43}\?created=1$/);
            assert.equal(await page.textContent('h1'), language.confirmed);
            assert.deepEqual(platform.groupSizesBookedBy(typed['#email']), [11]);
            await watched.context.close();
          });
        }

        test('a lost manage link: from the 404 of an old link, the form mails the link again', async () => {
          const { watched, page } = await visitor(language);
          const email = `kwijt.${language.lang}@example.nl`;
          await book(watched, page, language, email, 12 + LANGUAGES.indexOf(language));
          const reference = (await page.textContent('[data-testid="booking-reference"]')) ?? '';
          const [first] = await platform.manageLinksMailedTo(email, 1);

          const old = await page.goto(`${platform.url}/b/${'A'.repeat(43)}`);
          assert.equal(old?.status(), 404);
          // The 404 is expected here: Chromium logs it as a failed load.
          const notFound = watched.problems.findIndex((p) => p.includes('status of 404'));
          if (notFound >= 0) watched.problems.splice(notFound, 1);
          await page.locator('[data-testid="lost-link-hint"] a').click();
          await page.waitForURL(/\/manage-link$/);
          await checkPage(watched, page, { cookies: ['lang'], screenshot: `${language.lang}-lost-link` });
          await page.fill('#reference', reference.toLowerCase());
          await page.fill('#email', email);
          await page.locator('form[action="/manage-link"] button[type="submit"]').click();
          await page.locator('[data-testid="lost-link-sent"]').waitFor();
          await checkPage(watched, page, { cookies: ['lang'] });
          const links = await platform.manageLinksMailedTo(email, 2);
          assert.ok(
            links.every((link) => link === first),
            "the mailed link is the booking's manage link",
          );
          await page.goto(`${platform.url}${links.at(-1)}`);
          assert.equal(await page.textContent('[data-testid="booking-reference"]'), reference);
          await checkPage(watched, page, { cookies: ['lang'] });
          await watched.context.close();
        });

        test('a staff member sets up an account, signs in, finds the option, confirms it and signs out; an idle session ends', async () => {
          const { watched, page } = await visitor(language);
          const backOffice = (screenshot?: string) => ({
            cookies: BACK_OFFICE_COOKIES,
            ...(screenshot && { screenshot: `${language.lang}-${screenshot}` }),
          });
          await placeOption(watched, page, `office.${language.lang}@example.nl`);
          const reference = await page.textContent('[data-testid="booking-reference"]');
          assert.ok(reference);

          await setUpAndSignIn(platform, page, staff, `Staff ${language.lang}`, (step, cookies) =>
            checkPage(watched, page, { cookies, screenshot: `${language.lang}-staff-${step}` }),
          );
          await page.goto(`${platform.url}/admin/bookings`);
          await checkPage(watched, page, backOffice('admin-bookings'));
          await page.getByRole('link', { name: reference }).click();
          await checkPage(watched, page, backOffice('admin-booking'));
          // The option waits for the venue: the staff member confirms it.
          const asOption = await page.textContent('[data-testid="booking-status"]');
          await page.locator('form[action$="/confirm"] button[type="submit"]').click();
          await page.waitForURL(/\?done=/);
          assert.notEqual(await page.textContent('[data-testid="booking-status"]'), asOption, 'the status changed');
          assert.equal(await page.locator('[data-testid="option-admin"]').count(), 0, 'an option no more');
          await checkPage(watched, page, backOffice());
          await page.locator('form[action="/staff/logout"] button').click();
          await page.waitForURL(/\/staff\/login/);
          // Signing out expires the session cookie and keeps the language choice.
          await checkPage(watched, page, { cookies: ['lang'] });
          await page.goto(`${platform.url}/admin/bookings`);
          assert.match(page.url(), /\/staff\/login/, 'after logout the back office asks to sign in');

          // Another account signs in (in the language kept from before) and is left idle past GROUPZ_SESSION_IDLE_TIMEOUT.
          const idle = `idle.${language.lang}@venue.test`;
          assert.equal(await page.getAttribute('html', 'lang'), language.lang, 'the language choice survived signing out');
          await setUpAndSignIn(platform, page, idle, `Idle ${language.lang}`, (_, cookies) => checkPage(watched, page, { cookies }));
          platform.idleSessions(idle);
          await page.goto(`${platform.url}/admin/bookings`);
          await page.waitForURL(/\/staff\/login/);
          await checkPage(watched, page, { cookies: ['lang'] });
          await page.goBack();
          await page.reload();
          assert.match(page.url(), /\/staff\/login/, 'the ended session cannot be resumed');
          await checkPage(watched, page, { cookies: ['lang'] });
          await watched.context.close();
        });
      });
    }

    test("a photo uploaded in the back office appears on the public page from the platform's origin, its metadata stripped", async () => {
      const language = LANGUAGES[1];
      const { watched, page } = await visitor(language);
      await setUpAndSignIn(platform, page, 'photos@venue.test', `Staff ${language.lang}`, (_, cookies) =>
        checkPage(watched, page, { cookies }),
      );
      await page.goto(`${platform.url}/admin/activities`);
      await page.locator('[data-testid="activity-klimclinic-groepen"] a[href$="/photos"]').click();
      await checkPage(watched, page, { cookies: BACK_OFFICE_COOKIES });
      const alt = 'Pupils at the foot of the climbing wall';
      // A phone's photo: GPS position, camera, orientation, XMP and a colour profile.
      await page.setInputFiles('#photos-file', { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await phoneJpeg() });
      await page.fill('#photos-altNl', 'Leerlingen aan de voet van de klimwand');
      await page.fill('#photos-altEn', alt);
      await page.locator('[data-testid="photos-upload"] button[type="submit"]').click();
      await page.waitForURL(/\?done=added$/, { timeout: 60_000 });
      // Behind the demo's own photo (when it is in yet): this one moves to the front, the one the page leads with.
      const mine = page.locator('[data-testid="admin-photo"]').filter({ has: page.locator(`input[value="${alt}"]`) });
      const forward = mine.locator('button[name="direction"][value="up"]');
      if ((await forward.count()) > 0) {
        await forward.click();
        await page.waitForURL(/\?done=moved$/);
      }
      await checkPage(watched, page, { cookies: BACK_OFFICE_COOKIES });

      await page.goto(`${platform.url}${ACTIVITY}`);
      const img = page.locator(`main img[alt="${alt}"]`);
      await img.evaluate((el: HTMLImageElement) => el.decode());
      const src = await img.evaluate((el: HTMLImageElement) => el.currentSrc);
      assert.ok(src.startsWith(`${platform.url}/photos/`), `the photo comes from the platform itself: ${src}`);
      const served = await page.request.get(src);
      assert.equal(served.headers()['content-type'], 'image/avif', 'Chromium picks AVIF');
      assert.equal(served.headers()['x-content-type-options'], 'nosniff');
      const bytes = await served.body();
      await assertNoMetadata(bytes, src);
      const { width, height } = await sharp(bytes).metadata();
      assert.ok(height > width, 'turned upright by its orientation');
      await checkPage(watched, page, { cookies: BACK_OFFICE_COOKIES, screenshot: 'en-activity-photo' });
      await watched.context.close();
    });
  });
}
