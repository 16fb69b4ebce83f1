import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { render } from 'preact-render-to-string';
import { missingRequirement } from '../../tools.js';
import { assertFits, chromiumAvailable, CHROMIUM, launchChromium } from './browser.js';
import type { PriceBreakdown } from '../../../src/core/catalog/pricing.js';
import { MAX_BOOKING_CENTS } from '../../../src/core/shared/money.js';
import { translator } from '../../../src/web/i18n/i18n.js';
import { PriceTable } from '../../../src/web/views/components.js';

const STYLESHEET = readFileSync(new URL('../../../assets/app.css', import.meta.url), 'utf8');

/**
 * The widest price a booking can have: amounts up to the most one booking may cost, 999 units, a
 * unit price in the thousands, long names (a Dutch compound without a place to break), a discount.
 */
const WIDEST: PriceBreakdown = {
  lines: [
    {
      label: { nl: 'Rondvaart', en: 'Canal cruise' },
      basis: 'person',
      quantity: 10_000,
      unitCents: 1_950,
      totalCents: 19_500_000,
      rateBp: 900,
      vatCents: 0,
    },
    {
      label: { nl: 'Reddingsvestverhuurvoorwaardenovereenkomst', en: 'Life jacket hire for the whole day' },
      basis: 'unit',
      quantity: 999,
      unitCents: 250_000,
      totalCents: 249_750_000,
      rateBp: 2100,
      vatCents: 0,
    },
    {
      label: { nl: 'Havenrestaurantreservering', en: 'Harbour restaurant reservation' },
      basis: 'group',
      quantity: 1,
      unitCents: MAX_BOOKING_CENTS,
      totalCents: MAX_BOOKING_CENTS,
      rateBp: 2100,
      vatCents: 0,
    },
    {
      label: { nl: 'Korting WELKOM10', en: 'Discount WELKOM10' },
      basis: 'group',
      quantity: 1,
      unitCents: -26_925_000,
      totalCents: -26_925_000,
      rateBp: 2100,
      vatCents: 0,
    },
  ],
  vat: [
    { rateBp: 2100, vatCents: 57_000_000 },
    { rateBp: 900, vatCents: 1_610_092 },
  ],
  totalCents: MAX_BOOKING_CENTS,
  vatCents: 58_610_092,
};

/** A page with the platform's stylesheet and nothing but the price table, in `lang`. */
function pageWithPrice(lang: 'nl' | 'en'): string {
  const ui = { lang, t: translator(lang), path: '/', stylesheet: '/app.css', icon: '/icon.svg', indexable: false };
  const table = render(<PriceTable ui={ui} price={WIDEST} />);
  return `<!doctype html><html lang="${lang}"><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLESHEET}</style></head><body><main class="container">${table}</main></body></html>`;
}

if (!chromiumAvailable()) {
  missingRequirement(`Chromium at ${CHROMIUM}`, 'apt-get install chromium');
} else {
  describe("the price table in a real browser at phones' widths and a desktop's", () => {
    let browser: Browser;
    before(async () => {
      browser = await launchChromium();
    });
    after(async () => {
      await browser?.close();
    });

    for (const lang of ['nl', 'en'] as const) {
      for (const width of [320, 390, 1024]) {
        test(`the widest price fits ${width} px in ${lang === 'nl' ? 'Dutch' : 'English'}, every figure whole and labelled`, async () => {
          const context = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: false });
          try {
            const page = await context.newPage();
            await page.setContent(pageWithPrice(lang));
            await assertFits(page, `the price table at ${width} px (${lang})`);
            const region = page.locator('section.table-scroll');
            const [scrollWidth, clientWidth] = await region.evaluate((el) => [el.scrollWidth, el.clientWidth]);
            assert.ok(scrollWidth! <= clientWidth!, `the table's region scrolls: ${scrollWidth} px in ${clientWidth} px`);
            // No figure is cut or wrapped: each cell's text is on one line within its box.
            const cells = await page
              .locator('tbody td, tfoot td')
              .evaluateAll((tds) =>
                tds
                  .filter((td) => td.textContent !== '')
                  .map((td) => ({ text: td.textContent, label: td.getAttribute('data-label'), over: td.scrollWidth > td.clientWidth })),
              );
            assert.deepEqual(
              cells.filter((cell) => cell.over),
              [],
            );
            assert.ok(
              cells.every((cell) => cell.label),
              'every figure is labelled with its column',
            );
            // No figure runs into another: on each line their boxes are apart, side by side or one under another.
            const overlaps = await page.locator('tbody tr, tfoot tr').evaluateAll((rows) =>
              rows.flatMap((row) => {
                const boxes = Array.from(row.querySelectorAll('th, td'))
                  .filter((cell) => cell.textContent !== '')
                  .map((cell) => ({ text: cell.textContent, box: cell.getBoundingClientRect() }));
                return boxes.flatMap((a, i) =>
                  boxes
                    .slice(i + 1)
                    .filter(
                      ({ box: b }) =>
                        a.box.left < b.right - 0.5 &&
                        b.left < a.box.right - 0.5 &&
                        a.box.top < b.bottom - 0.5 &&
                        b.top < a.box.bottom - 0.5,
                    )
                    .map((b) => `${a.text} / ${b.text}`),
                );
              }),
            );
            assert.deepEqual(overlaps, []);
            // The foot's names (each VAT rate, the total) each stay on one line beside their amount.
            const footLines = await page.locator('tfoot th').evaluateAll((ths) =>
              ths.map((th) => {
                const range = document.createRange();
                range.selectNodeContents(th);
                return { text: th.textContent, lines: new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size };
              }),
            );
            assert.deepEqual(
              footLines.filter((name) => name.lines !== 1),
              [],
              'a name in the foot wraps',
            );
            // On a phone a line's name takes the screen's width above its figures.
            if (width > 640) return;
            const nameWidth = await page
              .locator('tbody th')
              .first()
              .evaluate((th) => th.getBoundingClientRect().width);
            assert.ok(nameWidth > width * 0.8, `a line's name is ${nameWidth} px wide at ${width} px`);
          } finally {
            await context.close();
          }
        });
      }
    }
  });
}
