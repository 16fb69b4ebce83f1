import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amountsOf } from '../invoices/invoice-amounts.js';
import { bookingLines } from '../invoices/invoice-targets.js';
import { vatIncluded } from '../shared/money.js';
import { defaultParty, partyErrors, resizedParty, sameGroup } from './price-categories.js';
import { categoriesOf, changedGroup, type Pricing, priceFor, pricingSchema } from './pricing.js';

const rates = { low: 900, high: 2100 };

/** A school trip: pupils, one free adult per eight pupils (at least one adult), a group line at 21 %. */
const SCHOOL: Pricing = pricingSchema.parse([
  { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 995, minCount: 8 },
  {
    label: { nl: 'Begeleider', en: 'Adult' },
    basis: 'category',
    key: 'adult',
    vat: 'low',
    amountCents: 1795,
    minCount: 1,
    maxCount: 10,
    free: { per: 8, of: 'pupil' },
  },
  { label: { nl: 'Lesmateriaal', en: 'Materials' }, basis: 'group', vat: 'high', amountCents: 2500 },
]);

const priceOf = (party: Record<string, number>) =>
  priceFor(
    SCHOOL,
    Object.values(party).reduce((a, b) => a + b, 0),
    rates,
    party,
  );

/** The lines as [label, quantity, unit, total]. */
const linesOf = (party: Record<string, number>) => priceOf(party).lines.map((l) => [l.label.en, l.quantity, l.unitCents, l.totalCents]);

describe('price categories and free companions', () => {
  test('one adult free per eight pupils, at the boundaries: 7, 8, 15, 16 and 17 pupils', () => {
    assert.deepEqual(linesOf({ pupil: 7, adult: 3 }), [
      ['Pupil', 7, 995, 6965],
      ['Adult', 3, 1795, 5385],
      ['Materials', 1, 2500, 2500],
    ]);
    assert.deepEqual(linesOf({ pupil: 8, adult: 3 }).slice(1, 3), [
      ['Adult', 2, 1795, 3590],
      ['Adult (free)', 1, 0, 0],
    ]);
    assert.deepEqual(linesOf({ pupil: 15, adult: 3 }).slice(1, 3), [
      ['Adult', 2, 1795, 3590],
      ['Adult (free)', 1, 0, 0],
    ]);
    assert.deepEqual(linesOf({ pupil: 16, adult: 3 }).slice(1, 3), [
      ['Adult', 1, 1795, 1795],
      ['Adult (free)', 2, 0, 0],
    ]);
    assert.deepEqual(linesOf({ pupil: 17, adult: 3 }).slice(1, 3), [
      ['Adult', 1, 1795, 1795],
      ['Adult (free)', 2, 0, 0],
    ]);
  });

  test('fewer adults than the allowance: all of them free, no paying line; no adults: no adult line', () => {
    assert.deepEqual(linesOf({ pupil: 24, adult: 2 }), [
      ['Pupil', 24, 995, 23_880],
      ['Adult (free)', 2, 0, 0],
      ['Materials', 1, 2500, 2500],
    ]);
    assert.deepEqual(
      linesOf({ pupil: 24, adult: 0 }).map((l) => l[0]),
      ['Pupil', 'Materials'],
    );
  });

  test('mixed VAT: rounded once per rate, and the totals are the invoice’s to the cent', () => {
    // 15 pupils at 9.95 and 2 adults at 17.95, one of them free (9 %): 149.25 + 17.95 = 167.20 at 9 %, 25.00 at 21 %.
    const price = priceOf({ pupil: 15, adult: 2 });
    assert.equal(price.totalCents, 14_925 + 1795 + 2500);
    const perLine = vatIncluded(14_925, 900) + vatIncluded(1795, 900);
    assert.deepEqual(price.vat, [
      { rateBp: 2100, vatCents: vatIncluded(2500, 2100) },
      { rateBp: 900, vatCents: vatIncluded(16_720, 900) },
    ]);
    // Per line the VAT would be a cent off: the rate's total is what counts.
    assert.equal(perLine, vatIncluded(16_720, 900) - 1);
    assert.equal(
      price.lines.reduce((sum, l) => sum + l.vatCents, 0),
      price.vatCents,
    );
    const invoice = amountsOf(bookingLines({ language: 'nl', price, adjustmentCents: 0 }));
    assert.equal(invoice.totalCents, price.totalCents);
    assert.equal(invoice.vatCents, price.vatCents);
    assert.deepEqual(
      invoice.vat.map((v) => [v.vatRateBp, v.vatCents]),
      price.vat.map((v) => [v.rateBp, v.vatCents]),
    );
    assert.deepEqual(
      invoice.lines.map((l) => [l.description, l.quantity]),
      [
        ['Leerling', 15],
        ['Begeleider', 1],
        ['Begeleider (gratis)', 1],
        ['Lesmateriaal', 1],
      ],
    );
  });

  test('a group size alone: each category at its minimum, the rest in the first without a free allowance', () => {
    const categories = categoriesOf(SCHOOL);
    assert.deepEqual(defaultParty(categories, 30), { pupil: 29, adult: 1 });
    assert.deepEqual(priceFor(SCHOOL, 30, rates), priceOf({ pupil: 29, adult: 1 }));
    // Persons lines count everyone, also with categories.
    const withEntrance = pricingSchema.parse([
      ...SCHOOL,
      { label: { nl: 'Entree', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: 100 },
    ]);
    assert.equal(priceFor(withEntrance, 30, rates).lines.at(-1)!.quantity, 30);
  });

  test('a size change resizes the first category; the others keep theirs (giving up persons from the last when it must)', () => {
    const categories = categoriesOf(SCHOOL);
    assert.deepEqual(resizedParty(categories, { pupil: 24, adult: 3 }, 30), { pupil: 27, adult: 3 });
    assert.deepEqual(resizedParty(categories, { pupil: 24, adult: 3 }, 2), { pupil: 0, adult: 2 });
    assert.deepEqual(changedGroup(SCHOOL, { groupSize: 27, party: { pupil: 24, adult: 3 } }, 20), {
      groupSize: 20,
      party: { pupil: 17, adult: 3 },
    });
    assert.deepEqual(changedGroup(SCHOOL, { groupSize: 27, party: { pupil: 24, adult: 3 } }, { pupil: 23, adult: 4 }), {
      groupSize: 27,
      party: { pupil: 23, adult: 4 },
    });
    assert.ok(sameGroup({ groupSize: 27, party: { pupil: 24, adult: 3 } }, { groupSize: 27, party: { adult: 3, pupil: 24 } }));
    assert.ok(!sameGroup({ groupSize: 27, party: { pupil: 24, adult: 3 } }, { groupSize: 27, party: { pupil: 23, adult: 4 } }));
  });

  test("a party's faults: unknown keys, counts outside a category's limits, each at its field", () => {
    const categories = categoriesOf(SCHOOL);
    assert.deepEqual(partyErrors(categories, { pupil: 24, adult: 2 }), []);
    assert.deepEqual(partyErrors(categories, { pupil: 7, adult: 11, dog: 1 }), [
      { field: 'party.dog', code: 'invalid_value' },
      { field: 'party.pupil', code: 'count_below_min', params: { min: 8 } },
      { field: 'party.adult', code: 'count_above_max', params: { max: 10 } },
    ]);
    // A count below zero names the bound the field's hint names: the category's minimum, else 0.
    assert.deepEqual(partyErrors(categories, { pupil: 40, adult: -18 }), [
      { field: 'party.adult', code: 'count_below_min', params: { min: 1 } },
    ]);
    const noMinimum = categoriesOf(pricingSchema.parse([{ ...SCHOOL[0], minCount: undefined }]));
    assert.deepEqual(partyErrors(noMinimum, { pupil: -1 }), [{ field: 'party.pupil', code: 'count_below_min', params: { min: 0 } }]);
    assert.deepEqual(partyErrors(noMinimum, { pupil: 2.5 }), [{ field: 'party.pupil', code: 'not_a_number' }]);
    // A category left out counts 0, under its minimum.
    assert.deepEqual(partyErrors(categories, { pupil: 10 }), [{ field: 'party.adult', code: 'count_below_min', params: { min: 1 } }]);
  });

  test('the catalogue refuses categories that share a key or give free places by a category it does not have', () => {
    const category = (key: string, free?: { per: number; of: string }) => ({
      label: { nl: key, en: key },
      basis: 'category' as const,
      key,
      vat: 'low' as const,
      amountCents: 100,
      ...(free && { free }),
    });
    assert.ok(pricingSchema.safeParse([category('a'), category('b', { per: 8, of: 'a' })]).success);
    assert.ok(!pricingSchema.safeParse([category('a'), category('a')]).success);
    assert.ok(!pricingSchema.safeParse([category('a'), category('b', { per: 8, of: 'c' })]).success);
    assert.ok(!pricingSchema.safeParse([category('a', { per: 8, of: 'a' })]).success);
    assert.ok(!pricingSchema.safeParse([{ ...category('a'), minCount: 5, maxCount: 4 }]).success);
    assert.ok(!pricingSchema.safeParse([category('Not a key')]).success);
  });
});
