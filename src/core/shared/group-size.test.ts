import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkGroupSize, MAX_GROUP_SIZE } from './group-size.js';

describe('a group size as typed', () => {
  test('a whole number from 1 to MAX_GROUP_SIZE, else the field error naming the bound', () => {
    assert.equal(MAX_GROUP_SIZE, 10_000);
    assert.deepEqual(checkGroupSize(1), { ok: true, groupSize: 1 });
    assert.deepEqual(checkGroupSize(MAX_GROUP_SIZE), { ok: true, groupSize: MAX_GROUP_SIZE });
    assert.deepEqual(checkGroupSize(0), { ok: false, fault: { code: 'too_small', params: { min: 1 } } });
    assert.deepEqual(checkGroupSize(-3), { ok: false, fault: { code: 'too_small', params: { min: 1 } } });
    assert.deepEqual(checkGroupSize(MAX_GROUP_SIZE + 1), { ok: false, fault: { code: 'too_large', params: { max: MAX_GROUP_SIZE } } });
    assert.deepEqual(checkGroupSize('vier'), { ok: false, fault: { code: 'not_a_number' } });
  });
});
