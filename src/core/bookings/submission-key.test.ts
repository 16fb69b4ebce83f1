import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { isRandomKey } from './submission-key.js';

test('keys no generator makes are refused: constants, repeated blocks, few characters, runs, too short', () => {
  for (const key of [
    'aaaaaaaaaaaaaaaaaaaaaa', // the reviewer's constant
    'a'.repeat(128),
    'abababababababababababab',
    'key1key1key1key1key1key1',
    'Password1Password1Password1',
    'abcdefghijklmnopqrstuvwxyz',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef',
    'aabbccddeeffgghhiijjkkll',
    '0123456789abcdef0123456789abcdef',
    '00000000000000000000000000000000',
    'abcabcabcabcabcabcabcabcx',
    'aaaaaaaaaaaaaaaaaaaaab',
    randomBytes(15).toString('base64url').slice(0, 21), // 126 bits: one character short
    randomBytes(12).toString('hex').padEnd(24, '0').slice(0, 24), // hex digits only need 32
    `${randomBytes(16).toString('base64url')}/`,
    'x'.repeat(129),
  ]) {
    assert.equal(isRandomKey(key), false, key);
  }
});

test('keys random generators make always pass: 16+ random bytes as base64url or hex, UUIDs', () => {
  for (let i = 0; i < 5_000; i++) {
    for (const key of [
      randomBytes(16).toString('base64url'),
      randomBytes(16).toString('hex'),
      randomBytes(16).toString('hex').toUpperCase(),
      randomBytes(32).toString('base64url'),
      randomBytes(96).toString('base64url'),
      randomUUID(),
    ]) {
      assert.ok(isRandomKey(key), key);
    }
  }
});

/** C(n, k) as a float. */
function choose(n: number, k: number): number {
  let result = 1;
  for (let i = 0; i < k; i++) result = (result * (n - i)) / (i + 1);
  return result;
}

test('the odds that 16 random bytes fail the checks are below 1 in 10^12 (a union bound per rule)', () => {
  // 22 base64url characters, each uniform over 64. Steps between neighbours are then uniform too.
  const base64 = {
    hexOnly: 2 * (16 / 64) ** 22, // then it would need 32 characters
    periodic: Array.from({ length: 11 }, (_, i) => 64 ** -(22 - (i + 1))).reduce((a, b) => a + b),
    fewCharacters: choose(64, 5) * (5 / 64) ** 22,
    fewSteps: choose(64, 3) * (3 / 64) ** 21,
  };
  // 32 hex digits, each uniform over 16; whatever three steps, at most 3 of 16 next digits take one.
  const hex = {
    periodic: Array.from({ length: 16 }, (_, i) => 16 ** -(32 - (i + 1))).reduce((a, b) => a + b),
    fewCharacters: choose(16, 5) * (5 / 16) ** 32,
    fewSteps: choose(64, 3) * (3 / 16) ** 31,
  };
  for (const [encoding, bounds] of Object.entries({ base64, hex })) {
    const total = Object.values(bounds).reduce((a, b) => a + b);
    assert.ok(total < 1e-12, `${encoding}: ${total}`);
  }
});
