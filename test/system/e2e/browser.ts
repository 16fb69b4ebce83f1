import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); no browser is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** The folder (git-ignored) the suite saves its screenshots in. */
export const SCREENSHOTS = fileURLToPath(new URL('../../../.test-tmp/screenshots/', import.meta.url));

/**
 * Where the docs' screenshots go, when GROUPZ_TEST_SCREENSHOTS=1 asks the suite to make them anew
 * (not at every run, so that the repository does not change with each); undefined otherwise.
 */
export const DOC_SCREENSHOTS =
  process.env.GROUPZ_TEST_SCREENSHOTS === '1' ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url)) : undefined;

/** Headless, nothing phoning home; Playwright gives every launch a fresh, temporary user-data-dir. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * A browser context whose every page is watched: any request to another origin, console error,
 * uncaught error or CSP violation is recorded. `notGroupz` names origins whose pages are not the
 * platform's (the Mollie stand-in's checkout, where a journey goes on purpose): their own requests
 * and console are theirs, and only they are left out.
 */
export async function watchedContext(
  browser: Browser,
  origin: string,
  { notGroupz = [], ...options }: { locale: string; javaScriptEnabled?: boolean; notGroupz?: string[] },
) {
  const context = await browser.newContext({ ...options, viewport: { width: 1024, height: 800 } });
  context.setDefaultTimeout(10_000);
  const problems: string[] = [];
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`)),
  );
  const elsewhere = (url: string) => notGroupz.includes(new URL(url).origin);
  context.on('request', (request) => {
    // A page that is not Groupz's, and what it loads itself; a Groupz page loading from it still counts.
    const from = request.frame().url();
    if (elsewhere(request.url()) && (request.isNavigationRequest() || (from !== '' && elsewhere(from)))) return;
    if (new URL(request.url()).origin !== origin) problems.push(`request to another origin: ${request.url()}`);
  });
  context.on('page', (page) => {
    page.on('console', (message) => {
      if (message.type() !== 'error' || (page.url() !== '' && page.url().startsWith('http') && elsewhere(page.url()))) return;
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  });
  return { context, problems, javaScript: options.javaScriptEnabled !== false };
}

export type Watched = Awaited<ReturnType<typeof watchedContext>>;

export interface Expectations {
  /** The names of the cookies the browser holds for the platform, sorted. */
  cookies: string[];
  /** A file name under SCREENSHOTS for a screenshot of this page. */
  screenshot?: string;
}

/**
 * What every step asserts: the cookies the browser holds; nothing in localStorage, sessionStorage or
 * IndexedDB; no request elsewhere, console error or CSP violation so far; and (with JavaScript) no
 * WCAG 2.2 A/AA violation that axe-core finds. axe is evaluated through the DevTools protocol:
 * a script tag would be (rightly) refused by the page's CSP.
 */
export async function checkPage({ context, problems, javaScript }: Watched, page: Page, expected: Expectations): Promise<void> {
  const where = `${page.url()} ("${await page.title()}")`;
  const names = (await context.cookies()).map((c) => c.name).sort();
  await assertFits(page, where);
  assert.deepEqual(names, expected.cookies, `cookies on ${where}`);
  assert.deepEqual(problems, [], `problems on ${where}`);
  if (expected.screenshot) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}${expected.screenshot}.png`, fullPage: true });
  }
  if (!javaScript) return;
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    indexedDb: (await indexedDB.databases()).length,
  }));
  assert.deepEqual(storage, { local: 0, session: 0, indexedDb: 0 }, `storage on ${where}`);
  await assertAccessible(page, where);
}

/**
 * Nothing wider than the window: the page never scrolls sideways, at a desktop's width or a
 * phone's. On failure, names the innermost elements whose right edge passes the window's (those
 * inside a box that scrolls or clips on its own do not widen the page and are left out).
 */
export async function assertFits(page: Page, where: string): Promise<void> {
  // No named functions inside: the evaluated code is the compiled one, and a helper that names them is not in the page.
  const { scrollWidth, width, culprits } = await page.evaluate(() => {
    const limit = window.innerWidth;
    const over = Array.from(document.body.querySelectorAll('*')).filter((el) => {
      if (el.getBoundingClientRect().right <= limit + 0.5) return false;
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== 'visible') return false;
      }
      return true;
    });
    const innermost = over.filter((el) => !over.some((other) => other !== el && el.contains(other)));
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width: limit,
      culprits: innermost.slice(0, 6).map((el) => {
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${Array.from(el.classList)
          .map((c) => `.${c}`)
          .join('')}`;
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
        return `${name} (right edge ${Math.round(el.getBoundingClientRect().right)} px${text ? `, "${text}"` : ''})`;
      }),
    };
  });
  assert.ok(scrollWidth <= width, `${where} is ${scrollWidth} px wide in a window of ${width} px; too wide: ${culprits.join('; ')}`);
}

/**
 * The width in CSS px of an A4 sheet's printable area with Chromium's default margins (1 cm each
 * side): 190 mm at 96 px to the inch, rounded down.
 */
export const A4_PRINTABLE = Math.floor((190 / 25.4) * 96);

/**
 * The cells that must print on one line: the tables' column headers and their figures (DataTable's
 * `figure` columns and `.money` cells: amounts, dates, times, references, counts, states), and the
 * price tables' figures. Free text (names, e-mail addresses, notes) may wrap.
 */
const WHOLE_CELLS = 'table.data thead th, table.data .figure, table.data .money, .price thead th, .price td';

/**
 * The page printed on A4 loses nothing at its right: under print media at the printable width no
 * element passes the paper's edge, and no box that scrolls or clips on screen holds more than it
 * shows (paper cannot scroll, so that would be cut); and no header or figure (WHOLE_CELLS) is
 * broken over two lines ("Refer/ence", "€ 69/4,65"). Puts the page back on screen media after.
 */
export async function assertPrintable(page: Page, where: string): Promise<void> {
  const viewport = page.viewportSize();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: A4_PRINTABLE, height: 1123 });
  try {
    await assertFits(page, `${where}, printed on A4`);
    const cut = await page.evaluate(() =>
      // A form control scrolls its own value on paper as on screen: left out.
      Array.from(document.body.querySelectorAll(':not(input, textarea, select)'))
        .filter((el) => {
          const style = getComputedStyle(el);
          // A visually hidden text (clipped to nothing on purpose) is not printed, so not cut.
          return style.overflowX !== 'visible' && style.clipPath === 'none' && el.scrollWidth > el.clientWidth;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${Array.from(el.classList).join('.')} (${el.scrollWidth} px in ${el.clientWidth} px)`),
    );
    assert.deepEqual(cut, [], `${where}, printed on A4: cut at the right`);
    const broken = await page.evaluate(
      (selector) =>
        // A cell's lines: the tops of its visible text's boxes, those within half its font's size of each other one line.
        Array.from(document.querySelectorAll(selector))
          .filter((cell) => {
            const tops: number[] = [];
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              if (node.parentElement?.closest('.visually-hidden')) continue;
              const range = document.createRange();
              range.selectNodeContents(node);
              for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.push(rect.top);
            }
            const half = parseFloat(getComputedStyle(cell).fontSize) / 2;
            return tops.some((top) => Math.abs(top - tops[0]!) > half);
          })
          .map((cell) => `${cell.tagName.toLowerCase()} "${(cell.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`),
      WHOLE_CELLS,
    );
    assert.deepEqual(broken, [], `${where}, printed on A4: a header or figure broken over two lines`);
  } finally {
    await page.emulateMedia({ media: null });
    if (viewport) await page.setViewportSize(viewport);
  }
}

/**
 * The error summary's focus outline (the page opens focused on it) covers no text around it: the
 * (focusable) summary focused as from the keyboard (so Chromium draws the outline), its box grown by the
 * outline's width and offset meets no text outside it. On failure, names the text it covers and by
 * how much. Nothing to check on a page without a summary.
 */
export async function assertOutlineClear(page: Page, where: string): Promise<void> {
  const summary = page.locator('.error-summary[tabindex]').first();
  if ((await summary.count()) === 0) return;
  await page.keyboard.press('Shift');
  await summary.evaluate((el: HTMLElement) => el.focus());
  // No named functions inside: the evaluated code is the compiled one (see assertFits).
  const covered = await summary.evaluate((el) => {
    const style = getComputedStyle(el);
    if (style.outlineStyle === 'none') return ['no focus outline drawn'];
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const box = el.getBoundingClientRect();
    const [top, right, bottom, left] = [box.top - reach, box.right + reach, box.bottom + reach, box.left - reach];
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (el.contains(node) || !(node.textContent ?? '').trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) {
        const overlap = Math.min(bottom, rect.bottom) - Math.max(top, rect.top);
        if (overlap > 0.5 && Math.min(right, rect.right) - Math.max(left, rect.left) > 0.5) {
          found.push(`"${(node.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}" by ${Math.round(overlap)} px`);
          break;
        }
      }
    }
    return found;
  });
  assert.deepEqual(covered, [], `the error summary's focus outline on ${where} covers text`);
}

/** No WCAG 2.2 A/AA violation that axe-core finds (needs JavaScript on the page). */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: { run: Function } }).axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return (result.violations as { id: string; nodes: { target: string[] }[] }[]).map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  }, WCAG_TAGS);
  assert.deepEqual(violations, [], `axe on ${where}`);
}

/** Presses Tab until `selector` has the focus (at most 60 times); fails when it never does. */
export async function tabTo(page: Page, selector: string): Promise<void> {
  const target = page.locator(selector).first();
  for (let i = 0; i < 60; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector} on ${page.url()}`);
}

/** The names of the price breakdown's rows on a page, in order. */
export function priceRowNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="price-breakdown"] tbody th').evaluateAll((cells) => cells.map((c) => (c.textContent ?? '').trim()));
}

/** An amount as shown ("€ 575,00"), in cents. */
export function shownCents(text: string | null): number {
  return Number((text ?? '').replace(/[^\d]/g, ''));
}
