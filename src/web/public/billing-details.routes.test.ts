import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { buildPayingTestApp } from '../../../test/paying-app.js';
import { brokenUblRules, documentToolsPresent, pdfText, xpathValues } from '../../../test/document-tools.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { formFields, parseHtml, urlencoded } from '../../../test/html.js';
import { completeBilling } from '../../../test/invoicing.js';
import type { TestMollie } from '../../../test/mollie/payments.js';
import type { Slot } from '../../core/availability/slot.js';
import { BILLING_LIMITS } from '../../core/payments/billing.js';
import { bookingCreatedJson, manageBookingJson, validationErrorJson } from './api.schemas.js';

const BASE = '2026-06-01T08:00:00Z';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
/** Paid online in full when booking; no paying on invoice. */
const ONLINE = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;
const BELGIAN = {
  organisation: 'Stad Antwerpen',
  address: 'Grote Markt 1\n2000 Antwerpen\nBelgië',
  reference: 'PO-BE-7',
  vatId: 'BE 0207.500.123',
};
/** Too long, a control character, a VAT id of no EU shape. */
const BAD = {
  organisation: 'x'.repeat(BILLING_LIMITS.organisation + 1),
  address: 'Dorpsstraat 1\u0007\n1234 AB Dorp',
  reference: 'PO-1',
  vatId: 'NL1234',
};
const BAD_ERRORS = [
  ['billing.organisation', 'too_long'],
  ['billing.address', 'invalid_characters'],
  ['billing.vatId', 'invalid_vat_id'],
];

for (const dialect of testDialects()) {
  describe(`billing details however a booking pays, and its invoices' buyer (${dialect.name})`, () => {
    let t: TestApp;
    let mollie: TestMollie;
    let slot: Slot;

    before(async () => {
      ({ t, mollie } = await buildPayingTestApp(dialect, BASE));
      const activity = await makeActivity(t.database.db, t.clock, { payment: ONLINE, maxGroupSize: 40 });
      await completeBilling(t.database.db, activity.venue.id, 'GZ-BIL');
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20', time: '10:00', capacity: 200 });
    });
    after(async () => {
      await t?.close();
      await mollie?.close();
    });

    const text = (node: { textContent: string } | null | undefined) => node?.textContent.replace(/\u00a0/g, ' ').trim();
    const billingRow = (reference: string) =>
      t.database.db
        .selectFrom('bookings')
        .select(['pay_by', 'billing_organisation', 'billing_address', 'billing_reference', 'billing_vat_id'])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
    /** The booking form sent as the browser sends it, with `fields` over a valid group. */
    const post = async (fields: Record<string, string>, lang = 'nl') => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/book/${slot.id}`,
        headers: { ...FORM, 'accept-language': lang },
        payload: urlencoded({
          ...(bookingRequest(slot.id, { groupSize: '6', email: `form-${Math.random()}@example.nl` }) as Record<string, string>),
          acceptTerms: 'yes',
          action: 'review',
          ...fields,
        }),
      });
      return { status: res.statusCode, headers: res.headers, page: parseHtml(res.body) };
    };
    const formOf = (billing: Record<string, string>) => Object.fromEntries(Object.entries(billing).map(([k, v]) => [`billing.${k}`, v]));
    const api = (payload: object, lang = 'en') =>
      t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload, headers: { 'accept-language': lang } });

    test('the form of an activity paid online asks the invoice details, each optional, in Dutch and English', async () => {
      for (const [lang, legend, label] of [
        ['nl', 'Factuurgegevens', 'Organisatie op de factuur (optioneel)'],
        ['en', 'Invoice details', 'Organisation on the invoice (optional)'],
      ] as const) {
        const page = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: { 'accept-language': lang } })).body);
        const section = page.querySelector('[data-testid="billing-fields"]');
        assert.equal(text(section?.querySelector('legend')), legend);
        assert.equal(text(page.querySelector('label[for="billing.organisation"]')), label);
        assert.equal(page.querySelector('[data-testid="pay-by-choice"]'), null, 'no way of paying to choose');
        for (const name of ['billing.organisation', 'billing.address', 'billing.reference', 'billing.vatId']) {
          const field = section?.querySelector(`[name="${name}"]`);
          assert.ok(field, name);
          assert.equal(field.hasAttribute('required'), false, `${name} is optional`);
        }
      }
    });

    test('the form: details given with an online payment are reviewed, carried and kept on the booking', async () => {
      const review = await post(formOf(BELGIAN));
      assert.equal(review.status, 200);
      const summary = review.page.querySelector('[data-testid="billing-summary"]');
      assert.equal(text(summary?.querySelector('h2')), 'Factuurgegevens');
      assert.ok(text(summary)?.includes('Stad Antwerpen'));
      assert.equal(text(summary?.querySelector('[data-testid="billing-vat-id"]')), 'BE0207500123', 'as the invoices will state it');
      const confirm = review.page.querySelector('form#booking-review')!;
      const fields: Record<string, string> = { ...formFields(confirm), action: 'confirm' };
      assert.equal(fields['billing.vatId'], BELGIAN.vatId, 'carried to the confirmation as typed');
      const placed = await t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(fields) });
      assert.equal(placed.statusCode, 303, placed.body.slice(0, 300));
      const manage = parseHtml((await t.app.inject(String(placed.headers.location))).body);
      const reference = text(manage.querySelector('[data-testid="booking-reference"]'))!;
      assert.deepEqual(await billingRow(reference), {
        pay_by: 'online',
        billing_organisation: 'Stad Antwerpen',
        billing_address: 'Grote Markt 1\n2000 Antwerpen\nBelgië',
        billing_reference: 'PO-BE-7',
        billing_vat_id: 'BE0207500123',
      });
    });

    test('the form: paying on invoice asked where the activity takes none is named where the summary links to', async () => {
      for (const [lang, message] of [
        ['nl', 'Voor deze activiteit kunt u niet op factuur betalen.'],
        ['en', 'This activity cannot be paid on invoice.'],
      ] as const) {
        const refused = await post({ payBy: 'invoice', ...formOf(BELGIAN) }, lang);
        assert.equal(refused.status, 422);
        const links = refused.page.querySelectorAll('[data-testid="form-errors"] a').map((a) => a.getAttribute('href')!);
        assert.ok(links.includes('#payBy'), links.join(' '));
        for (const link of links) assert.ok(refused.page.querySelector(`[id="${link.slice(1)}"]`), `${link} lands on the page`);
        assert.equal(text(refused.page.querySelector('#payBy')), message);
        assert.equal(refused.page.querySelector('input[name="billing.organisation"]')?.getAttribute('value'), BELGIAN.organisation);
      }
    });

    test('the form: fields of spaces only are no details; the booking goes on without any', async () => {
      const review = await post(formOf({ organisation: '  ', address: ' \r\n ', reference: ' ', vatId: '' }));
      assert.equal(review.status, 200);
      assert.equal(review.page.querySelector('[data-testid="billing-summary"]'), null);
    });

    test('the form: bad details are named in the language, the input kept', async () => {
      for (const [lang, messages] of [
        [
          'nl',
          [
            'Deze tekst is te lang.',
            'Deze tekst bevat tekens die niet zijn toegestaan.',
            'Vul een btw-nummer uit de EU in, zoals NL123456789B01.',
          ],
        ],
        [
          'en',
          [
            'This text is too long.',
            'This text contains characters that are not allowed.',
            'Enter an EU VAT number, such as NL123456789B01.',
          ],
        ],
      ] as const) {
        const refused = await post(formOf(BAD), lang);
        assert.equal(refused.status, 422);
        assert.deepEqual(
          BAD_ERRORS.map(([field]) => text(refused.page.querySelector(`[data-testid="error-${field}"]`))),
          messages,
        );
        const kept = formFields(refused.page.querySelector('form#booking-form')!);
        assert.deepEqual(
          [kept['billing.organisation'], kept['billing.address'], kept['billing.reference'], kept['billing.vatId']],
          [BAD.organisation, BAD.address, BAD.reference, BAD.vatId],
        );
        assert.equal(refused.page.querySelector('#billing\\.vatId')?.getAttribute('aria-invalid'), 'true');
      }
      // A reference alone names no one to address an invoice to: the organisation and address are asked.
      const partial = await post({ 'billing.reference': 'PO-9' }, 'en');
      assert.equal(partial.status, 422);
      assert.equal(text(partial.page.querySelector('[data-testid="error-billing.organisation"]')), 'Fill in this field.');
      assert.equal(text(partial.page.querySelector('[data-testid="error-billing.address"]')), 'Fill in this field.');
      assert.equal(formFields(partial.page.querySelector('form#booking-form')!)['billing.reference'], 'PO-9');
    });

    test('the API: billing with an online payment is kept; bad billing is refused field by field, translated', async () => {
      const created = await api(bookingRequest(slot.id, { email: 'api-ok@example.nl', payBy: 'online', billing: BELGIAN }));
      assert.equal(created.statusCode, 201, created.body);
      const { reference } = bookingCreatedJson.parse(created.json());
      assert.equal((await billingRow(reference)).billing_vat_id, 'BE0207500123');
      const without = await api(bookingRequest(slot.id, { email: 'api-none@example.nl' }));
      assert.equal(without.statusCode, 201, 'still optional');
      assert.equal((await billingRow(bookingCreatedJson.parse(without.json()).reference)).billing_organisation, null);

      for (const [lang, message] of [
        ['en', 'This text is too long.'],
        ['nl', 'Deze tekst is te lang.'],
      ] as const) {
        const refused = await api(bookingRequest(slot.id, { email: 'api-bad@example.nl', billing: BAD }), lang);
        assert.equal(refused.statusCode, 422);
        const { errors } = validationErrorJson.parse(refused.json());
        assert.deepEqual(
          errors.map((e) => [e.field, e.code]),
          BAD_ERRORS,
        );
        assert.equal(errors[0]!.message, message);
      }
      const partial = await api(bookingRequest(slot.id, { email: 'api-bad@example.nl', billing: { vatId: 'BE0207500123' } }));
      assert.deepEqual(
        validationErrorJson.parse(partial.json()).errors.map((e) => [e.field, e.code]),
        [
          ['billing.organisation', 'required'],
          ['billing.address', 'required'],
        ],
      );
    });

    test("an online payment's invoice names the buyer's organisation, address, VAT id and reference; a Belgian VAT id, country BE", async () => {
      if (!documentToolsPresent()) return;
      const created = await api(bookingRequest(slot.id, { email: 'paid@example.nl', billing: BELGIAN, language: 'nl' }));
      assert.equal(created.statusCode, 201, created.body);
      const manageUrl = new URL(bookingCreatedJson.parse(created.json()).manageUrl).pathname;
      const token = manageUrl.split('/').pop()!;
      const pay = await t.app.inject(`${manageUrl}/pay`);
      assert.equal(pay.statusCode, 303, pay.body);
      const providerId = String(pay.headers.location).split('/').pop()!;
      mollie.standIn.setStatus(providerId, 'paid');
      assert.equal(await mollie.standIn.callWebhook(providerId), 200);

      const { invoices } = manageBookingJson.parse((await t.app.inject(`/api/v1/manage/${token}`)).json());
      assert.equal(invoices.length, 1, 'the receipt, an invoice marked paid');
      const pdf = (await t.app.inject(new URL(invoices[0]!.pdfUrl).pathname)).rawPayload;
      const pdfLines = (await pdfText(pdf)).text;
      for (const expected of ['Stad Antwerpen', 'Grote Markt 1', '2000 Antwerpen', 'België', 'BE0207500123', 'PO-BE-7']) {
        assert.ok(pdfLines.includes(expected), `the PDF states ${expected}`);
      }
      const xml = (await t.app.inject(new URL(invoices[0]!.ublUrl).pathname)).body;
      const buyer = "//*[local-name()='AccountingCustomerParty']";
      const local = (path: string) =>
        path
          .split('/')
          .map((name) => `*[local-name()='${name}']`)
          .join('/');
      assert.deepEqual(
        await xpathValues(xml, [
          `${buyer}//${local('PartyName/Name')}`,
          `${buyer}//${local('PostalAddress/StreetName')}`,
          `${buyer}//${local('PostalAddress/PostalZone')}`,
          `${buyer}//${local('PostalAddress/CityName')}`,
          `${buyer}//${local('PostalAddress/Country/IdentificationCode')}`,
          `${buyer}//${local('PartyTaxScheme/CompanyID')}`,
          `/*/${local('BuyerReference')}`,
        ]),
        ['Stad Antwerpen', 'Grote Markt 1', '2000', 'Antwerpen', 'BE', 'BE0207500123', 'PO-BE-7'],
      );
      assert.deepEqual(await brokenUblRules(xml), []);
    });
  });
}
