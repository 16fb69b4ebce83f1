import assert from 'node:assert/strict';
import { test } from 'node:test';
import { render } from 'preact-render-to-string';
import { parseHtml, tableHeaderProblems } from '../../../test/html.js';
import { translator } from '../i18n/i18n.js';
import type { PriceBreakdown } from '../../core/catalog/pricing.js';
import { PriceTable } from './components.js';

/** Two lines at two VAT rates: a table with a VAT row per rate and a total row. */
const PRICE: PriceBreakdown = {
  lines: [
    {
      label: { nl: 'Kanohuur', en: 'Canoe hire' },
      basis: 'person',
      quantity: 12,
      unitCents: 1800,
      totalCents: 21600,
      rateBp: 900,
      vatCents: 1784,
    },
    {
      label: { nl: 'Instructeur', en: 'Instructor' },
      basis: 'group',
      quantity: 1,
      unitCents: 6050,
      totalCents: 6050,
      rateBp: 2100,
      vatCents: 1050,
    },
  ],
  vat: [
    { rateBp: 2100, vatCents: 1050 },
    { rateBp: 900, vatCents: 1784 },
  ],
  totalCents: 27650,
  vatCents: 2834,
};

test('the price table ties every amount to its column and row header with scope alone (WCAG H43)', () => {
  const ui = { lang: 'en' as const, t: translator('en'), path: '/', stylesheet: '/app.css', icon: '/icon.svg', indexable: true };
  const table = parseHtml(render(<PriceTable ui={ui} price={PRICE} />)).querySelector('table')!;
  assert.deepEqual(tableHeaderProblems(table), []);
  assert.deepEqual(
    table.querySelectorAll('thead th').map((th) => th.getAttribute('scope')),
    ['col', 'col', 'col', 'col', 'col'],
  );
  // Each body and foot row: one row header spanning one column, then its cells, the amount last under "Amount".
  const rows = table.querySelectorAll('tbody tr, tfoot tr');
  assert.equal(rows.length, 2 + 2 + 1);
  for (const row of rows) {
    const headers = row.querySelectorAll('th');
    assert.deepEqual(
      headers.map((th) => [th.getAttribute('scope'), th.getAttribute('colspan') ?? '1']),
      [['row', '1']],
      row.toString(),
    );
    const cells = row.querySelectorAll('th, td');
    assert.equal(
      cells.reduce((n, c) => n + Number(c.getAttribute('colspan') ?? 1), 0),
      5,
      'every row spans the five columns',
    );
  }
  assert.equal(table.querySelector('[data-testid="price-total"]')?.textContent, '€276.50');
  assert.equal(rows.at(-1)!.querySelector('th')?.textContent, 'Total (incl. VAT)');
});

test('a line of one unit or one person is in the singular, more in the plural, each a quantity in the language', () => {
  const line = (basis: 'unit' | 'person', quantity: number) => ({
    label: { nl: 'Klimset', en: 'Climbing gear' },
    basis,
    quantity,
    unitCents: 100,
    totalCents: 100 * quantity,
    rateBp: 2100,
    vatCents: 0,
  });
  const price: PriceBreakdown = {
    lines: [line('unit', 1), line('unit', 1500), line('person', 1), line('person', 2)],
    vat: [{ rateBp: 2100, vatCents: 0 }],
    totalCents: 150_400,
    vatCents: 0,
  };
  for (const [lang, expected] of [
    ['nl', ['1 stuk', '1.500 stuks', '1 persoon', '2 personen']],
    ['en', ['1 unit', '1,500 units', '1 person', '2 people']],
  ] as const) {
    const ui = { lang, t: translator(lang), path: '/', stylesheet: '/app.css', icon: '/icon.svg', indexable: true };
    const table = parseHtml(render(<PriceTable ui={ui} price={price} />)).querySelector('table')!;
    assert.deepEqual(
      table.querySelectorAll('tbody tr').map((row) => row.querySelectorAll('td')[0]!.text.trim()),
      expected,
    );
  }
});
