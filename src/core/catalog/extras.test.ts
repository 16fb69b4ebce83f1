import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Extra, extraLines, extrasChosen, resizedExtras } from './extras.js';
import { breakdownOf, priceFor, type VatRates } from './pricing.js';
import { testExtra } from '../../../test/extras.js';

const RATES: VatRates = { low: 900, high: 2100 };

function extra(id: string, overrides: Partial<Extra> = {}): Extra {
  return testExtra('a', { id, label: { nl: id, en: id }, ...overrides });
}

const lunch = extra('lunch');
const drinks = extra('drinks', { basis: 'group', vat: 'high', amountCents: 4999, required: true });
const gear = extra('gear', { basis: 'unit', vat: 'high', amountCents: 1333, stock: 10, maxPerBooking: 5 });
const guide = extra('guide', { basis: 'unit', vat: 'high', amountCents: 7500, required: true });

describe('extras', () => {
  test('per person follows the group, per group is one, per unit is the number picked; required ones are always taken', () => {
    const chosen = extrasChosen([lunch, drinks, gear, guide], { lunch: 1, gear: 3, guide: 2 }, 12);
    assert.ok(chosen.ok);
    assert.deepEqual(
      chosen.held.map((h) => [h.extra.id, h.quantity]),
      [
        ['lunch', 12],
        ['drinks', 1],
        ['gear', 3],
        ['guide', 2],
      ],
    );
    const none = extrasChosen([lunch, drinks, gear], { lunch: 0 }, 12);
    assert.ok(none.ok);
    assert.deepEqual(
      none.held.map((h) => h.extra.id),
      ['drinks'],
    );
  });

  test('a choice the activity refuses names each extra at extras.<id>', () => {
    const chosen = extrasChosen([lunch, gear, guide], { nope: 1, lunch: 2, gear: 6 }, 12);
    assert.ok(!chosen.ok);
    assert.deepEqual(chosen.errors, [
      { field: 'extras.nope', code: 'unknown_extra' },
      { field: 'extras.lunch', code: 'invalid_value' },
      { field: 'extras.gear', code: 'too_large', params: { max: 5 } },
      { field: 'extras.guide', code: 'required' },
    ]);
  });

  test('a resized group keeps its per-group and per-unit extras', () => {
    const held = [
      { extra: lunch, quantity: 12 },
      { extra: drinks, quantity: 1 },
      { extra: gear, quantity: 3 },
    ];
    assert.deepEqual(
      resizedExtras(held, 7).map((h) => h.quantity),
      [7, 1, 3],
    );
  });

  test('mixed VAT: the lines add up to the total, VAT rounded once per rate, as an invoice states them', () => {
    const base = priceFor([{ label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: 1250 }], 13, RATES);
    const held = [
      { extra: lunch, quantity: 13 },
      { extra: drinks, quantity: 1 },
      { extra: gear, quantity: 3 },
    ];
    const price = breakdownOf([...base.lines.map(({ vatCents: _vat, ...gross }) => gross), ...extraLines(held, RATES)]);
    assert.deepEqual(
      price.lines.map((l) => [l.basis, l.quantity, l.unitCents, l.totalCents, l.rateBp]),
      [
        ['person', 13, 1250, 16250, 900],
        ['person', 13, 995, 12935, 900],
        ['group', 1, 4999, 4999, 2100],
        ['unit', 3, 1333, 3999, 2100],
      ],
    );
    assert.equal(price.totalCents, 16250 + 12935 + 4999 + 3999);
    // 9 %: 29185 gross -> VAT round(29185 * 9 / 109) = 2410; 21 %: 8998 gross -> round(8998 * 21 / 121) = 1562.
    assert.deepEqual(price.vat, [
      { rateBp: 2100, vatCents: 1562 },
      { rateBp: 900, vatCents: 2410 },
    ]);
    assert.equal(price.vatCents, 3972);
    assert.equal(
      price.lines.reduce((sum, l) => sum + l.vatCents, 0),
      price.vatCents,
    );
  });
});
