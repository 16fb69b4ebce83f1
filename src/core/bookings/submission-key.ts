/**
 * A submission key (see submitBooking) must be made by a random generator, with at least 128 bits:
 * 22 to 128 characters of base64url (A-Z a-z 0-9 - _), which at 6 bits a character hold 132 bits;
 * a key of hex digits only (4 bits a character) needs 32 characters. Randomness cannot be
 * measured from one key, so what is refused is what no generator makes: a key that repeats a
 * shorter block (`aaaa...`, `abab...`, `key1key1...`), uses fewer than 6 different characters, or
 * steps from character to character in fewer than 4 ways (`abcdef...`, `aabbcc...`, `0123...`).
 * 16 random bytes as base64url (22 characters) or hex (32) always pass: the odds that they do not
 * are below 1 in 10^12 (bounded by the counting in submission-key.test.ts).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export const SUBMISSION_KEY_FORMAT = /^[A-Za-z0-9_-]{22,128}$/;

function minimumLength(key: string): number {
  return /^[0-9a-f]+$/.test(key) || /^[0-9A-F]+$/.test(key) ? 32 : 22;
}

function repeatsABlock(key: string): boolean {
  for (let period = 1; period <= key.length / 2; period++) {
    if (key.slice(period) === key.slice(0, -period)) return true;
  }
  return false;
}

function distinctSteps(key: string): number {
  const steps = new Set<number>();
  for (let i = 1; i < key.length; i++) steps.add((ALPHABET.indexOf(key[i]!) - ALPHABET.indexOf(key[i - 1]!) + 64) % 64);
  return steps.size;
}

export function isRandomKey(key: string): boolean {
  return (
    SUBMISSION_KEY_FORMAT.test(key) &&
    key.length >= minimumLength(key) &&
    !repeatsABlock(key) &&
    new Set(key).size >= 6 &&
    distinctSteps(key) >= 4
  );
}
