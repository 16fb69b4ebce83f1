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
/** A Belgian school without a VAT id: its country only from the country given. */
const SCHOOL = { organisation: 'Gemeentelijke Basisschool De Klimop', address: 'Schoolstraat 3\n9000 Gent', country: 'BE' };
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
        .select(['pay_by', 'billing_organisation', 'billing_address', 'billing_reference', 'billing_vat_id', 'billing_country'])
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
    /** The review step's form sent to confirm, as the browser sends it: the fields sent and the reference of the booking placed. */
    const confirmReview = async (review: ReturnType<typeof parseHtml>) => {
      const fields: Record<string, string> = { ...formFields(review.querySelector('form#booking-review')!), action: 'confirm' };
      const placed = await t.app.inject({ method: 'POST', url: `/book/${slot.id}`, headers: FORM, payload: urlencoded(fields) });
      assert.equal(placed.statusCode, 303, placed.body.slice(0, 300));
      const manage = parseHtml((await t.app.inject(String(placed.headers.location))).body);
      return { fields, reference: text(manage.querySelector('[data-testid="booking-reference"]'))! };
    };
    /** The country the form's select would send: its selected option. */
    const countryChosen = (page: ReturnType<typeof parseHtml>) =>
      page.querySelector('form#booking-form select[name="billing.country"] option[selected]')?.getAttribute('value');
    const formOf = (billing: Record<string, string>) => Object.fromEntries(Object.entries(billing).map(([k, v]) => [`billing.${k}`, v]));
    const api = (payload: object, lang = 'en') =>
      t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload, headers: { 'accept-language': lang } });
    /** A booking placed through the API with `billing` and paid online: its one invoice (the receipt), as PDF text and UBL. */
    const paidInvoice = async (email: string, billing: object, language: 'nl' | 'en') => {
      const created = await api(bookingRequest(slot.id, { email, billing, language }));
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
      return { pdfLines: (await pdfText(pdf)).text, xml: (await t.app.inject(new URL(invoices[0]!.ublUrl).pathname)).body };
    };
    const buyer = "//*[local-name()='AccountingCustomerParty']";
    const local = (path: string) =>
      path
        .split('/')
        .map((name) => `*[local-name()='${name}']`)
        .join('/');

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
      const review = await post(formOf({ ...BELGIAN, country: 'BE' }));
      assert.equal(review.status, 200);
      const summary = review.page.querySelector('[data-testid="billing-summary"]');
      assert.equal(text(summary?.querySelector('h2')), 'Factuurgegevens');
      assert.ok(text(summary)?.includes('Stad Antwerpen'));
      assert.equal(text(summary?.querySelector('[data-testid="billing-vat-id"]')), 'BE0207500123', 'as the invoices will state it');
      const { fields, reference } = await confirmReview(review.page);
      assert.equal(fields['billing.vatId'], BELGIAN.vatId, 'carried to the confirmation as typed');
      assert.deepEqual(await billingRow(reference), {
        pay_by: 'online',
        billing_organisation: 'Stad Antwerpen',
        billing_address: 'Grote Markt 1\n2000 Antwerpen\nBelgië',
        billing_reference: 'PO-BE-7',
        billing_vat_id: 'BE0207500123',
        billing_country: 'BE',
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

    test('the form: fields of spaces only (and the country the select always sends) are no details; the booking goes on without any', async () => {
      const review = await post(formOf({ organisation: '  ', address: ' \r\n ', reference: ' ', vatId: '', country: 'NL' }));
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
      const { pdfLines, xml } = await paidInvoice('paid@example.nl', BELGIAN, 'nl');
      for (const expected of ['Stad Antwerpen', 'Grote Markt 1', '2000 Antwerpen', 'België', 'BE0207500123', 'PO-BE-7']) {
        assert.ok(pdfLines.includes(expected), `the PDF states ${expected}`);
      }
      assert.equal(pdfLines.split('België').length, 2, 'the country once: the address named it already');
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

    test('a Belgian school without a VAT id, country BE: its invoice states Belgium, in the PDF and the UBL, in Dutch and English', async () => {
      if (!documentToolsPresent()) return;
      for (const [language, name] of [
        ['nl', 'België'],
        ['en', 'Belgium'],
      ] as const) {
        const { pdfLines, xml } = await paidInvoice(`school-${language}@example.be`, SCHOOL, language);
        const lines = pdfLines.split('\n').map((line) => line.trim());
        assert.ok(lines.includes(name), `the address ends with ${name}`);
        assert.ok(!lines.includes(language === 'nl' ? 'Nederland' : 'Netherlands'), 'no Dutch buyer');
        assert.deepEqual(
          await xpathValues(xml, [
            `${buyer}//${local('PostalAddress/StreetName')}`,
            `${buyer}//${local('PostalAddress/PostalZone')}`,
            `${buyer}//${local('PostalAddress/CityName')}`,
            `${buyer}//${local('PostalAddress/Country/IdentificationCode')}`,
          ]),
          ['Schoolstraat 3', '9000', 'Gent', 'BE'],
        );
        assert.deepEqual(await brokenUblRules(xml), []);
      }
    });

    test('the form asks the country, the Netherlands preselected, named in the language; it goes to the review and the booking', async () => {
      for (const [lang, label, netherlands, belgium] of [
        ['nl', 'Land van het factuuradres', 'Nederland', 'België'],
        ['en', 'Country of the billing address', 'Netherlands', 'Belgium'],
      ] as const) {
        const page = parseHtml((await t.app.inject({ url: `/book/${slot.id}`, headers: { 'accept-language': lang } })).body);
        const select = page.querySelector('[data-testid="billing-fields"] select[name="billing.country"]');
        assert.ok(select, 'a select in the invoice details');
        assert.equal(text(page.querySelector('label[for="billing.country"]')), label);
        assert.equal(text(select.querySelector('option[selected]')), netherlands);
        assert.equal(select.querySelector('option[selected]')?.getAttribute('value'), 'NL');
        assert.equal(select.querySelector('option[value="BE"]')?.textContent, belgium);
        assert.equal(select.querySelectorAll('option').length, 32);
      }
      const review = await post(formOf(SCHOOL), 'en');
      assert.equal(review.status, 200);
      assert.equal(text(review.page.querySelector('[data-testid="billing-country"]')), 'Belgium');
      const { fields, reference } = await confirmReview(review.page);
      assert.equal(fields['billing.country'], 'BE', 'carried to the confirmation');
      const row = await billingRow(reference);
      assert.deepEqual([row.billing_country, row.billing_vat_id], ['BE', null]);
    });

    test('a VAT id of another country than the one chosen is refused, in the form (input kept) and the API, in Dutch and English', async () => {
      for (const [lang, message] of [
        [
          'nl',
          'Het btw-nummer is van een ander land. Een btw-nummer hoort bij één land (de eerste twee letters): kies dat land, of pas het btw-nummer aan.',
        ],
        [
          'en',
          'The VAT number is of another country. A VAT number belongs to one country (its first two letters): choose that country, or correct the VAT number.',
        ],
      ] as const) {
        const refused = await post(formOf({ ...BELGIAN, country: 'NL' }), lang);
        assert.equal(refused.status, 422);
        assert.equal(text(refused.page.querySelector('[data-testid="error-billing.country"]')), message);
        const links = refused.page.querySelectorAll('[data-testid="form-errors"] a').map((a) => a.getAttribute('href')!);
        assert.ok(links.includes('#billing.country'), links.join(' '));
        const kept = formFields(refused.page.querySelector('form#booking-form')!);
        assert.deepEqual([kept['billing.vatId'], countryChosen(refused.page)], [BELGIAN.vatId, 'NL']);
        assert.equal(refused.page.querySelector('#billing\\.country')?.getAttribute('aria-invalid'), 'true');

        const api422 = await api(bookingRequest(slot.id, { billing: { ...BELGIAN, country: 'DE' } }), lang);
        assert.equal(api422.statusCode, 422);
        assert.deepEqual(
          validationErrorJson.parse(api422.json()).errors.map((e) => [e.field, e.code, e.message]),
          [['billing.country', 'vat_id_other_country', message]],
        );
      }
      const fits = await api(bookingRequest(slot.id, { email: 'fits@example.be', billing: { ...BELGIAN, country: 'be' } }));
      assert.equal(fits.statusCode, 201, fits.body);
      const row = await billingRow(bookingCreatedJson.parse(fits.json()).reference);
      assert.deepEqual([row.billing_country, row.billing_vat_id], ['BE', 'BE0207500123']);
    });

    test('a country not in the list is refused, translated, the input kept', async () => {
      for (const [lang, message] of [
        ['nl', 'Kies een land uit de lijst (een landcode zoals NL, BE of DE).'],
        ['en', 'Choose a country from the list (a country code such as NL, BE or DE).'],
      ] as const) {
        const refused = await post(formOf({ ...SCHOOL, country: 'US' }), lang);
        assert.equal(refused.status, 422);
        assert.equal(text(refused.page.querySelector('[data-testid="error-billing.country"]')), message);
        const kept = formFields(refused.page.querySelector('form#booking-form')!);
        assert.deepEqual(
          [kept['billing.organisation'], kept['billing.address'], countryChosen(refused.page)],
          [SCHOOL.organisation, SCHOOL.address, 'US'],
        );
        // null is no country, as left out (api.routes.test.ts).
        for (const country of ['US', 'Nederland', 42]) {
          const api422 = await api(bookingRequest(slot.id, { billing: { ...SCHOOL, country } }), lang);
          assert.equal(api422.statusCode, 422, String(country));
          assert.deepEqual(
            validationErrorJson.parse(api422.json()).errors.map((e) => [e.field, e.code, e.message]),
            [['billing.country', 'invalid_country', message]],
          );
        }
      }
    });
  });
}
