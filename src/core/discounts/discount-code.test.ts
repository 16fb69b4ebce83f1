import assert from 'node:assert/strict';
import { test } from 'node:test';
import { breakdownOf, type GrossPricedLine } from '../catalog/pricing.js';
import { type DiscountCode, discountLines, discountRefusal, withDiscount } from './discount-code.js';

const line = (totalCents: number, rateBp: number, quantity = 1): GrossPricedLine => ({
  label: { nl: `Regel ${rateBp}`, en: `Line ${rateBp}` },
  basis: quantity === 1 ? 'group' : 'person',
  quantity,
  unitCents: totalCents / quantity,
  totalCents,
  rateBp,
});

/** A school trip: entrance at 9 % (7 × 12.50) and lunch at 21 % (7 × 8.95). */
const MIXED = [line(8750, 900, 7), line(6265, 2100, 7)];

test('a percentage comes off each VAT rate on its own line, rounded half up per rate, and VAT follows per rate', () => {
  const lines = discountLines(MIXED, { code: 'SCHOOL10', kind: 'percent', percent: 15 }, 7);
  // 15 % of 87.50 = 13.125 -> 13.13; 15 % of 62.65 = 9.3975 -> 9.40; highest rate first.
  assert.deepEqual(
    lines.map((l) => [l.rateBp, l.totalCents, l.quantity, l.unitCents]),
    [
      [2100, -940, 1, -940],
      [900, -1313, 1, -1313],
    ],
  );
  assert.deepEqual(lines[0]!.label, { nl: 'Korting SCHOOL10', en: 'Discount SCHOOL10' });
  const price = withDiscount(breakdownOf(MIXED), { code: 'SCHOOL10', kind: 'percent', percent: 15 }, 7);
  assert.equal(price.totalCents, 8750 + 6265 - 1313 - 940);
  // VAT per rate on the rate's total after the discount: 21 % of 53.25 gross, 9 % of 74.37 gross.
  assert.deepEqual(price.vat, [
    { rateBp: 2100, vatCents: Math.round(5325 - (5325 * 10000) / 12100) },
    { rateBp: 900, vatCents: Math.round(7437 - (7437 * 10000) / 10900) },
  ]);
  assert.equal(
    price.lines.reduce((sum, l) => sum + l.vatCents, 0),
    price.vatCents,
  );
});

test('an amount is split over the rates in proportion to their gross, largest remainder, adding up exactly', () => {
  const lines = discountLines(MIXED, { code: 'MINUS10', kind: 'amount', amountCents: 1000, per: 'booking' }, 7);
  // 10.00 × 87.50/150.15 = 5.8275 -> 5.82 (+1: largest remainder) ; 10.00 × 62.65/150.15 = 4.1725 -> 4.17.
  assert.deepEqual(
    lines.map((l) => [l.rateBp, l.totalCents]),
    [
      [2100, -417],
      [900, -583],
    ],
  );
  assert.equal(
    lines.reduce((s, l) => s + l.totalCents, 0),
    -1000,
  );
});

test('an amount per person is times the group, and never more than the price: the total stays at zero at worst', () => {
  const perPerson = discountLines(MIXED, { code: 'PP', kind: 'amount', amountCents: 300, per: 'person' }, 7);
  assert.equal(
    perPerson.reduce((s, l) => s + l.totalCents, 0),
    -2100,
  );
  const huge = withDiscount(breakdownOf(MIXED), { code: 'ALL', kind: 'amount', amountCents: 100_000, per: 'booking' }, 7);
  assert.equal(huge.totalCents, 0);
  assert.equal(huge.vatCents, 0);
  assert.deepEqual(
    huge.lines.filter((l) => l.totalCents < 0).map((l) => [l.rateBp, l.totalCents]),
    [
      [2100, -6265],
      [900, -8750],
    ],
  );
  const whole = withDiscount(breakdownOf(MIXED), { code: 'FREE', kind: 'percent', percent: 100 }, 7);
  assert.equal(whole.totalCents, 0);
  assert.equal(whole.vatCents, 0);
});

test('a rate with nothing to discount gets no line, and a price of nothing stays as it is', () => {
  const free = [line(0, 2100), line(1999, 900)];
  assert.deepEqual(
    discountLines(free, { code: 'X', kind: 'percent', percent: 50 }, 1).map((l) => [l.rateBp, l.totalCents]),
    [[900, -1000]],
  );
  const nothing = breakdownOf([line(0, 900)]);
  assert.equal(withDiscount(nothing, { code: 'X', kind: 'amount', amountCents: 500, per: 'booking' }, 1), nothing);
});

test('rounding per rate on awkward amounts: every split adds up, no part exceeds its rate, VAT of the lines is the VAT per rate', () => {
  for (let a = 1; a <= 301; a += 7) {
    for (const amount of [1, 3, 99, 1001, 4999]) {
      const lines = [line(a, 900), line(a * 3 + 1, 2100), line(a + 2, 900)];
      const price = withDiscount(breakdownOf(lines), { code: 'A', kind: 'amount', amountCents: amount, per: 'booking' }, 1);
      const before = breakdownOf(lines).totalCents;
      assert.equal(price.totalCents, before - Math.min(amount, before));
      for (const rate of [900, 2100]) {
        const ofRate = price.lines.filter((l) => l.rateBp === rate);
        assert.ok(ofRate.reduce((s, l) => s + l.totalCents, 0) >= 0);
        assert.equal(
          ofRate.reduce((s, l) => s + l.vatCents, 0),
          price.vat.find((v) => v.rateBp === rate)?.vatCents ?? 0,
        );
      }
    }
  }
});

test('a code is refused for a booking by its dates (Amsterdam dates, both ends included), activities, group and uses', () => {
  const code: DiscountCode = {
    id: 'c',
    venueId: 'v',
    terms: { code: 'X', kind: 'percent', percent: 10 },
    validFrom: '2026-06-01',
    validUntil: '2026-06-30',
    minGroupSize: 8,
    maxUses: 3,
    uses: 2,
    active: true,
    activityIds: ['a1'],
    createdAt: new Date(0),
  };
  const ok = { activityId: 'a1', groupSize: 8, today: '2026-06-01' };
  assert.equal(discountRefusal(code, ok), undefined);
  assert.equal(discountRefusal(code, { ...ok, today: '2026-06-30' }), undefined);
  assert.deepEqual(discountRefusal(undefined, ok), { code: 'discount_unknown' });
  assert.deepEqual(discountRefusal({ ...code, active: false }, ok), { code: 'discount_unknown' });
  assert.deepEqual(discountRefusal(code, { ...ok, today: '2026-05-31' }), { code: 'discount_not_yet_valid' });
  assert.deepEqual(discountRefusal(code, { ...ok, today: '2026-07-01' }), { code: 'discount_expired' });
  assert.deepEqual(discountRefusal(code, { ...ok, activityId: 'a2' }), { code: 'discount_not_for_activity' });
  assert.equal(discountRefusal({ ...code, activityIds: [] }, { ...ok, activityId: 'a2' }), undefined);
  assert.deepEqual(discountRefusal(code, { ...ok, groupSize: 7 }), { code: 'discount_group_too_small', params: { min: 8 } });
  assert.deepEqual(discountRefusal({ ...code, uses: 3 }, ok), { code: 'discount_used_up' });
  assert.equal(discountRefusal({ ...code, maxUses: null, uses: 99 }, ok), undefined);
});
