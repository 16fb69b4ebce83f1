import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/**
 * Random bytes from the CSPRNG, drawn a few kilobytes at a time: a call for 8 or 12 bytes costs
 * about as much as one for 4,096 (Node.js's randomUUID keeps such a pool too). Each byte is handed
 * out once.
 */
const pool = Buffer.alloc(4096);
let taken = pool.length;

function randomSlice(size: number): Buffer {
  if (taken + size > pool.length) {
    randomFillSync(pool);
    taken = 0;
  }
  taken += size;
  return pool.subarray(taken - size, taken);
}

/** Row ids: 96 random bits, URL-safe. Not secrets, but not guessable either. */
export function newId(): string {
  return randomSlice(12).toString('base64url');
}

/** Capability tokens (manage links and the like): 256 bits from the CSPRNG. Only the hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

// Crockford's base32 (no I, L, O, U): 256 is a multiple of 32, so `b % 32` has no bias.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A booking reference people can read out on the phone: `GZ-XXXX-XXXX`, 40 random bits. */
export function newReference(): string {
  const chars = [...randomSlice(8)].map((b) => REFERENCE_ALPHABET[b % 32]);
  return `GZ-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** Ids, slugs and tokens are URL-safe; anything else names no row and is never sent to the database. */
export function isKey(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,128}$/.test(value);
}
