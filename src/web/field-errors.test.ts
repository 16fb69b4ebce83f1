import assert from 'node:assert/strict';
import { test } from 'node:test';
import { translator } from './i18n/i18n.js';
import { fieldErrorsJson, fieldMessages } from './field-errors.js';

const t = translator('en');

test('a form gets each refused field with its message: a field code, or a domain refusal at a field', () => {
  assert.deepEqual(
    fieldMessages(t, [
      { field: 'groupSize', code: 'group_too_small', params: { min: 6 } },
      { field: 'slug', code: 'slug_taken' },
      { field: 'email', code: 'email_taken' },
    ]),
    {
      groupSize: t('field.group_too_small', { min: 6 }),
      slug: t('field.slug_taken'),
      email: t('error.email_taken'),
    },
  );
  assert.match(fieldMessages(t, [{ field: 'groupSize', code: 'group_too_small', params: { min: 6 } }]).groupSize!, /at least 6 people/);
});

test('the API gets them in its validation_failed shape, with the same messages', () => {
  assert.deepEqual(fieldErrorsJson(t, [{ field: 'to', code: 'range_too_long' }]), {
    code: 'validation_failed',
    message: t('api.validation_failed'),
    errors: [{ field: 'to', code: 'range_too_long', message: t('field.range_too_long') }],
  });
});

test('a number over or under a bound it names reads as the bound, in either language; naming none, as before', () => {
  const nl = translator('nl');
  const errors = [
    { field: 'units', code: 'too_large', params: { max: 10 } },
    { field: 'persons', code: 'too_small', params: { min: 6 } },
    { field: 'amount', code: 'too_large' },
    { field: 'value', code: 'too_small' },
  ] as const;
  assert.deepEqual(fieldMessages(t, errors), {
    units: 'At most 10.',
    persons: 'At least 6.',
    amount: 'This number is too large.',
    value: 'This number is too small.',
  });
  assert.deepEqual(fieldMessages(nl, errors), {
    units: 'Hoogstens 10.',
    persons: 'Minstens 6.',
    amount: 'Dit getal is te groot.',
    value: 'Dit getal is te klein.',
  });
  assert.deepEqual(fieldErrorsJson(t, errors.slice(0, 1)).errors, [
    { field: 'units', code: 'too_large', message: 'At most 10.', params: { max: 10 } },
  ]);
});

test('a bound is written the language’s way: thousands grouped, money in euros; the API keeps plain numbers', () => {
  const nl = translator('nl');
  const errors = [
    { field: 'units', code: 'too_large', params: { max: 10_000 } },
    { field: 'persons', code: 'group_too_large', params: { max: 12_000 } },
    { field: 'party.pupil', code: 'count_above_max', params: { max: 10_000 } },
    { field: 'groupSize', code: 'group_size_not_party_sum', params: { sum: 1_250 } },
    { field: 'amount', code: 'too_large', params: { max: { cents: 99_999_99 } } },
    { field: 'refund', code: 'too_small', params: { min: { cents: 1 } } },
  ] as const;
  assert.deepEqual(fieldMessages(nl, errors), {
    units: 'Hoogstens 10.000.',
    persons: 'Deze activiteit is voor groepen van hoogstens 12.000 personen.',
    'party.pupil': 'Hoogstens 10.000.',
    groupSize: 'De groepsgrootte moet de som van de aantallen per categorie zijn: 1.250.',
    amount: 'Hoogstens €\u00a099.999,99.',
    refund: 'Minstens €\u00a00,01.',
  });
  assert.deepEqual(fieldMessages(t, errors), {
    units: 'At most 10,000.',
    persons: 'This activity is for groups of at most 12,000 people.',
    'party.pupil': 'At most 10,000.',
    groupSize: 'The group size must be the sum of the counts per category: 1,250.',
    amount: 'At most €99,999.99.',
    refund: 'At least €0.01.',
  });
  assert.deepEqual(
    fieldErrorsJson(t, errors).errors.map((e) => [e.message, e.params]),
    [
      ['At most 10,000.', { max: 10_000 }],
      ['This activity is for groups of at most 12,000 people.', { max: 12_000 }],
      ['At most 10,000.', { max: 10_000 }],
      ['The group size must be the sum of the counts per category: 1,250.', { sum: 1_250 }],
      ['At most €99,999.99.', { max: 99_999_99 }],
      ['At least €0.01.', { min: 1 }],
    ],
  );
});
