import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bookingDetails } from '../../../test/booking-details.js';
import { testExtra } from '../../../test/extras.js';
import { priceFor, type Pricing } from '../catalog/pricing.js';
import { withExtras } from '../catalog/extras.js';
import { atBookedExtraPrices, bookingPricing } from './booking-pricing.js';

type Line = Pricing[number];
const RATES = { low: 900, high: 2100 };
const pupil = (amountCents: number): Line => ({
  label: { nl: 'Leerling', en: 'Pupil' },
  basis: 'category',
  key: 'pupil',
  vat: 'low',
  amountCents,
});
const teacher = (amountCents: number, per: number): Line => ({
  label: { nl: 'Leraar', en: 'Teacher' },
  basis: 'category',
  key: 'teacher',
  vat: 'low',
  amountCents,
  free: { per, of: 'pupil' },
});
const toddler: Line = { label: { nl: 'Peuter', en: 'Toddler' }, basis: 'category', key: 'toddler', vat: 'low', amountCents: 300 };
const guide = (amountCents: number): Line => ({ label: { nl: 'Gids', en: 'Guide' }, basis: 'group', vat: 'high', amountCents });
const entrance = (small: number, large: number): Line => ({
  label: { nl: 'Toegang', en: 'Entrance' },
  basis: 'person',
  vat: 'low',
  bands: [
    { minSize: 1, maxSize: 9, amountCents: small },
    { minSize: 10, maxSize: 40, amountCents: large },
  ],
});

/** A booking of `groupSize` priced by `booked`, of an activity priced by `today` now; `kept` false: placed before the pricing was kept. */
function booking(
  booked: Pricing,
  today: Pricing,
  groupSize: number,
  { kept = true, party }: { kept?: boolean; party?: Record<string, number> } = {},
) {
  const base = bookingDetails();
  return {
    ...base,
    groupSize,
    party: party ?? null,
    price: priceFor(booked, groupSize, RATES, party),
    pricingAsBooked: kept ? booked : null,
    activity: { ...base.activity, pricing: today },
  };
}

describe('the price rules a booking keeps', () => {
  test('the pricing kept when booked, whatever the activity charges today', () => {
    const booked: Pricing = [entrance(2000, 1800), guide(4500)];
    assert.deepEqual(bookingPricing(booking(booked, [entrance(3000, 2500), guide(7500)], 12)), booked);
  });

  test('a price category added since joins at its price today; those the booking had keep theirs, one dropped since too', () => {
    const booked: Pricing = [pupil(950), teacher(1200, 8), guide(4500)];
    const today: Pricing = [pupil(1450), guide(7500), toddler];
    const party = { pupil: 24, teacher: 4 };
    assert.deepEqual(bookingPricing(booking(booked, today, 28, { party })), [...booked, toddler]);
  });

  test('a booking priced by its size alone stays so when the activity has price categories since', () => {
    const booked: Pricing = [guide(4500)];
    assert.deepEqual(bookingPricing(booking(booked, [pupil(950), guide(7500)], 10)), booked);
  });

  test('placed before the pricing was kept: today’s lines at the unit prices the booking’s own lines show, by label and basis', () => {
    const booked: Pricing = [pupil(950), teacher(1200, 8), entrance(2000, 1800), guide(4500)];
    const renamedGuide = { ...guide(7500), label: { nl: 'Gids en koffie', en: 'Guide and coffee' } };
    const today: Pricing = [pupil(1450), teacher(1800, 10), entrance(3000, 2500), renamedGuide, toddler];
    const party = { pupil: 24, teacher: 3 };
    assert.deepEqual(bookingPricing(booking(booked, today, 27, { kept: false, party })), [
      pupil(950),
      // Every teacher went free: no line shows what one costs, so today's price (and today's allowance: the rules are today's).
      teacher(1800, 10),
      // Only the band of the booking's size is known.
      entrance(3000, 1800),
      renamedGuide,
      toddler,
    ]);
  });

  test('extras at the unit prices the booking took them at; one without a line of its own at today’s', () => {
    const lunch = testExtra('act1', { amountCents: 1295 });
    const drinks = testExtra('act1', { amountCents: 500, basis: 'group' });
    const price = withExtras(priceFor([guide(4500)], 12, RATES), [{ extra: { ...lunch, amountCents: 795 }, quantity: 12 }], RATES);
    const held = atBookedExtraPrices(
      [
        { extra: lunch, quantity: 12 },
        { extra: drinks, quantity: 1 },
      ],
      price,
    );
    assert.deepEqual(
      held.map((h) => [h.extra.id, h.extra.amountCents, h.quantity]),
      [
        [lunch.id, 795, 12],
        [drinks.id, 500, 1],
      ],
    );
  });
});
