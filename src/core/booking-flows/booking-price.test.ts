import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pricing, VatRateRow } from '../catalog/pricing.js';
import { FieldsRefused } from '../shared/field-errors.js';
import { MAX_BOOKING_CENTS } from '../shared/money.js';
import { priceAtRates } from './booking-price.service.js';
import { testExtra } from '../../../test/extras.js';

const RATES: VatRateRow[] = [
  { code: 'high', rate_bp: 2100, valid_from: '2012-10-01' },
  { code: 'low', rate_bp: 900, valid_from: '2019-01-01' },
];
/** EUR 100,000 a person: the most a price line takes (the back office's form). */
const pricing: Pricing = [{ label: { nl: 'Diner', en: 'Dinner' }, basis: 'person', vat: 'low', amountCents: 10_000_000 }];
const startsAt = new Date('2026-06-15T08:00:00Z');
const priceOf = (groupSize: number, previousCents?: number, adjustmentCents = 0) =>
  priceAtRates(RATES, pricing, startsAt, {
    groupSize,
    party: null,
    ...(previousCents !== undefined && { repriced: { previousCents, adjustmentCents } }),
  });

describe('the most one booking may cost', () => {
  test('a price up to the maximum is given; above it, refused at the group size naming the maximum', () => {
    assert.equal(priceOf(10).totalCents, MAX_BOOKING_CENTS);
    assert.throws(
      () => priceOf(11),
      (e: unknown) =>
        e instanceof FieldsRefused &&
        JSON.stringify(e.errors) ===
          JSON.stringify([{ field: 'groupSize', code: 'total_too_large', params: { max: { cents: MAX_BOOKING_CENTS } } }]),
    );
  });

  test('over it by the extras chosen, the group alone within it: refused at the chosen extra that adds the most', () => {
    const refusedAt = (groupSize: number, extras: { extra: ReturnType<typeof testExtra>; quantity: number }[], previousCents?: number) => {
      try {
        priceAtRates(RATES, pricing, startsAt, {
          groupSize,
          party: null,
          extras,
          ...(previousCents !== undefined && { repriced: { previousCents, adjustmentCents: 0 } }),
        });
      } catch (e) {
        if (e instanceof FieldsRefused) return e.errors.map((error) => `${error.field} ${error.code}`);
        throw e;
      }
      return [];
    };
    const free = testExtra('a', { amountCents: 0 });
    const wine = testExtra('a', { amountCents: 2_000_000 });
    const boats = testExtra('a', { basis: 'unit', amountCents: 50_000_000, required: true });
    const tax = testExtra('a', { basis: 'group', amountCents: 50_000_000, required: true });
    assert.deepEqual(
      refusedAt(9, [
        { extra: free, quantity: 9 },
        { extra: wine, quantity: 9 },
      ]),
      [`extras.${wine.id} total_too_large`],
    );
    assert.deepEqual(refusedAt(1, [{ extra: boats, quantity: 3 }]), [`extras.${boats.id} total_too_large`], 'units are a choice');
    // A cheap extra chosen first is not blamed for the costly one chosen after it.
    const lunch = testExtra('a', { amountCents: 595 });
    const jackets = testExtra('a', { basis: 'unit', amountCents: 250_000 });
    assert.deepEqual(
      refusedAt(9, [
        { extra: lunch, quantity: 9 },
        { extra: jackets, quantity: 999 },
      ]),
      [`extras.${jackets.id} total_too_large`],
    );
    // A required extra per group is no choice of the organiser's, nor is a group alone over the bound.
    assert.deepEqual(refusedAt(6, [{ extra: tax, quantity: 1 }]), ['groupSize total_too_large']);
    assert.deepEqual(refusedAt(11, [{ extra: wine, quantity: 11 }]), ['groupSize total_too_large']);
    // A change of a booking's group is refused where it was typed: the group size.
    assert.deepEqual(refusedAt(9, [{ extra: wine, quantity: 9 }], 9 * 10_000_000), ['groupSize total_too_large']);
  });

  test('a booking stored above it before the bound may come down, not go up', () => {
    const stored = 15 * 10_000_000;
    assert.equal(priceOf(12, stored).totalCents, 12 * 10_000_000);
    assert.equal(priceOf(15, stored).totalCents, stored);
    assert.throws(() => priceOf(16, stored), FieldsRefused);
  });

  test('a booking priced again counts the fees it kept: growing again after shrinking cannot pass the bound', () => {
    // Shrunk from 10 to 2 with the whole fee kept: 8 persons' price owed beside the price of 2.
    const kept = 8 * 10_000_000;
    assert.equal(priceOf(2, 2 * 10_000_000, kept).totalCents, 2 * 10_000_000);
    assert.throws(() => priceOf(3, 2 * 10_000_000, kept), FieldsRefused);
    // Goodwill refunded (a negative adjustment) leaves more room.
    assert.equal(priceOf(11, 10 * 10_000_000, -10_000_000).totalCents, 11 * 10_000_000);
  });
});
