import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDutchVatId, normalDutchPostcode, parseVenueBilling, type VenueBillingForm } from './venue-billing.js';

const FORM: VenueBillingForm = {
  legalName: 'Rederij Amstel B.V.',
  street: 'Prins Hendrikkade 25',
  postcode: '1012 TM',
  city: 'Amsterdam',
  kvkNumber: '34123456',
  vatId: 'NL004495445B01',
  iban: 'NL91ABNA0417164300',
  bic: 'ABNANL2A',
  invoicePrefix: 'GZ-AMS',
  termDays: '14',
};

/** The errors of a form that differs from FORM in these fields. */
function errorsOf(changes: Partial<VenueBillingForm>) {
  const result = parseVenueBilling({ ...FORM, ...changes }, 'nl');
  return result.ok ? [] : result.errors;
}

function valueOf(changes: Partial<VenueBillingForm>) {
  const result = parseVenueBilling({ ...FORM, ...changes }, 'nl');
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

describe("a venue's billing details", () => {
  test('a complete form gives the details in their normal forms', () => {
    assert.deepEqual(
      valueOf({
        legalName: '  Rederij Amstel B.V. ',
        postcode: '1012tm',
        kvkNumber: '3412 3456',
        vatId: 'nl 0044.95.445.b01',
        iban: 'nl91 abna 0417 1643 00',
        bic: ' abna nl2a ',
        invoicePrefix: ' gz-ams ',
        termDays: ' 30 ',
      }),
      {
        legalName: 'Rederij Amstel B.V.',
        street: 'Prins Hendrikkade 25',
        postcode: '1012 TM',
        city: 'Amsterdam',
        kvkNumber: '34123456',
        vatId: 'NL004495445B01',
        iban: 'NL91ABNA0417164300',
        bic: 'ABNANL2A',
        invoicePrefix: 'GZ-AMS',
        termDays: 30,
      },
    );
  });

  test('every fault at once, one per field, in the form’s order; only the BIC may be left empty', () => {
    const empty = Object.fromEntries(Object.keys(FORM).map((k) => [k, '  '])) as VenueBillingForm;
    assert.deepEqual(parseVenueBilling(empty, 'nl'), {
      ok: false,
      errors: ['legalName', 'street', 'postcode', 'city', 'kvkNumber', 'vatId', 'iban', 'invoicePrefix', 'termDays'].map((field) => ({
        field,
        code: 'required',
      })),
    });
    assert.equal(valueOf({ bic: '' }).bic, null);
    // Fields that are missing altogether, or are not text, count as empty.
    const partial = parseVenueBilling({ legalName: 'X B.V.', termDays: ['14'] }, 'nl');
    assert.ok(!partial.ok);
    assert.equal(partial.errors.length, 8);
    assert.ok(partial.errors.every((e) => e.code === 'required'));
  });

  test('the legal name, street and city: required, at most their length, no control characters', () => {
    assert.deepEqual(errorsOf({ legalName: 'x'.repeat(161), street: 'Dam\u00001', city: 'y'.repeat(121) }), [
      { field: 'legalName', code: 'too_long' },
      { field: 'street', code: 'invalid_characters' },
      { field: 'city', code: 'too_long' },
    ]);
    assert.equal(valueOf({ legalName: 'x'.repeat(160) }).legalName.length, 160);
  });

  test('a Dutch postcode, 1234 AB, normalised', () => {
    for (const [typed, normal] of [
      ['1012 TM', '1012 TM'],
      ['1012tm', '1012 TM'],
      [' 9999 zz ', '9999 ZZ'],
    ]) {
      assert.equal(valueOf({ postcode: typed! }).postcode, normal, typed);
      assert.equal(normalDutchPostcode(typed!), normal);
    }
    for (const typed of ['0123 AB', '1012', '1012 T', '1012  TM', '1012-TM', 'B-1000', '10123 TM', '1012 SS', '1012 SA', '1012 SD']) {
      assert.deepEqual(errorsOf({ postcode: typed }), [{ field: 'postcode', code: 'invalid_postcode' }], typed);
    }
  });

  test('the KvK number: exactly 8 digits (spaces and dots as typed are fine)', () => {
    assert.equal(valueOf({ kvkNumber: '34.12.34.56' }).kvkNumber, '34123456');
    assert.equal(valueOf({ kvkNumber: '01234567' }).kvkNumber, '01234567');
    for (const typed of ['3412345', '341234567', '3412345A', 'KVK34123456', '３４１２３４５６']) {
      assert.deepEqual(errorsOf({ kvkNumber: typed }), [{ field: 'kvkNumber', code: 'invalid_kvk_number' }], typed);
    }
  });

  describe('the VAT id: Dutch shape, then its check', () => {
    // The 11-test (the omzetbelastingnummer's RSIN: companies): Oracle's and python-stdnum's published examples.
    const elevenTest = ['NL004495445B01', 'NL007303907B01', 'NL813086188B01', 'NL801270650B01', 'NL803773614B01', 'NL811356103B01'];
    // Mod 97 (the btw-identificatienummer of sole traders since 2020): the Belastingdienst's example
    // NL000099998B57, python-stdnum's NL002455799B11, NL123456789B13.
    const mod97 = ['NL000099998B57', 'NL002455799B11', 'NL123456789B13'];

    test('passes either check', () => {
      for (const id of [...elevenTest, ...mod97]) {
        assert.equal(isDutchVatId(id), true, id);
        assert.equal(valueOf({ vatId: id }).vatId, id);
      }
      // Each list passes only its own check: neither is checked by the other by accident.
      for (const id of mod97) assert.equal(isDutchVatId(id.replace(/B\d\d$/, 'B01')), false, id);
    });

    test('normalised with normalVatId: spaces, dots and dashes out, upper case', () => {
      assert.equal(valueOf({ vatId: ' nl0000.99.998.b57 ' }).vatId, 'NL000099998B57');
      assert.equal(valueOf({ vatId: 'NL-004495445-B01' }).vatId, 'NL004495445B01');
    });

    test('a typing error fails both checks', () => {
      for (const id of ['NL123456789B01', 'NL123456789B90', 'NL004495446B01', 'NL000099998B58', 'NL000000000B00']) {
        assert.equal(isDutchVatId(id), false, id);
        assert.deepEqual(errorsOf({ vatId: id }), [{ field: 'vatId', code: 'vat_id_check_failed' }], id);
      }
    });

    test('another shape is refused as such, before any check (other EU ids too)', () => {
      for (const id of [
        '004495445B01',
        'NL4495445B01',
        'NL004495445B1',
        'NL004495445B001',
        'NL004495445C01',
        'DE123456789',
        'BE0123456749',
      ]) {
        assert.deepEqual(errorsOf({ vatId: id }), [{ field: 'vatId', code: 'invalid_nl_vat_id' }], id);
      }
    });
  });

  test('the IBAN: its checksum (ibantools), normalised without spaces', () => {
    assert.equal(valueOf({ iban: 'NL91 ABNA 0417 1643 00' }).iban, 'NL91ABNA0417164300');
    assert.equal(valueOf({ iban: 'nl02abna0123456789' }).iban, 'NL02ABNA0123456789');
    assert.equal(valueOf({ iban: 'BE68 5390 0754 7034' }).iban, 'BE68539007547034', 'a Belgian account is an account too');
    for (const typed of ['NL91ABNA0417164301', 'NL92ABNA0417164300', 'NL91ABNA041716430', 'NL91 ABNA 0417 1643 0X', '0417164300']) {
      assert.deepEqual(errorsOf({ iban: typed }), [{ field: 'iban', code: 'invalid_iban' }], typed);
    }
  });

  test('the BIC: optional, 8 or 11 characters of the right shape (ibantools), upper case', () => {
    assert.equal(valueOf({ bic: 'ingbnl2a' }).bic, 'INGBNL2A');
    assert.equal(valueOf({ bic: 'ABNANL2AXXX' }).bic, 'ABNANL2AXXX');
    for (const typed of ['ABNANL2', 'ABNANL2AXX', '1BNANL2A', 'ABNA NL']) {
      assert.deepEqual(errorsOf({ bic: typed }), [{ field: 'bic', code: 'invalid_bic' }], typed);
    }
  });

  test('the invoice prefix: 2 to 12 of A-Z, 0-9 and -, upper-cased, not ending (or starting) with -', () => {
    for (const [typed, normal] of [
      ['gz-ams', 'GZ-AMS'],
      ['GZ', 'GZ'],
      ['A1-B2-C3-D4E', 'A1-B2-C3-D4E'],
      ['2027', '2027'],
    ]) {
      assert.equal(valueOf({ invoicePrefix: typed! }).invoicePrefix, normal, typed);
    }
    for (const typed of ['G', 'GZ-AMS-', '-GZ', 'GZ AMS', 'GZ_AMS', 'GZ-AMSTERDAM1', 'GZ/AMS', 'GZ-ÄMS']) {
      assert.deepEqual(errorsOf({ invoicePrefix: typed }), [{ field: 'invoicePrefix', code: 'invalid_invoice_prefix' }], typed);
    }
  });

  test('the payment term: whole days from 1 to 90', () => {
    assert.equal(valueOf({ termDays: '1' }).termDays, 1);
    assert.equal(valueOf({ termDays: '90' }).termDays, 90);
    assert.deepEqual(errorsOf({ termDays: '0' }), [{ field: 'termDays', code: 'too_small', params: { min: 1 } }]);
    assert.deepEqual(errorsOf({ termDays: '91' }), [{ field: 'termDays', code: 'too_large', params: { max: 90 } }]);
    for (const typed of ['14.5', 'veertien', '1e2']) {
      assert.deepEqual(errorsOf({ termDays: typed }), [{ field: 'termDays', code: 'not_a_number' }], typed);
    }
  });
});
