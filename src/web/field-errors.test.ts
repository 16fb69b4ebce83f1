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
