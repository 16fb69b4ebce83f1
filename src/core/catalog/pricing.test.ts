import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../shared/errors.js';
import { vatIncluded } from '../shared/money.js';
import { assertPricingCovers, type PlainLine, type Pricing, priceFor, ratesOn } from './pricing.js';

const rates = { low: 900, high: 2100 };

describe('prices and VAT', () => {
  test('VAT contained in a gross amount, rounded to the cent', () => {
    assert.equal(vatIncluded(10_900, 900), 900);
    assert.equal(vatIncluded(12_100, 2100), 2100);
    assert.equal(vatIncluded(1650, 900), 136); // 1650 - 1513.76 -> 136
    assert.equal(vatIncluded(0, 2100), 0);
  });

  test('per-person and per-group lines with their own VAT rates', () => {
    const pricing: Pricing = [
      { label: { nl: 'Sloep', en: 'Boat' }, basis: 'group', vat: 'low', amountCents: 39_500 },
      { label: { nl: 'Drankjes', en: 'Drinks' }, basis: 'person', vat: 'high', amountCents: 1450 },
    ];
    const price = priceFor(pricing, 10, rates);
    assert.deepEqual(
      price.lines.map((l) => [l.quantity, l.unitCents, l.totalCents, l.rateBp, l.vatCents]),
      [
        [1, 39_500, 39_500, 900, 3261],
        [10, 1450, 14_500, 2100, 2517],
      ],
    );
    assert.equal(price.totalCents, 54_000);
    assert.equal(price.vatCents, 3261 + 2517);
    assert.deepEqual(price.vat, [
      { rateBp: 2100, vatCents: 2517 },
      { rateBp: 900, vatCents: 3261 },
    ]);
  });

  test('VAT is rounded once per rate total, as the invoice states it; the lines share it exactly', () => {
    // Three lines of EUR 16.50 at 9 %: 136 each rounded per line (408), 409 on the rate's total.
    const line = (nl: string) => ({ label: { nl, en: nl }, basis: 'group', vat: 'low', amountCents: 1650 }) as const;
    const price = priceFor([line('a'), line('b'), line('c')], 3, rates);
    assert.equal(price.vatCents, 409);
    assert.deepEqual(price.vat, [{ rateBp: 900, vatCents: 409 }]);
    assert.deepEqual(
      price.lines.map((l) => l.vatCents),
      [136, 136, 137],
    );
  });

  test('group-size bands pick the band the group falls in', () => {
    const pricing: Pricing = [
      {
        label: { nl: 'Klimmen', en: 'Climbing' },
        basis: 'person',
        vat: 'low',
        bands: [
          { minSize: 6, maxSize: 11, amountCents: 2450 },
          { minSize: 12, maxSize: 30, amountCents: 1950 },
        ],
      },
    ];
    assert.equal(priceFor(pricing, 11, rates).totalCents, 11 * 2450);
    assert.equal(priceFor(pricing, 12, rates).totalCents, 12 * 1950);
    assert.throws(
      () => priceFor(pricing, 31, rates),
      (e: unknown) => e instanceof DomainError && e.code === 'price_unavailable',
    );
    assert.doesNotThrow(() => assertPricingCovers(pricing, 6, 30));
    assert.throws(() => assertPricingCovers(pricing, 5, 30), DomainError);
    const overlapping: Pricing = [
      {
        ...(pricing[0] as PlainLine),
        bands: [
          { minSize: 1, maxSize: 10, amountCents: 1 },
          { minSize: 10, maxSize: 20, amountCents: 1 },
        ],
      },
    ];
    assert.throws(() => assertPricingCovers(overlapping, 1, 20), DomainError);
  });

  test('VAT rates are taken from the date of the visit', () => {
    const rows = [
      { code: 'high', rate_bp: 2100, valid_from: '2012-10-01' },
      { code: 'low', rate_bp: 600, valid_from: '2001-01-01' },
      { code: 'low', rate_bp: 900, valid_from: '2019-01-01' },
    ];
    assert.deepEqual(ratesOn(rows, '2018-12-31'), { low: 600, high: 2100 });
    assert.deepEqual(ratesOn(rows, '2019-01-01'), { low: 900, high: 2100 });
    assert.throws(() => ratesOn(rows, '2010-01-01'));
  });
});
