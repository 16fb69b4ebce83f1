import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_ADMIN } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeActivity, makeSlot } from '../../../test/factories.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { quoteBooking } from '../booking-flows/booking.service.js';
import type { Activity } from '../catalog/activity.js';
import { findActivity } from '../catalog/catalog.repository.js';
import type { Pricing } from '../catalog/pricing.js';
import { removePart, savePartFromForm } from './programme-admin.service.js';
import { partGroupLimits } from './programme-overview.service.js';
import { priceFromParts } from './programme-price.service.js';

const perPerson = (nl: string, en: string, vat: 'low' | 'high', amountCents: number): Pricing[number] => ({
  label: { nl, en },
  basis: 'person',
  vat,
  amountCents,
});

for (const dialect of testDialects()) {
  describe(`a programme's price and group sizes from its parts, ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    async function addPart(programme: Activity, titleNl: string, titleEn: string, offset: number, partActivityId = ''): Promise<string> {
      const form = { titleNl, titleEn, offset: String(offset), duration: '60', partActivityId, resources: [], buffers: {} };
      const part = await savePartFromForm(database.db, clock, TEST_ADMIN, programme.id, undefined, form, 'nl');
      assert.ok(part.ok, JSON.stringify(part));
      return part.value.id;
    }

    test('two parts at 9 % and 21 %: two price lines, and a booking pays VAT at each rate', async () => {
      const { db } = database;
      const climbing = await makeActivity(db, clock, { pricing: [perPerson('Klimmen', 'Climbing', 'high', 2000)] });
      const venueId = climbing.venue.id;
      const tour = await makeActivity(db, clock, { venueId, pricing: [perPerson('per persoon', 'per person', 'low', 1500)] });
      const programme = await makeActivity(db, clock, { venueId, durationMinutes: 300 });
      await addPart(programme, 'Rondvaart', 'Canal tour', 180, tour.id);
      await addPart(programme, 'Klimwand', 'Climbing wall', 0, climbing.id);

      const priced = await priceFromParts(db, clock, TEST_ADMIN, programme.id);
      assert.ok(priced.ok, JSON.stringify(priced));
      const expected: Pricing = [
        perPerson('Klimwand: Klimmen', 'Climbing wall: Climbing', 'high', 2000),
        perPerson('Rondvaart: per persoon', 'Canal tour: per person', 'low', 1500),
      ];
      assert.deepEqual(priced.value.pricing, expected);
      assert.deepEqual((await findActivity(db, { id: programme.id }))!.pricing, expected);
      const logged = await db.selectFrom('activity_log').select(['action', 'detail']).where('target', '=', programme.slug).execute();
      assert.ok(logged.some((entry) => entry.action === 'activity.updated' && /"changed":"pricing"/.test(String(entry.detail))));

      const slot = await makeSlot(db, clock, programme, { date: '2026-06-15', time: '09:00' });
      const { price } = await quoteBooking(db, clock, NO_PAYMENTS, { slotId: slot.id, groupSize: 10 });
      assert.deepEqual(
        price.lines.map((line) => [line.label.nl, line.quantity, line.totalCents, line.rateBp]),
        [
          ['Klimwand: Klimmen', 10, 20000, 2100],
          ['Rondvaart: per persoon', 10, 15000, 900],
        ],
      );
      // VAT within an amount that includes it: 200.00 × 21/121 and 150.00 × 9/109, each rounded once per rate.
      assert.deepEqual(price.vat, [
        { rateBp: 2100, vatCents: 3471 },
        { rateBp: 900, vatCents: 1239 },
      ]);
      assert.equal(price.totalCents, 35000);
    });

    test('refused when no part is an activity or a part prices by category; bands must cover the programme’s group sizes', async () => {
      const { db } = database;
      const programme = await makeActivity(db, clock, { durationMinutes: 300, minGroupSize: 1, maxGroupSize: 30 });
      const venueId = programme.venue.id;
      assert.deepEqual(await priceFromParts(db, clock, TEST_ADMIN, programme.id), {
        ok: false,
        errors: [{ field: 'price', code: 'no_part_activity' }],
      });
      const lunch = await addPart(programme, 'Lunch', 'Lunch', 0);
      assert.deepEqual(await priceFromParts(db, clock, TEST_ADMIN, programme.id), {
        ok: false,
        errors: [{ field: 'price', code: 'no_part_activity' }],
      });
      const banded = await makeActivity(db, clock, {
        venueId,
        pricing: [
          { label: { nl: 'Groep', en: 'Group' }, basis: 'group', vat: 'high', bands: [{ minSize: 1, maxSize: 20, amountCents: 5000 }] },
        ],
      });
      await addPart(programme, 'Bowlen', 'Bowling', 60, banded.id);
      // The lunch has no price of its own: taking the bowling's alone would drop it without a word.
      assert.deepEqual(await priceFromParts(db, clock, TEST_ADMIN, programme.id), {
        ok: false,
        errors: [{ field: 'price', code: 'no_part_activity' }],
      });
      await removePart(db, clock, TEST_ADMIN, programme.id, lunch);
      assert.deepEqual(await priceFromParts(db, clock, TEST_ADMIN, programme.id), {
        ok: false,
        errors: [{ field: 'price', code: 'bands_not_covering' }],
      });
      const school = await makeActivity(db, clock, {
        venueId,
        pricing: [{ label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 900 }],
      });
      await addPart(programme, 'Les', 'Lesson', 120, school.id);
      assert.deepEqual(await priceFromParts(db, clock, TEST_ADMIN, programme.id), {
        ok: false,
        errors: [{ field: 'price', code: 'part_priced_by_category' }],
      });
      assert.deepEqual((await findActivity(db, { id: programme.id }))!.pricing, programme.pricing, 'nothing changed');
    });

    test("the parts' group sizes: the highest minimum and the lowest maximum, and whether the programme goes outside", async () => {
      const { db } = database;
      const a = await makeActivity(db, clock, { minGroupSize: 4, maxGroupSize: 30 });
      const b = await makeActivity(db, clock, { venueId: a.venue.id, minGroupSize: 2, maxGroupSize: 12 });
      const within = await makeActivity(db, clock, { venueId: a.venue.id, minGroupSize: 4, maxGroupSize: 12 });
      assert.deepEqual(partGroupLimits(within, [a, b]), { min: 4, max: 12, outside: false });
      assert.deepEqual(partGroupLimits({ ...within, maxGroupSize: 13 }, [a, b]), { min: 4, max: 12, outside: true });
      assert.deepEqual(partGroupLimits({ ...within, minGroupSize: 3 }, [a, b]), { min: 4, max: 12, outside: true });
      assert.equal(partGroupLimits(within, []), null);
    });
  });
}
