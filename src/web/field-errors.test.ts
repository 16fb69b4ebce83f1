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
