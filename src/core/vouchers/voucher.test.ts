import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { openVoucherCode, sealVoucherCode } from './voucher-code-box.js';
import { newVoucherCode, normaliseVoucherCode, validUntilOf, voucherCodeKey } from './voucher.js';

describe('voucher codes', () => {
  test('a new code is four groups of four from Crockford base32, and different each time', () => {
    const codes = new Set(Array.from({ length: 1000 }, newVoucherCode));
    assert.equal(codes.size, 1000);
    for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
  });

  test('a typed code is read as it was meant: case, spaces, dashes and O/I/L do not matter', () => {
    assert.equal(normaliseVoucherCode('abcd-efgh-jkmn-pq01'), 'ABCDEFGHJKMNPQ01');
    assert.equal(normaliseVoucherCode(' abcd efgh jkmn pqOl '), 'ABCDEFGHJKMNPQ01');
    assert.equal(voucherCodeKey('abcd efgh jkmn pqol').hash, voucherCodeKey('ABCD-EFGH-JKMN-PQ01').hash);
    assert.equal(voucherCodeKey('ABCD-EFGH-JKMN-PQ01').hint, 'PQ01');
    assert.equal(normaliseVoucherCode('ABCD-EFGH-JKMN-PQ0'), undefined);
    assert.equal(normaliseVoucherCode('ABCD-EFGH-JKMN-PQ0U'), undefined);
    assert.equal(normaliseVoucherCode('ABCD-EFGH-JKMN-PQ0!'), undefined);
  });

  test('a sealed code opens for its own voucher only', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = sealVoucherCode(key, 'v1', 'ABCD-EFGH-JKMN-PQ01');
    assert.equal(openVoucherCode(key, 'v1', sealed), 'ABCD-EFGH-JKMN-PQ01');
    assert.throws(() => openVoucherCode(key, 'v2', sealed));
    assert.throws(() => openVoucherCode(Buffer.alloc(32, 2), 'v1', sealed));
  });

  test('validity runs whole months from the day of issue; the end of a month stays in its month', () => {
    assert.equal(validUntilOf('2026-12-06', 24), '2028-12-06');
    assert.equal(validUntilOf('2028-02-29', 24), '2030-02-28');
  });
});
