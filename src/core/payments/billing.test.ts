import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bookingRequest } from '../../../test/factories.js';
import { parseBookingInput, withSlotErrors } from '../bookings/booking-input.js';
import { billingErrors, billingSchema, countryOfVatId, isEuVatId, normalVatId } from './billing.js';

const INVOICE = { payment: { invoiceAllowed: true }, venue: { poRequired: false } };

describe('billing details of a booking', () => {
  test('an EU VAT id has its country’s shape: NL + 9 digits + B + 2 digits, DE + 9 digits, ...', () => {
    for (const good of ['NL123456789B01', 'DE123456789', 'BE0123456789', 'ATU12345678', 'FRXX123456789', 'ESX1234567X', 'EL123456789']) {
      assert.ok(isEuVatId(good), good);
    }
    for (const bad of ['NL123456789', 'NL12345678B01', 'NL123456789X01', 'DE12345678', 'US123456789', 'GB123456789', '', 'NL']) {
      assert.ok(!isEuVatId(bad), bad);
    }
    assert.equal(normalVatId(' nl 1234.56.789.b01 '), 'NL123456789B01');
  });

  test("a VAT id's country as an e-invoice names it: its prefix, GR for EL, XI for Northern Ireland; none for another prefix", () => {
    assert.deepEqual(['BE0123456789', 'EL123456789', 'XI123456789', 'NL123456789B01', 'GB123456789', 'US1', ''].map(countryOfVatId), [
      'BE',
      'GR',
      'XI',
      'NL',
      null,
      null,
      null,
    ]);
  });

  test('paying online, the details are optional; given, they are checked as on invoice', () => {
    const none = parseBookingInput(bookingRequest('slot', { payBy: 'online' }));
    assert.ok(none.ok && none.input.billing === undefined);
    const given = parseBookingInput(
      bookingRequest('slot', { payBy: 'online', billing: { organisation: 'OBS', address: 'Dorpsstraat 1', vatId: 'be 0123.456.789' } }),
    );
    assert.ok(given.ok);
    assert.deepEqual(given.input.billing, {
      organisation: 'OBS',
      address: 'Dorpsstraat 1',
      reference: null,
      vatId: 'BE0123456789',
      country: null,
    });
    const partial = parseBookingInput(bookingRequest('slot', { billing: { reference: 'PO-1', vatId: 'BE1' } }));
    assert.ok(!partial.ok);
    assert.deepEqual(
      partial.errors.map((e) => [e.field, e.code]),
      [
        ['billing.organisation', 'required'],
        ['billing.address', 'required'],
        ['billing.vatId', 'invalid_vat_id'],
      ],
    );
    // The venue's rules are for paying on invoice: no reference required of another way of paying.
    assert.deepEqual(billingErrors({ ...INVOICE, venue: { poRequired: true } }, 'online', { organisation: 'X', address: 'Y' }), []);
  });

  test('organisation and address are required; reference and VAT id optional (null when blank); the address keeps its lines', () => {
    const parsed = billingSchema.safeParse({
      organisation: ' OBS De Linde ',
      address: 'Dorpsstraat 1\r\n1234 AB Ergens',
      vatId: 'nl123456789b01',
    });
    assert.ok(parsed.success);
    assert.deepEqual(parsed.data, {
      organisation: 'OBS De Linde',
      address: 'Dorpsstraat 1\n1234 AB Ergens',
      reference: null,
      vatId: 'NL123456789B01',
      country: null,
    });
    const refused = parseBookingInput(
      bookingRequest('slot', { payBy: 'invoice', billing: { organisation: '', address: '', vatId: 'NL1' } }),
    );
    assert.ok(!refused.ok);
    assert.deepEqual(
      refused.errors.map((e) => [e.field, e.code]),
      [
        ['billing.organisation', 'required'],
        ['billing.address', 'required'],
        ['billing.vatId', 'invalid_vat_id'],
      ],
    );
  });

  test('the country: a code of the list (any case), null when blank; a VAT id of another country is refused at the country', () => {
    const billing = (country: unknown, vatId?: string) =>
      billingSchema.safeParse({ organisation: 'Gemeentelijke Basisschool', address: 'Schoolstraat 3\n9000 Gent', vatId, country });
    const codesOf = (result: ReturnType<typeof billing>) => result.error?.issues.map((i) => [i.path.join('.'), i.message]);
    assert.equal(billing(' be ').data?.country, 'BE');
    assert.equal(billing('').data?.country, null);
    assert.equal(billing(undefined).data?.country, null);
    assert.equal(billing(null).data?.country, null, 'null is left out, as JSON clients send it for none');
    assert.equal(billing('CH').data?.country, 'CH', 'Switzerland, outside the EU');
    for (const bad of ['XX', 'US', 'BEL', 'N L', 7, ['NL']]) {
      assert.deepEqual(codesOf(billing(bad)), [['country', 'invalid_country']], String(bad));
    }
    assert.equal(billing('BE', 'BE0207500123').data?.country, 'BE', 'the VAT id of the country');
    assert.equal(billing('GR', 'EL123456789').data?.country, 'GR', "Greece's EL");
    assert.equal(billing('GB', 'XI123456789').data?.country, 'GB', "Northern Ireland's XI in the United Kingdom");
    assert.equal(billing(undefined, 'BE0207500123').data?.country, null, "no country: the VAT id's, for the invoices");
    assert.deepEqual(codesOf(billing('NL', 'BE0207500123')), [['country', 'vat_id_other_country']]);
    assert.deepEqual(codesOf(billing('DE', 'DE1')), [['vatId', 'invalid_vat_id']], 'a VAT id of no shape: that error alone');
    assert.deepEqual(
      parseBookingInput(bookingRequest('slot', { billing: { organisation: 'X', address: 'Y', vatId: 'NL123456789B01', country: 'BE' } })),
      { ok: false, errors: [{ field: 'billing.country', code: 'vat_id_other_country' }] },
    );
  });

  test("the venue's rules: invoice only where allowed, the reference where required, billing given at all", () => {
    assert.deepEqual(billingErrors(INVOICE, 'online', undefined), []);
    assert.deepEqual(billingErrors({ ...INVOICE, payment: { invoiceAllowed: false } }, 'invoice', {}), [
      { field: 'payBy', code: 'invoice_not_allowed' },
    ]);
    assert.deepEqual(
      billingErrors({ ...INVOICE, venue: { poRequired: true } }, 'invoice', { organisation: 'X', address: 'Y', reference: ' ' }),
      [{ field: 'billing.reference', code: 'required' }],
    );
    assert.deepEqual(billingErrors(INVOICE, 'invoice', undefined), [
      { field: 'billing.organisation', code: 'required' },
      { field: 'billing.address', code: 'required' },
    ]);
  });

  test('withSlotErrors names the missing reference with the other faults, in the form’s order', () => {
    const activity = { minGroupSize: 1, maxGroupSize: 40, payment: { invoiceAllowed: true }, venue: { poRequired: true } };
    const raw = { ...bookingRequest('slot'), payBy: 'invoice', billing: { organisation: 'X', address: 'Y' }, email: 'nope' };
    const parsed = parseBookingInput(raw);
    assert.ok(!parsed.ok);
    const errors = withSlotErrors(raw, parsed.errors, activity as never, []);
    assert.deepEqual(
      errors.map((e) => e.field),
      ['email', 'billing.reference'],
    );
  });
});
