import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { decimal, optionalWholeNumber, wholeNumber } from '../catalog/admin-fields.js';
import { DomainError } from './errors.js';
import { fieldErrorOfRefusal, fieldErrorsOf, parseEachField } from './field-errors.js';

test('a failed parse gives one error per field, its first, with an item of a list counting as its field', () => {
  const schema = z.object({
    name: z.string().min(1, 'required').max(3, 'too_long'),
    days: z.array(z.string().refine((s) => s !== 'x', 'invalid_date')),
    size: z.number({ error: 'not_a_number' }),
    note: z.string().refine(() => false, 'not a code'),
  });
  const parsed = schema.safeParse({ name: '', days: ['a', 'x', 'x'], size: 'ten', note: '' });
  assert.ok(!parsed.success);
  assert.deepEqual(fieldErrorsOf(parsed.error), [
    { field: 'name', code: 'required' },
    { field: 'days', code: 'invalid_date' },
    { field: 'size', code: 'not_a_number' },
    { field: 'note', code: 'invalid_value' },
  ]);
  const whole = z.object({ a: z.string() }).safeParse('not an object');
  assert.ok(!whole.success);
  assert.deepEqual(fieldErrorsOf(whole.error), [{ field: 'body', code: 'invalid_value' }]);
});

test("a number's too_large or too_small names its bound; a text's, an exclusive bound's and a custom one's without params do not", () => {
  const schema = z.object({
    units: z.number().int().max(10, 'too_large'),
    persons: z.number().min(6, 'too_small'),
    size: z.int().max(99, 'too_large'),
    name: z.string().max(3, 'too_large'),
    positive: z.number().gt(0, 'too_small'),
    hours: z.number().refine((n) => n <= 24, { message: 'too_large', params: { max: 24 } }),
    cents: z.number().refine((n) => n <= 100, 'too_large'),
  });
  const parsed = schema.safeParse({ units: 12, persons: 2, size: 100, name: 'long', positive: 0, hours: 25, cents: 101 });
  assert.ok(!parsed.success);
  assert.deepEqual(fieldErrorsOf(parsed.error), [
    { field: 'units', code: 'too_large', params: { max: 10 } },
    { field: 'persons', code: 'too_small', params: { min: 6 } },
    { field: 'size', code: 'too_large', params: { max: 99 } },
    { field: 'name', code: 'too_large' },
    { field: 'positive', code: 'too_small' },
    { field: 'hours', code: 'too_large', params: { max: 24 } },
    { field: 'cents', code: 'too_large' },
  ]);
});

test('a domain refusal becomes the error of the field it concerns, and no other does', () => {
  const fieldOf = { email_taken: 'email' } as const;
  assert.deepEqual(fieldErrorOfRefusal(new DomainError('email_taken'), fieldOf), { field: 'email', code: 'email_taken' });
  assert.equal(fieldErrorOfRefusal(new DomainError('slot_full'), fieldOf), undefined);
});

test('a form of well-formed numbers out of bounds names each as too small or too large, with its bound (money in cents)', () => {
  const shape = {
    days: wholeNumber(1, 30, 'nl'),
    stock: optionalWholeNumber(0, 1_000_000, 'nl'),
    price: decimal('invalid_amount', 100_000_00, 'plain'),
    discount: decimal('invalid_amount', 100_000_00, 'plain', { min: 1 }),
    cutoff: decimal('invalid_hours', 8760_00, 'plain'),
    total: decimal('invalid_amount', 100_000_000_00, 'plain'),
  };
  const typed = { days: '-1', stock: '99999999999999999999', price: '99999999', discount: '-0,01', cutoff: '-1', total: '1.000.000,00' };
  const { values, errors } = parseEachField(shape, typed);
  assert.deepEqual(errors, [
    { field: 'days', code: 'too_small', params: { min: 1 } },
    { field: 'stock', code: 'too_large', params: { max: 1_000_000 } },
    { field: 'price', code: 'too_large', params: { max: { cents: 100_000_00 } } },
    { field: 'discount', code: 'too_small', params: { min: { cents: 1 } } },
    { field: 'cutoff', code: 'too_small', params: { min: 0 } },
  ]);
  assert.deepEqual(values, { total: 1_000_000_00 });
});
