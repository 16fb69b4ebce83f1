import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { fieldErrorsOf } from '../shared/field-errors.js';
import { decimal, optionalWholeNumber, wholeNumber } from './admin-fields.js';

function errorsOf(schema: z.ZodType, typed: string) {
  const parsed = schema.safeParse(typed);
  assert.ok(!parsed.success, typed);
  return fieldErrorsOf(parsed.error);
}

test('a whole number out of bounds names the bound; left blank where optional, it is none', () => {
  assert.deepEqual(errorsOf(wholeNumber(1, 90), '91'), [{ field: 'body', code: 'too_large', params: { max: 90 } }]);
  assert.deepEqual(errorsOf(wholeNumber(1, 90), '0'), [{ field: 'body', code: 'too_small', params: { min: 1 } }]);
  assert.deepEqual(errorsOf(optionalWholeNumber(1, 999), '1000'), [{ field: 'body', code: 'too_large', params: { max: 999 } }]);
  assert.deepEqual(errorsOf(optionalWholeNumber(1, 999), '0'), [{ field: 'body', code: 'too_small', params: { min: 1 } }]);
  assert.deepEqual(errorsOf(optionalWholeNumber(1, 999), 'veel'), [{ field: 'body', code: 'not_a_number' }]);
  assert.equal(optionalWholeNumber(1, 999).parse(' '), null);
});

test('an amount out of bounds does not name them, as they are cents; hours name theirs in hours', () => {
  const amount = decimal('invalid_amount', 100_000_00, { min: 1 });
  assert.equal(amount.parse('12,50'), 1250);
  assert.deepEqual(errorsOf(amount, '100000,01'), [{ field: 'body', code: 'too_large' }]);
  assert.deepEqual(errorsOf(amount, '0,00'), [{ field: 'body', code: 'too_small' }]);
  assert.deepEqual(errorsOf(amount, '12,505'), [{ field: 'body', code: 'invalid_amount' }]);
  assert.equal(decimal('invalid_amount', 100_00).parse('0'), 0);
  assert.deepEqual(errorsOf(decimal('invalid_hours', 8760_00), '8760,5'), [{ field: 'body', code: 'too_large', params: { max: 8760 } }]);
});
