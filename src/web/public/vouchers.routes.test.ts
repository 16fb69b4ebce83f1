import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml, urlencoded } from '../../../test/html.js';
import type { Slot } from '../../core/availability/slot.js';
import { createVoucher } from '../../core/vouchers/voucher-issuing.service.js';
import { VOUCHER_REFUSALS } from '../../core/vouchers/voucher.js';
import { bookingCreatedJson, validationErrorJson } from './api.schemas.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

for (const dialect of testDialects()) {
  describe(`a gift voucher on the booking form, the manage page and the API (${dialect.name})`, () => {
    let t: TestApp;
    let slot: Slot;
    let venueId: string;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivity(t.database.db, t.clock);
      venueId = activity.venue.id;
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15', capacity: 100 });
    });
    after(() => t.close());

    /** A voucher of the venue for `cents`, its code. */
    const voucher = async (cents: number) =>
      (
        await t.database.db.transaction().execute((trx) =>
          createVoucher(trx, t.clock, t.auth.secretKey, {
            venueId,
            amountCents: cents,
            validityMonths: 24,
            origin: 'issued',
            language: 'nl',
            issuedBy: null,
            pending: false,
          }),
        )
      ).code;
    const text = (node: { textContent: string } | null | undefined) =>
      node?.textContent
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const post = async (fields: Record<string, string>, lang: string, email = 'a@example.nl') => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { ...FORM, 'accept-language': lang },
        payload: urlencoded({
          ...(bookingRequest(slot.id, { groupSize: '4', email }) as Record<string, string>),
          acceptTerms: 'yes',
          action: 'review',
          ...fields,
        }),
      });
      return { res, page: parseHtml(res.body) };
    };

    for (const [lang, label, says, unknown] of [
      [
        'nl',
        'Cadeaubon',
        /^De cadeaubon betaalt € 50,00 bij het boeken; daarna staat er nog € 30,00 op, te gebruiken tot en met .*2028\.$/,
        'Deze cadeaubon kennen we niet. Controleer de code.',
      ],
      [
        'en',
        'Gift voucher',
        /^The gift voucher pays €50\.00 when booking; €30\.00 stays on it afterwards, to use until .*2028\.$/,
        'We do not know this gift voucher. Please check the code.',
      ],
    ] as const) {
      test(`${lang}: the form asks for a voucher; the review says what it pays; a wrong code is the field's error, kept as typed`, async () => {
        const form = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: { 'accept-language': lang } })).body);
        assert.match(text(form.querySelector('label[for="voucherCode"]')) ?? '', new RegExp(`^${label}`));
        const code = await voucher(8000);
        const typed = code.toLowerCase();
        const { res, page } = await post({ voucherCode: typed }, lang);
        assert.equal(res.statusCode, 200);
        assert.match(text(page.querySelector('[data-testid="payment-plan-voucher"]')) ?? '', says);
        // It pays everything: nothing is left to pay at the venue.
        assert.equal(page.querySelectorAll('[data-testid="payment-plan"] p').length, 1);
        assert.equal(page.querySelector('input[type="hidden"][name="voucherCode"]')?.getAttribute('value'), typed);

        const refused = await post({ voucherCode: 'ABCD-EFGH-JKMN-PQRS' }, lang);
        assert.equal(refused.res.statusCode, 422);
        assert.equal(text(refused.page.querySelector('[data-testid="error-voucherCode"]')), unknown);
        assert.equal(refused.page.querySelector('#voucherCode')?.getAttribute('value'), 'ABCD-EFGH-JKMN-PQRS');
      });
    }

    test('confirming pays with the voucher; the manage page shows it paid, and pays the rest with another voucher', async () => {
      const { page } = await post({ voucherCode: await voucher(2000) }, 'nl', 'b@example.nl');
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
      const path = placed.headers.location!.replace('?created=1', '');
      const manage = parseHtml((await t.app.inject({ url: path })).body);
      assert.match(text(manage.querySelector('[data-testid="payment-paid"]')) ?? '', /20,00/);
      assert.equal(text(manage.querySelector('[data-testid="payment-voucher"]')), '(waarvan € 20,00 met cadeaubon)');
      assert.match(text(manage.querySelector('[data-testid="payment-due"]')) ?? '', /30,00/);

      const wrong = await t.app.inject({
        method: 'POST',
        url: `${path}/voucher`,
        headers: FORM,
        payload: urlencoded({ voucherCode: 'nope' }),
      });
      assert.equal(wrong.statusCode, 422);
      const wrongPage = parseHtml(wrong.body);
      assert.equal(
        text(wrongPage.querySelector('[data-testid="error-voucherCode"]')),
        'Deze cadeaubon kennen we niet. Controleer de code.',
      );
      assert.equal(wrongPage.querySelector('#voucherCode')?.getAttribute('value'), 'nope');

      const paid = await t.app.inject({
        method: 'POST',
        url: `${path}/voucher`,
        headers: FORM,
        payload: urlencoded({ voucherCode: await voucher(10_000) }),
      });
      assert.equal(paid.statusCode, 303);
      const after = parseHtml((await t.app.inject({ url: paid.headers.location! })).body);
      assert.match(text(after.querySelector('[data-testid="notice"]')) ?? '', /De cadeaubon is gebruikt/);
      assert.match(text(after.querySelector('[data-testid="payment-due"]')) ?? '', /0,00/);
      assert.equal(after.querySelector('[data-testid="voucher-pay"]'), null, 'nothing left to pay: no voucher form');
    });

    test('the API takes voucherCode: the answer says what it paid; a refused code is a 422 at voucherCode, as documented', async () => {
      const code = await voucher(1000);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(slot.id, { voucherCode: code, email: 'api@example.nl' }),
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(bookingCreatedJson.parse(res.json()).paidCents, 1000);

      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        payload: bookingRequest(slot.id, { voucherCode: code, email: 'api2@example.nl' }),
      });
      assert.equal(refused.statusCode, 422);
      assert.deepEqual(
        validationErrorJson.parse(refused.json()).errors.map((e) => [e.field, e.code]),
        [['voucherCode', 'voucher_empty']],
      );
      const document = (await t.app.inject('/api/v1/openapi.json')).body;
      assert.ok(document.includes('"voucherCode"'), 'the request body documents voucherCode');
      for (const refusal of VOUCHER_REFUSALS) assert.ok(document.includes(`"${refusal}"`), refusal);
    });
  });
}
