import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bookingRequest } from '../../../test/factories.js';
import { BOOKING_INPUT_FIELD_CODES, bookingInputSchema, parseBookingInput } from './booking-input.js';

/** Every field the booking takes, from its schema. */
const FIELDS = Object.keys(bookingInputSchema.shape);

test('a refused booking names only the codes BOOKING_INPUT_FIELD_CODES lists (what the API documents), and each of them', () => {
  const seen = new Set<string>();
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', ' ', '\u200B', 'a\u202E', '\uFFFD', 'x'.repeat(3000)),
  );
  const value = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.string()));
  fc.assert(
    fc.property(fc.record(Object.fromEntries(FIELDS.map((f) => [f, value])), { requiredKeys: [] }), fc.boolean(), (fields, overValid) => {
      const parsed = parseBookingInput(overValid ? { ...bookingRequest('slot'), ...fields } : fields);
      for (const error of parsed.ok ? [] : parsed.errors) {
        assert.ok((BOOKING_INPUT_FIELD_CODES as readonly string[]).includes(error.code), `${error.field}: ${error.code}`);
        seen.add(error.code);
      }
    }),
    { numRuns: 2000, seed: 15 },
  );
  // Some codes need a precise input; the rest the runs above found.
  for (const [overrides, code] of [
    [{ email: 'nope' }, 'invalid_email'],
    [{ phone: 'nope' }, 'invalid_phone'],
    [{ groupSize: 0 }, 'too_small'],
    [{ groupSize: 10_001 }, 'too_large'],
    [{ groupSize: 1.5 }, 'not_a_number'],
    [{ name: '\u3164' }, 'invisible_only'],
    [{ name: 'J\uFFFD' }, 'invalid_encoding'],
    [{ name: 'a\u0007' }, 'invalid_characters'],
    [{ acceptTerms: false }, 'must_accept'],
    [{ groupSize: 12, party: { pupil: 10, teacher: 1 } }, 'group_size_not_party_sum'],
    [{ payBy: 'invoice', billing: { organisation: 'OBS De Linde', address: 'Dorpsstraat 1', vatId: 'NL12345678B01' } }, 'invalid_vat_id'],
    [{ billing: { organisation: 'OBS De Linde', address: 'Dorpsstraat 1', country: 'XX' } }, 'invalid_country'],
    [
      { billing: { organisation: 'OBS De Linde', address: 'Dorpsstraat 1', vatId: 'NL123456789B01', country: 'BE' } },
      'vat_id_other_country',
    ],
  ] as const) {
    const parsed = parseBookingInput(bookingRequest('slot', overrides));
    assert.ok(!parsed.ok && parsed.errors.some((e) => e.code === code), code);
    seen.add(code);
  }
  assert.deepEqual([...seen].sort(), [...BOOKING_INPUT_FIELD_CODES].sort());
});

test('a group size sent with a party that is not its sum names the sum', () => {
  const parsed = parseBookingInput(bookingRequest('slot', { groupSize: 12, party: { pupil: 10, teacher: 1 } }));
  assert.deepEqual(parsed.ok ? [] : parsed.errors, [{ field: 'groupSize', code: 'group_size_not_party_sum', params: { sum: 11 } }]);
  // Beside another field's fault too: one answer names every fault.
  const both = parseBookingInput(bookingRequest('slot', { groupSize: 30, party: { pupil: 20, teacher: 2 }, email: 'x' }));
  assert.deepEqual(both.ok ? [] : both.errors.map((e) => [e.field, e.code, e.params]), [
    ['email', 'invalid_email', undefined],
    ['groupSize', 'group_size_not_party_sum', { sum: 22 }],
  ]);
});
