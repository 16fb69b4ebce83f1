import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import { TEST_ADMIN } from '../../../test/actors.js';
import type { Slot } from '../../core/availability/slot.js';
import { createDiscountCode } from '../../core/discounts/discount-admin.service.js';
import { NEW_DISCOUNT_CODE_FORM } from '../../core/discounts/discount-form.js';
import { DISCOUNT_REFUSALS } from '../../core/discounts/discount-code.js';
import { bookingCreatedJson, validationErrorJson } from './api.schemas.js';
import { publishTerms } from '../../core/venues/venue-terms.service.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const dialect of testDialects()) {
  describe(`a discount code on the booking form and the API (${dialect.name})`, () => {
    let t: TestApp;
    let slot: Slot;
    let venueId: string;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivity(t.database.db, t.clock);
      venueId = activity.venue.id;
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15', capacity: 100 });
      for (const [code, maxUses] of [
        ['ZOMER10', ''],
        ['EENMAAL', '1'],
        ['LAATSTE', '1'],
      ]) {
        const made = await createDiscountCode(
          t.database.db,
          t.clock,
          TEST_ADMIN,
          activity.venue.id,
          {
            ...NEW_DISCOUNT_CODE_FORM,
            code: code!,
            value: '10',
            maxUses: maxUses!,
          },
          'nl',
        );
        assert.ok(made.ok);
      }
    });
    after(() => t.close());

    const text = (node: { textContent: string } | null | undefined) => node?.textContent.replace(/\u00a0/g, ' ').trim();
    /** The booking form sent as a browser without JavaScript sends it. */
    const post = async (fields: Record<string, string>, lang: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { ...FORM, 'accept-language': lang },
        payload: urlencoded({
          ...(bookingRequest(slot.id, { groupSize: '4' }) as Record<string, string>),
          acceptTerms: 'yes',
          action: 'review',
          ...fields,
        }),
      });
      return { res, page: parseHtml(res.body) };
    };

    for (const [lang, label, line, unknown] of [
      ['nl', 'Kortingscode', 'Korting ZOMER10', 'Deze kortingscode kennen we niet bij deze locatie. Controleer de code.'],
      ['en', 'Discount code', 'Discount ZOMER10', 'This venue has no such discount code. Please check the code.'],
    ]) {
      test(`${lang}: the form asks for a code; the review shows its line; a wrong code is the field's error, kept as typed`, async () => {
        const form = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: { 'accept-language': lang! } })).body);
        assert.match(text(form.querySelector('label[for="discountCode"]')) ?? '', new RegExp(`^${label}`));

        const { res, page } = await post({ discountCode: ' zomer10 ' }, lang!);
        assert.equal(res.statusCode, 200);
        const rows = [...page.querySelectorAll('[data-testid="price-breakdown"] tbody tr')].map((row) => text(row.querySelector('th')));
        assert.deepEqual(rows, [lang === 'nl' ? 'Toegang' : 'Entrance', line]);
        // 4 × 12.50 less 10 %.
        assert.match(text(page.querySelector('[data-testid="price-total"]')) ?? '', /45[,.]00/);
        assert.equal(page.querySelector('input[type="hidden"][name="discountCode"]')?.getAttribute('value'), ' zomer10 ');

        const refused = await post({ discountCode: 'WINTER' }, lang!);
        assert.equal(refused.res.statusCode, 422);
        assert.equal(text(refused.page.querySelector('[data-testid="error-discountCode"]')), unknown);
        assert.equal(refused.page.querySelector('#discountCode')?.getAttribute('value'), 'WINTER');
      });
    }

    test('confirming places the booking with its discount, which the manage page shows; a used-up code is refused', async () => {
      const { page } = await post({ discountCode: 'eenmaal' }, 'nl');
      const fields = Object.fromEntries(
        [...page.querySelectorAll('form input[type="hidden"]')].map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
      );
      const placed = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: FORM,
        payload: urlencoded({ ...fields, action: 'confirm' }),
      });
      assert.equal(placed.statusCode, 303);
      const manage = parseHtml((await t.app.inject({ url: placed.headers.location!.replace('?created=1', '') })).body);
      assert.ok(
        [...manage.querySelectorAll('[data-testid="price-breakdown"] th')].some((th) => text(th) === 'Korting EENMAAL'),
        'the manage page shows the discount',
      );
      const again = await post({ discountCode: 'EENMAAL' }, 'nl');
      assert.equal(again.res.statusCode, 422);
      assert.equal(
        text(again.page.querySelector('[data-testid="error-discountCode"]')),
        'Deze kortingscode is al zo vaak gebruikt als mogelijk is.',
      );
    });

    test('the API takes discountCode: the price has its line; a refused code is a 422 at discountCode, as documented', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(slot.id, { discountCode: 'Zomer10', email: 'api@example.nl' }),
      });
      assert.equal(res.statusCode, 201, res.body);
      // The answer is what the OpenAPI document describes, its negative discount line included.
      const body = bookingCreatedJson.parse(res.json());
      assert.equal(body.price.totalCents, 4500);
      assert.deepEqual(
        body.price.lines.map((l) => [l.label.en, l.totalCents]),
        [
          ['Entrance', 5000],
          ['Discount ZOMER10', -500],
        ],
      );

      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(slot.id, { discountCode: 'EENMAAL', email: 'api2@example.nl' }),
      });
      assert.equal(refused.statusCode, 422);
      const errors = validationErrorJson.parse(refused.json()).errors;
      assert.deepEqual(
        errors.map((e) => [e.field, e.code]),
        [['discountCode', 'discount_used_up']],
      );

      const openapi = (await t.app.inject('/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
      const document = JSON.stringify(openapi);
      assert.ok(document.includes('"discountCode"'), 'the request body documents discountCode');
      for (const code of DISCOUNT_REFUSALS) {
        assert.ok(document.includes(`"${code}"`), code);
      }
    });

    test('new terms and the last use gone when confirming: the form again with the code refused, nothing booked', async () => {
      const terms = (text: string) => publishTerms(t.database.db, t.clock, TEST_ADMIN, venueId, { textNl: text, textEn: text });
      assert.ok((await terms('Versie een.')).ok);
      const { page } = await post({ discountCode: 'laatste' }, 'nl');
      const fields = Object.fromEntries(
        [...page.querySelectorAll('form input[type="hidden"]')].map((i) => [i.getAttribute('name')!, i.getAttribute('value') ?? '']),
      );
      assert.ok((await terms('Versie twee.')).ok);
      const other = bookingRequest(slot.id, { discountCode: 'LAATSTE', email: 'sneller@example.nl' });
      assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: other })).statusCode, 201);
      const before = await t.database.db.selectFrom('bookings').select('id').execute();
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: FORM,
        payload: urlencoded({ ...fields, action: 'confirm' }),
      });
      assert.equal(res.statusCode, 422);
      assert.equal(
        text(parseHtml(res.body).querySelector('[data-testid="error-discountCode"]')),
        'Deze kortingscode is al zo vaak gebruikt als mogelijk is.',
      );
      assert.equal((await t.database.db.selectFrom('bookings').select('id').execute()).length, before.length);
    });
  });
}
