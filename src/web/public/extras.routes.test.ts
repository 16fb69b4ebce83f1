import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { makeExtra, unitsTaken } from '../../../test/extras.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Extra } from '../../core/catalog/extras.js';
import { activityListJson, bookingCreatedJson, slotListJson, validationErrorJson } from './api.schemas.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const errorJson = z.object({ code: z.string(), message: z.string() });
const text = (node: { textContent: string } | null | undefined) =>
  node?.textContent
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

for (const dialect of testDialects()) {
  describe(`extras on the booking form and in the API (${dialect.name})`, () => {
    let t: TestApp;
    let slot: Slot;
    let lunch: Extra;
    let drinks: Extra;
    let gear: Extra;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const { db } = t.database;
      const activity = await makeActivity(db, t.clock, { maxGroupSize: 40 });
      lunch = await makeExtra(db, activity, { label: { nl: 'Lunchpakket', en: 'Packed lunch' }, position: 1 });
      drinks = await makeExtra(db, activity, {
        label: { nl: 'Drankjes', en: 'Drinks' },
        basis: 'group',
        vat: 'high',
        amountCents: 2500,
        required: true,
        position: 2,
      });
      gear = await makeExtra(db, activity, {
        label: { nl: 'Klimset', en: 'Climbing gear' },
        basis: 'unit',
        vat: 'high',
        amountCents: 1500,
        stock: 6,
        maxPerBooking: 5,
        position: 3,
      });
      slot = await makeSlot(db, t.clock, activity, { capacity: 200 });
    });
    after(() => t.close());

    const post = (fields: Record<string, string>, lang = 'nl') =>
      t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { ...FORM, 'accept-language': lang },
        payload: urlencoded({
          ...(bookingRequest(slot.id, { groupSize: '4', email: `form-${Math.random()}@example.nl` }) as Record<string, string>),
          acceptTerms: 'yes',
          action: 'review',
          ...fields,
        }),
      });

    test('the form offers each extra with its price and what is left, in Dutch and English', async () => {
      for (const [lang, legend, lunchHint, gearHint, drinksText] of [
        [
          'nl',
          'Extra’s',
          '€ 9,95 per persoon',
          '€ 15,00 per stuk · nog 6 beschikbaar · hoogstens 5 per boeking',
          'Drankjes (€ 25,00 per groep · altijd inbegrepen)',
        ],
        ['en', 'Extras', '€9.95 per person', '€15.00 each · 6 left · at most 5 per booking', 'Drinks (€25.00 per group · always included)'],
      ] as const) {
        const page = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: { 'accept-language': lang } })).body);
        const section = page.querySelector('[data-testid="extras"]');
        assert.equal(text(section?.querySelector('legend')), legend);
        assert.equal(section?.querySelector(`input[name="extras.${lunch.id}"]`)?.getAttribute('type'), 'checkbox');
        assert.equal(text(page.querySelector(`[id="extras.${lunch.id}-hint"]`)), lunchHint);
        // Its maximum is in the hint: the field is text with a numeric keyboard, which the browser does not check.
        const units = section?.querySelector(`input[name="extras.${gear.id}"]`);
        assert.deepEqual(
          ['type', 'inputmode', 'max'].map((attribute) => units?.getAttribute(attribute)),
          ['text', 'numeric', undefined],
        );
        assert.equal(text(page.querySelector(`[id="extras.${gear.id}-hint"]`)), gearHint);
        assert.equal(text(page.querySelector(`[data-testid="extra-${drinks.id}"]`)), drinksText);
      }
    });

    test('an extra by the unit without a stock or a maximum of its own names the most any booking takes', async () => {
      const { db } = t.database;
      const activity = await makeActivity(db, t.clock);
      const torch = await makeExtra(db, activity, {
        label: { nl: 'Fakkel', en: 'Torch' },
        basis: 'unit',
        amountCents: 300,
        stock: null,
        maxPerBooking: null,
      });
      const unlimited = await makeSlot(db, t.clock, activity, { capacity: 20 });
      for (const [lang, hint] of [
        ['nl', '€ 3,00 per stuk · hoogstens 999 per boeking'],
        ['en', '€3.00 each · at most 999 per booking'],
      ] as const) {
        const page = parseHtml((await t.app.inject({ url: `/book/${unlimited.id}`, headers: { 'accept-language': lang } })).body);
        assert.equal(text(page.querySelector(`[id="extras.${torch.id}-hint"]`)), hint);
        const describedBy = page.querySelector(`input[name="extras.${torch.id}"]`)?.getAttribute('aria-describedby');
        assert.equal(describedBy, `extras.${torch.id}-hint`);
      }
    });

    test('with JavaScript off: chosen on the form, shown on the review, placed on confirming', async () => {
      const review = await post({ [`extras.${lunch.id}`]: '1', [`extras.${gear.id}`]: '2' }, 'en');
      assert.equal(review.statusCode, 200, review.body.slice(0, 500));
      const page = parseHtml(review.body);
      const rows = page.querySelectorAll('[data-testid="price-breakdown"] tbody tr').map((row) =>
        row
          .querySelectorAll('th, td')
          .map((cell) => text(cell))
          .join(' '),
      );
      assert.deepEqual(rows, [
        'Entrance 4 people €12.50 9% €50.00',
        'Packed lunch 4 people €9.95 9% €39.80',
        'Drinks per group €25.00 21% €25.00',
        'Climbing gear 2 units €15.00 21% €30.00',
      ]);
      const fields: Record<string, string> = { ...formFields(page.querySelector('form#booking-review')!), action: 'confirm' };
      assert.deepEqual([fields[`extras.${lunch.id}`], fields[`extras.${gear.id}`]], ['1', '2']);
      const placed = await t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(fields) });
      assert.equal(placed.statusCode, 303, placed.body.slice(0, 300));
      const manage = await t.app.inject({ url: String(placed.headers.location), headers: { 'accept-language': 'en' } });
      assert.match(text(parseHtml(manage.body).querySelector('[data-testid="price-breakdown"]')) ?? '', /Climbing gear/);
      assert.equal(await unitsTaken(t.database.db, slot.id, gear.id), 2);
    });

    test("too many units, naming the extra's maximum, and a sold-out extra are refused in the language of the form, keeping the input", async () => {
      for (const [lang, atMost] of [
        ['nl', 'Hoogstens 5.'],
        ['en', 'At most 5.'],
      ] as const) {
        const tooMany = await post({ [`extras.${gear.id}`]: '9' }, lang);
        assert.equal(tooMany.statusCode, 422);
        const page = parseHtml(tooMany.body);
        assert.equal(text(page.querySelector(`[data-testid="error-extras.${gear.id}"]`)), atMost);
        assert.equal(page.querySelector(`input[name="extras.${gear.id}"]`)?.getAttribute('value'), '9');
      }
      const junk = await post({ [`extras.${gear.id}`]: 'vijf' }, 'nl');
      assert.equal(junk.statusCode, 422);
      assert.equal(text(parseHtml(junk.body).querySelector(`[data-testid="error-extras.${gear.id}"]`)), 'Vul een heel getal in.');
      assert.equal(parseHtml(junk.body).querySelector(`input[name="extras.${gear.id}"]`)?.getAttribute('value'), 'vijf');
      const grouped = await post({ [`extras.${gear.id}`]: '2,000' }, 'nl');
      assert.equal(
        text(parseHtml(grouped.body).querySelector(`[data-testid="error-extras.${gear.id}"]`)),
        'Een komma staat voor decimalen. Bedoelt u 2.000? Schrijf dan 2000 of 2.000.',
      );
      for (const [lang, refusal] of [
        ['nl', 'Van “Klimset” is op dit tijdstip niet genoeg meer over. Kies minder of een ander tijdstip.'],
        ['en', '“Climbing gear” no longer has enough left at this time. Choose fewer or another time.'],
      ] as const) {
        const soldOut = await post({ [`extras.${gear.id}`]: '5', name: 'Jet Jansen' }, lang);
        assert.equal(soldOut.statusCode, 409, soldOut.body);
        const form = parseHtml(soldOut.body);
        assert.equal(text(form.querySelector('[data-testid="booking-refusal"]')), refusal);
        assert.equal(form.querySelector('input[name="name"]')?.getAttribute('value'), 'Jet Jansen');
        assert.equal(form.querySelector(`input[name="extras.${gear.id}"]`)?.getAttribute('value'), '5');
      }
    });

    test("an extra's fault is named in the summary by the extra, with its own maximum over 999 too, beside a group's fault", async () => {
      for (const [lang, group, atMost] of [
        ['nl', 'Aantal personen: Deze activiteit is voor groepen van hoogstens 40 personen.', 'Klimset: Hoogstens 5.'],
        ['en', 'Number of people: This activity is for groups of at most 40 people.', 'Climbing gear: At most 5.'],
      ] as const) {
        for (const units of ['6', '1000', '1.000.000']) {
          const refused = await post({ groupSize: '41', [`extras.${gear.id}`]: units }, lang);
          assert.equal(refused.statusCode, 422);
          const page = parseHtml(refused.body);
          const summary = page.querySelectorAll('[data-testid="form-errors"] li').map((li) => text(li));
          assert.deepEqual(summary, [group, atMost], `${lang} ${units}`);
          assert.equal(page.querySelector(`input[name="extras.${gear.id}"]`)?.getAttribute('value'), units);
        }
      }
      for (const units of [6, 1000, 1e21]) {
        const refused = await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          payload: bookingRequest(slot.id, { groupSize: 41, extras: { [gear.id]: units } }) as object,
          headers: { 'accept-language': 'en' },
        });
        assert.equal(refused.statusCode, 422, refused.body);
        assert.deepEqual(
          validationErrorJson.parse(refused.json()).errors.map((e) => [e.field, e.code, e.params]),
          [
            ['groupSize', 'group_too_large', { max: 40 }],
            [`extras.${gear.id}`, 'too_large', { max: 5 }],
          ],
          String(units),
        );
      }
    });

    test('the API lists the extras, what each slot has left, and books them', async () => {
      const listed = activityListJson.parse((await t.app.inject('/api/v1/activities')).json()).activities[0]!;
      assert.deepEqual(
        listed.extras.map((e) => [e.id, e.basis, e.vat, e.amountCents, e.required, e.stock, e.maxPerBooking]),
        [
          [lunch.id, 'person', 'low', 995, false, null, null],
          [drinks.id, 'group', 'high', 2500, true, null, null],
          [gear.id, 'unit', 'high', 1500, false, 6, 5],
        ],
      );
      // The price shown for a group is what every booking pays: the required drinks included (1 person at 12.50 + 25.00).
      assert.deepEqual([listed.price.groupSize, listed.price.totalCents], [1, 1250 + 2500]);
      const slots = async () =>
        slotListJson.parse((await t.app.inject(`/api/v1/activities/${listed.id}/slots?from=2026-06-15&to=2026-06-15`)).json()).slots;
      assert.equal((await slots())[0]!.price?.totalCents, 1250 + 2500);
      const before = (await slots())[0]!.extrasLeft[gear.id]!;
      const api = (extras: unknown, lang = 'en') =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          payload: bookingRequest(slot.id, { groupSize: 3, extras }) as object,
          headers: { 'accept-language': lang },
        });
      const created = await api({ [gear.id]: 1 });
      assert.equal(created.statusCode, 201, created.body);
      const price = bookingCreatedJson.parse(created.json()).price;
      assert.deepEqual(
        price.lines.map((l) => [l.label.en, l.basis, l.quantity, l.totalCents]),
        [
          ['Entrance', 'person', 3, 3750],
          ['Drinks', 'group', 1, 2500],
          ['Climbing gear', 'unit', 1, 1500],
        ],
      );
      assert.deepEqual((await slots())[0]!.extrasLeft, { [gear.id]: before - 1 });

      for (const [lang, atMost] of [
        ['en', 'At most 5.'],
        ['nl', 'Hoogstens 5.'],
      ] as const) {
        const refused = await api({ nope: 1, [gear.id]: 6 }, lang);
        assert.equal(refused.statusCode, 422);
        assert.deepEqual(
          validationErrorJson.parse(refused.json()).errors.map((e) => [e.field, e.code, e.params]),
          [
            ['extras.nope', 'unknown_extra', undefined],
            [`extras.${gear.id}`, 'too_large', { max: 5 }],
          ],
        );
        assert.equal(validationErrorJson.parse(refused.json()).errors[1]!.message, atMost);
      }
      // Over the most any extra takes (999): refused by the schema, naming the extra's own maximum still.
      for (const [lang, atMost] of [
        ['en', 'At most 5.'],
        ['nl', 'Hoogstens 5.'],
      ] as const) {
        const beyond = await api({ [gear.id]: 1000 }, lang);
        assert.deepEqual(validationErrorJson.parse(beyond.json()).errors, [
          { field: `extras.${gear.id}`, code: 'too_large', message: atMost, params: { max: 5 } },
        ]);
      }
      const soldOut = await api({ [gear.id]: before });
      assert.equal(soldOut.statusCode, 409, soldOut.body);
      assert.deepEqual(errorJson.parse(soldOut.json()), {
        code: 'extra_sold_out',
        message: '“Climbing gear” no longer has enough left at this time. Choose fewer or another time.',
      });
    });

    test('a slot with too few units left of an extra every booking takes is shown unavailable for that group, saying which', async () => {
      const { db } = t.database;
      const activity = await makeActivity(db, t.clock, { maxGroupSize: 40 });
      await makeExtra(db, activity, { label: { nl: 'Helm', en: 'Helmet' }, basis: 'person', required: true, stock: 10 });
      await makeSlot(db, t.clock, activity, { capacity: 200, date: '2026-06-20' });
      const listing = async (groupSize: number) =>
        slotListJson.parse(
          (await t.app.inject(`/api/v1/activities/${activity.id}/slots?from=2026-06-20&to=2026-06-20&groupSize=${groupSize}`)).json(),
        ).slots[0]!;
      assert.deepEqual([(await listing(10)).available, (await listing(10)).reason], [true, undefined]);
      assert.deepEqual([(await listing(11)).available, (await listing(11)).reason], [false, 'extra_sold_out']);
      for (const [lang, says] of [
        ['nl', 'Niet genoeg “Helm” meer over voor uw groep.'],
        ['en', 'Not enough “Helmet” left for your group.'],
      ] as const) {
        const page = parseHtml(
          (await t.app.inject({ url: `/activities/${activity.slug}?date=2026-06-20&groupSize=11`, headers: { 'accept-language': lang } }))
            .body,
        );
        const row = page.querySelector('[data-testid="slot"]');
        assert.equal(text(row?.querySelector('.reason')), says);
        assert.equal(row?.querySelector('a.button'), null, 'no way to book it');
      }
    });
  });
}
