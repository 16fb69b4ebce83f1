import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { DomainError } from './errors.js';
import { fieldErrorOfRefusal, fieldErrorsOf } from './field-errors.js';

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

test('a domain refusal becomes the error of the field it concerns, and no other does', () => {
  const fieldOf = { email_taken: 'email' } as const;
  assert.deepEqual(fieldErrorOfRefusal(new DomainError('email_taken'), fieldOf), { field: 'email', code: 'email_taken' });
  assert.equal(fieldErrorOfRefusal(new DomainError('slot_full'), fieldOf), undefined);
});
