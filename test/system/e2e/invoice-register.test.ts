import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { SESSION_COOKIE } from '../../../src/web/admin/session-cookie.js';
import { buildTestApp, type TestApp } from '../../app.js';
import { testDialects } from '../../databases.js';
import { book, makeSlot } from '../../factories.js';
import { insertTestInvoice } from '../../invoices.js';
import { freePort } from '../../server-process.js';
import { signInMember } from '../../staff.js';
import { missingRequirement } from '../../tools.js';
import { makeTwoVenues } from '../../venues.js';
import { assertAccessible, assertFits, chromiumAvailable, CHROMIUM, launchChromium, SCREENSHOTS, watchedContext } from './browser.js';

/**
 * The invoice register in Chromium with long amounts (credit notes' minus signs included), two
 * sellers with long legal names and customers with long names: at a desktop's and at phones'
 * widths, with JavaScript on and off, the page fits and every amount stays whole on one line
 * inside its cell; at a desktop's width the list needs no sideways scrolling.
 */

const WIDTHS = [1280, 390, 320];
const PERIOD = '/admin/invoices?from=2026-04-01&to=2026-04-30';

/**
 * Each money cell that wraps, spills out of its cell or lies beyond the window, or (on a phone's
 * card) whose column name before it is wider than its place, so that it runs into the amount.
 */
async function moneyCellProblems(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('td.money')).flatMap((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      const lines = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
      const text = range.getBoundingClientRect();
      const box = cell.getBoundingClientRect();
      const name = `"${(cell.textContent ?? '').trim()}" in ${cell.closest('table')?.getAttribute('data-testid') ?? 'a table'}`;
      const problems: string[] = [];
      if (lines.size !== 1) problems.push(`${name} takes ${lines.size} lines`);
      if (text.left < box.left - 0.5 || text.right > box.right + 0.5) problems.push(`${name} spills out of its cell`);
      if (text.right > window.innerWidth + 0.5) problems.push(`${name} ends past the window (${Math.round(text.right)} px)`);
      const label = getComputedStyle(cell, '::before');
      if (label.display === 'table-cell') {
        // The pseudo-element cannot be measured: a block of its width, font and wrapping, holding its text, can.
        const probe = document.createElement('div');
        probe.textContent = cell.getAttribute('data-label');
        Object.assign(probe.style, {
          position: 'absolute',
          visibility: 'hidden',
          boxSizing: 'content-box',
          width: `${parseFloat(label.width) - parseFloat(label.paddingLeft) - parseFloat(label.paddingRight)}px`,
          font: label.font,
          whiteSpace: label.whiteSpace,
          overflowWrap: label.overflowWrap,
          wordBreak: label.wordBreak,
        });
        document.body.append(probe);
        if (probe.scrollWidth > probe.clientWidth + 0.5) problems.push(`${name}: its label "${probe.textContent}" runs into it`);
        probe.remove();
      }
      return problems;
    }),
  );
}

if (!chromiumAvailable()) {
  missingRequirement(`Chromium at ${CHROMIUM}`, 'apt-get install chromium');
} else {
  const dialect = testDialects()[0]!;
  describe('the invoice register in Chromium: amounts whole on one line, at 1280, 390 and 320 px', () => {
    let t: TestApp;
    let browser: Browser;
    let cookie: string;
    let origin: string;

    before(async () => {
      // The app's public URL is the only host it answers: a free port on loopback, then listened on.
      origin = `http://127.0.0.1:${await freePort()}`;
      t = await buildTestApp(dialect, '2026-04-02T09:00:00Z', {}, { publicUrl: origin });
      const { db } = t.database;
      const venues = await makeTwoVenues(t);
      const sellers = ['Stichting Openluchtmuseum en Natuurcentrum De Grote Waard', 'Kanoverhuur en Buitensportcentrum Vecht B.V.'];
      for (const [i, venue] of [venues.home, venues.away].entries()) {
        const slot = await makeSlot(db, t.clock, venue, { date: '2026-05-01', capacity: 500 });
        const { booking } = await book(
          db,
          t.clock,
          slot,
          { groupSize: 8, organisation: 'Openbare Basisschool De Regenboog Utrecht-Oost, groepen 7 en 8' },
          t.linkKey,
        );
        const sellerName = sellers[i]!;
        const lines = [
          { netCents: 1_234_567, vatRateBp: 900 },
          { netCents: 987_654, vatRateBp: 2100 },
        ];
        const big = await insertTestInvoice(db, t.clock, booking.id, { sellerName, purpose: 'deposit', lines });
        await insertTestInvoice(db, t.clock, booking.id, { sellerName, kind: 'credit_note', corrects: big });
        await insertTestInvoice(db, t.clock, booking.id, { sellerName, purpose: 'final', lines });
      }
      cookie = (await signInMember(t, 'admin')).cookie;
      await t.app.listen({ port: Number(new URL(origin).port), host: '127.0.0.1' });
      browser = await launchChromium();
      mkdirSync(SCREENSHOTS, { recursive: true });
    });
    after(async () => {
      await browser?.close();
      await t?.close();
    });

    for (const javaScriptEnabled of [true, false]) {
      test(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
        const watched = await watchedContext(browser, origin, { locale: 'nl-NL', javaScriptEnabled });
        await watched.context.addCookies([
          { name: SESSION_COOKIE, value: cookie, domain: '127.0.0.1', path: '/', secure: true, httpOnly: true, sameSite: 'Strict' },
        ]);
        const page = await watched.context.newPage();
        const res = await page.goto(`${origin}${PERIOD}`);
        assert.equal(res?.status(), 200);
        assert.equal(await page.locator('[data-testid="invoice-register"] tbody tr').count(), 6);
        assert.equal(await page.locator('[data-testid="invoice-seller-totals"] tbody tr').count(), 6);
        if (javaScriptEnabled) await assertAccessible(page, 'the register');
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          const where = `the register at ${width} px, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`;
          await assertFits(page, where);
          assert.deepEqual(await moneyCellProblems(page), [], where);
          if (width === 1280) {
            const scrolls = await page
              .locator('[data-testid="invoice-register"]')
              .evaluate((table) => table.parentElement!.scrollWidth > table.parentElement!.clientWidth);
            assert.equal(scrolls, false, `${where}: the list fits without scrolling sideways`);
          }
          await page.screenshot({
            path: `${SCREENSHOTS}invoice-register-${width}-js-${javaScriptEnabled ? 'on' : 'off'}.png`,
            fullPage: true,
          });
        }
        assert.deepEqual(watched.problems, []);
        await watched.context.close();
      });
    }
  });
}
