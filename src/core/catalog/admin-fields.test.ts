import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { fieldErrorsOf } from '../shared/field-errors.js';
import {
  amountText,
  decimal,
  integerText,
  optionalWholeNumber,
  readWholeNumber,
  wholeNumber,
  optionalNumberText,
  wholeNumberText,
} from './admin-fields.js';

function errorsOf(schema: z.ZodType, typed: string) {
  const parsed = schema.safeParse(typed);
  assert.ok(!parsed.success, typed);
  return fieldErrorsOf(parsed.error);
}

test('a whole number out of bounds names the bound; left blank where optional, it is none', () => {
  assert.deepEqual(errorsOf(wholeNumber(1, 90, 'nl'), '91'), [{ field: 'body', code: 'too_large', params: { max: 90 } }]);
  assert.deepEqual(errorsOf(wholeNumber(1, 90, 'nl'), '0'), [{ field: 'body', code: 'too_small', params: { min: 1 } }]);
  assert.deepEqual(errorsOf(optionalWholeNumber(1, 999, 'nl'), '1000'), [{ field: 'body', code: 'too_large', params: { max: 999 } }]);
  assert.deepEqual(errorsOf(optionalWholeNumber(1, 999, 'nl'), '0'), [{ field: 'body', code: 'too_small', params: { min: 1 } }]);
  assert.deepEqual(errorsOf(optionalWholeNumber(1, 999, 'nl'), 'veel'), [{ field: 'body', code: 'not_a_number' }]);
  assert.equal(optionalWholeNumber(1, 999, 'nl').parse(' '), null);
});

test('an amount out of bounds names them as money (its cents); hours name theirs in hours', () => {
  const amount = decimal('invalid_amount', 100_000_00, 'plain', { min: 1 });
  assert.equal(amount.parse('12,50'), 1250);
  assert.deepEqual(errorsOf(amount, '100000,01'), [{ field: 'body', code: 'too_large', params: { max: { cents: 100_000_00 } } }]);
  assert.deepEqual(errorsOf(amount, '0,00'), [{ field: 'body', code: 'too_small', params: { min: { cents: 1 } } }]);
  assert.deepEqual(errorsOf(amount, '12,505'), [{ field: 'body', code: 'invalid_amount' }]);
  assert.equal(decimal('invalid_amount', 100_00, 'plain').parse('0'), 0);
  assert.deepEqual(errorsOf(decimal('invalid_hours', 8760_00, 'plain'), '8760,5'), [
    { field: 'body', code: 'too_large', params: { max: 8760 } },
  ]);
});

test('a whole number however negative or long is out of bounds, not no number', () => {
  assert.deepEqual(errorsOf(wholeNumber(1, 90, 'nl'), '-1'), [{ field: 'body', code: 'too_small', params: { min: 1 } }]);
  assert.deepEqual(errorsOf(optionalWholeNumber(0, 1_000_000, 'nl'), '99999999999999999999'), [
    { field: 'body', code: 'too_large', params: { max: 1_000_000 } },
  ]);
  assert.deepEqual(errorsOf(wholeNumber(0, 10, 'nl'), '9'.repeat(400)), [{ field: 'body', code: 'too_large', params: { max: 10 } }]);
  assert.deepEqual(errorsOf(wholeNumber(0, 10, 'nl'), '-' + '9'.repeat(400)), [{ field: 'body', code: 'too_small', params: { min: 0 } }]);
  assert.ok(Object.is(wholeNumber(0, 10, 'nl').parse('-0'), 0));
  for (const typed of ['1.5', '1e3', '--1', '+-1', '0x5', '٣'])
    assert.deepEqual(errorsOf(wholeNumber(0, 10, 'nl'), typed), [{ field: 'body', code: 'not_a_number' }], typed);
});

test('an amount of many digits or below zero is out of bounds, not no amount; hours below zero name their bound', () => {
  const amount = decimal('invalid_amount', 100_000_00, 'plain', { min: 1 });
  for (const typed of ['99999999', '10000000', '10000000,00', '9'.repeat(400)])
    assert.deepEqual(errorsOf(amount, typed), [{ field: 'body', code: 'too_large', params: { max: { cents: 100_000_00 } } }], typed);
  for (const typed of ['-5,00', '-1', '-0,01', '-1.000,00'])
    assert.deepEqual(
      errorsOf(decimal('invalid_amount', 100_00, 'plain'), typed),
      [{ field: 'body', code: 'too_small', params: { min: { cents: 0 } } }],
      typed,
    );
  assert.ok(Object.is(decimal('invalid_amount', 100_00, 'plain').parse('-0,00'), 0));
  assert.deepEqual(errorsOf(decimal('invalid_hours', 8760_00, 'plain'), '-1'), [{ field: 'body', code: 'too_small', params: { min: 0 } }]);
});

test('thousands separators are read where they cannot be the decimal one; a lone "1.000" stays refused', () => {
  const amount = decimal('invalid_amount', 100_000_000_00, 'plain');
  assert.equal(amount.parse('1.000.000,00'), 1_000_000_00);
  assert.equal(amount.parse('1,000,000.00'), 1_000_000_00);
  assert.equal(amount.parse('12.345,6'), 12_345_60);
  assert.equal(amount.parse('1,234.56'), 1_234_56);
  assert.equal(amount.parse('1000000'), 1_000_000_00);
  assert.equal(amount.parse('1,5'), 1_50);
  assert.equal(amount.parse('1.5'), 1_50);
  assert.equal(amount.parse('1.000.000'), 1_000_000_00);
  assert.equal(amount.parse('1,000,000'), 1_000_000_00);
  assert.equal(decimal('invalid_amount', 0, 'plain', { min: -100_000_000_00 }).parse('-12.345.678'), -12_345_678_00);
  assert.equal(decimal('invalid_amount', 1_000_000_000_00, 'plain').parse('1.000.000.000'), 1_000_000_000_00);
  const max = { max: { cents: 100_000_00 } };
  assert.deepEqual(errorsOf(decimal('invalid_amount', 100_000_00, 'plain'), '1.000.000,00'), [
    { field: 'body', code: 'too_large', params: max },
  ]);
  assert.deepEqual(errorsOf(decimal('invalid_amount', 100_000_00, 'plain'), '1.000.000'), [
    { field: 'body', code: 'too_large', params: max },
  ]);
  // Ambiguous (1000 the Dutch way, 1 the English way), mixed up, or not in groups of three: no amount.
  for (const typed of [
    '1.000',
    '1,000',
    '1.000,000',
    '1.000,000,000',
    '1,000.000.000',
    '1.000.0000',
    '1000.000.000',
    '1.000.000,',
    '1,000.000',
    '1.000.00',
    '1,000,00',
    '1.00,00',
    '10.00.000,00',
    '1.000,',
    ',50',
    '1 000,00',
  ])
    assert.deepEqual(errorsOf(amount, typed), [{ field: 'body', code: 'invalid_amount' }], typed);
});

test("an amount reads its page's writing, grouped or not, and the other language's where it means one amount only", () => {
  const nl = decimal('invalid_amount', 100_000_000_00, 'nl', { min: -100_000_000_00 });
  const en = decimal('invalid_amount', 100_000_000_00, 'en');
  for (const [typed, cents] of [
    ['1.250,00', 1_250_00],
    ['1.250', 1_250_00],
    ['1250', 1_250_00],
    ['12,5', 12_50],
    ['-1.250,5', -1_250_50],
    // The English way, where it can mean one amount only.
    ['1,250.00', 1_250_00],
    ['12.50', 12_50],
  ] as const)
    assert.equal(nl.parse(typed), cents, `nl ${typed}`);
  for (const [typed, cents] of [
    ['1,250.00', 1_250_00],
    ['1,250', 1_250_00],
    ['12.5', 12_50],
    ['1.250,00', 1_250_00],
    ['12,50', 12_50],
  ] as const)
    assert.equal(en.parse(typed), cents, `en ${typed}`);
  // The other language's thousands separator once: 1,25 or 1250? Refused, naming the amount it would group.
  assert.deepEqual(errorsOf(nl, '1,250'), [{ field: 'body', code: 'ambiguous_amount', params: { amount: { cents: 1_250_00 } } }]);
  assert.deepEqual(errorsOf(en, '1.250'), [{ field: 'body', code: 'ambiguous_amount', params: { amount: { cents: 1_250_00 } } }]);
  assert.deepEqual(errorsOf(decimal('invalid_hours', 8760_00, 'nl'), '1,250'), [{ field: 'body', code: 'invalid_hours' }]);
});

test("a saved amount comes back grouped the page's way, and saved unchanged in either language it keeps its value", () => {
  assert.deepEqual(
    [
      amountText(1_250_00, 'nl'),
      amountText(1_250_00, 'en'),
      amountText(-5, 'nl'),
      amountText(1_000_000_00, 'en'),
      amountText(7_50, 'plain'),
    ],
    ['1.250,00', '1,250.00', '-0,05', '1,000,000.00', '7.50'],
  );
  for (const cents of [0, 5, 7_50, 999_99, 1_000_00, 1_250_00, 12_345_67, 1_000_000_00, -1_250_00])
    for (const shown of ['nl', 'en'] as const)
      for (const read of ['nl', 'en'] as const)
        assert.equal(
          decimal('invalid_amount', 1_000_000_00, read, { min: -1_000_000_00 }).parse(amountText(cents, shown)),
          cents,
          `${cents} ${shown} ${read}`,
        );
});

test('in either language, a whole number in two or more groups of thousands is read, by either separator', () => {
  for (const lang of ['nl', 'en'] as const) {
    const number = wholeNumber(0, 10_000, lang);
    assert.equal(wholeNumber(0, 10_000_000, lang).parse('1.000.000'), 1_000_000);
    assert.equal(wholeNumber(0, 10_000_000, lang).parse('1,000,000'), 1_000_000);
    assert.equal(wholeNumber(-10_000_000, 0, lang).parse('-1.000.000'), -1_000_000);
    assert.deepEqual(errorsOf(number, '1.000.000'), [{ field: 'body', code: 'too_large', params: { max: 10_000 } }]);
    for (const typed of ['1.000,000', '1.000.00', '1000.000.000', '1.000.000,00', '1 000 000'])
      assert.deepEqual(errorsOf(number, typed), [{ field: 'body', code: 'not_a_number' }], `${lang} ${typed}`);
  }
});

test('every reader names how its numbers are written: leaving it out does not compile', () => {
  // Never called: tsc checks it, and fails on an expect-error that no longer errs.
  const leftOut = () => [
    // @ts-expect-error -- no page language and no 'plain': a reader would fall back silently.
    readWholeNumber('12'),
    // @ts-expect-error -- as above, for a form's whole number.
    integerText(),
    // @ts-expect-error -- as above, within bounds.
    wholeNumber(0, 10),
    // @ts-expect-error -- as above, optional.
    optionalWholeNumber(0, 10),
  ];
  assert.equal(typeof leftOut, 'function');
});

test("one reading of whole numbers serves the forms, in the page's language, and the API, plain digits only", () => {
  // Typed, then as read on a Dutch page, an English page and by the API.
  for (const [typed, nl, en, plain] of [
    ['12', 12, 12, 12],
    [' -3 ', -3, -3, -3],
    ['1.000', 1000, undefined, undefined],
    ['10.000', 10_000, undefined, undefined],
    ['-10.000', -10_000, undefined, undefined],
    ['1,000', undefined, 1000, undefined],
    ['10,000', undefined, 10_000, undefined],
    ['1.000.000', 1_000_000, 1_000_000, undefined],
    ['1,000,000', 1_000_000, 1_000_000, undefined],
    ['1,5', undefined, undefined, undefined],
    ['1.5', undefined, undefined, undefined],
    ['10,00', undefined, undefined, undefined],
    ['10.00', undefined, undefined, undefined],
    ['1.0000', undefined, undefined, undefined],
    ['0.500', undefined, undefined, undefined],
    ['0,500', undefined, undefined, undefined],
    ['-0.500', undefined, undefined, undefined],
    ['1,0000', undefined, undefined, undefined],
    ['1000.000', undefined, undefined, undefined],
    ['.000', undefined, undefined, undefined],
    ['1.000,000', undefined, undefined, undefined],
    ['1,000.000', undefined, undefined, undefined],
    ['1.000.00', undefined, undefined, undefined],
    ['1 000', undefined, undefined, undefined],
    ['twaalf', undefined, undefined, undefined],
    ['9'.repeat(30), Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  ] as const) {
    assert.equal(readWholeNumber(typed, 'nl'), nl, `nl ${typed}`);
    assert.equal(readWholeNumber(typed, 'en'), en, `en ${typed}`);
    assert.equal(readWholeNumber(typed, 'plain'), plain, `plain ${typed}`);
  }
  assert.deepEqual(errorsOf(wholeNumber(0, 10, 'plain'), '1.000.000'), [{ field: 'body', code: 'not_a_number' }]);
});

test("a form's whole number reads its page's thousands, the bound its hint shows, and tells how to write the other language's single group", () => {
  assert.equal(wholeNumber(1, 10_000, 'nl').parse('10.000'), 10_000);
  assert.equal(wholeNumber(1, 10_000, 'en').parse('10,000'), 10_000);
  assert.equal(optionalWholeNumber(1, 10_000, 'nl').parse('1.000'), 1000);
  assert.equal(optionalWholeNumber(1, 10_000, 'en').parse('1,000'), 1000);
  assert.deepEqual(errorsOf(wholeNumber(1, 10_000, 'nl'), '10.001'), [{ field: 'body', code: 'too_large', params: { max: 10_000 } }]);
  assert.deepEqual(errorsOf(wholeNumber(1, 10_000, 'nl'), ' 10,000 '), [
    { field: 'body', code: 'ambiguous_grouping', params: { value: 10_000 } },
  ]);
  assert.deepEqual(errorsOf(optionalWholeNumber(-10_000, 10_000, 'en'), '-1.500'), [
    { field: 'body', code: 'ambiguous_grouping', params: { value: -1500 } },
  ]);
  // A number the field refuses anyway is not suggested: the field's bounds are named instead.
  assert.deepEqual(errorsOf(wholeNumber(1, 100, 'nl'), '10,000'), [
    { field: 'body', code: 'ambiguous_grouping', params: { min: 1, max: 100 } },
  ]);
  assert.deepEqual(errorsOf(optionalWholeNumber(1, 10, 'en'), '1.500'), [
    { field: 'body', code: 'ambiguous_grouping', params: { min: 1, max: 10 } },
  ]);
  for (const [lang, typed] of [
    ['nl', '0,500'],
    ['nl', '1,5'],
    ['en', '1.5'],
    ['nl', '1.0000'],
    ['en', '10,00'],
    ['nl', '1,000.000'],
  ] as const)
    assert.deepEqual(errorsOf(wholeNumber(1, 10_000, lang), typed), [{ field: 'body', code: 'not_a_number' }], `${lang} ${typed}`);
});

test('a stored whole number is shown as the page writes it, and read back as the same number', () => {
  assert.deepEqual(
    [wholeNumberText(10_000, 'nl'), wholeNumberText(10_000, 'en'), wholeNumberText(10_000, 'plain'), optionalNumberText(null, 'nl')],
    ['10.000', '10,000', '10000', ''],
  );
  for (const n of [0, 7, 999, 1000, 8760, -1500, 10_000, 1_234_567, Number.MAX_SAFE_INTEGER]) {
    for (const writing of ['nl', 'en', 'plain'] as const)
      assert.equal(readWholeNumber(wholeNumberText(n, writing), writing), n, `${writing} ${n}`);
  }
});
