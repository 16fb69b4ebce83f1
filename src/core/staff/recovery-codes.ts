import { randomBytes } from 'node:crypto';
import { hashToken } from '../shared/ids.js';

export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32 without look-alikes; 256 is a multiple of 32, so `b % 32` has no bias.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Ten codes of 16 characters (80 random bits each), shown once as `XXXX-XXXX-XXXX-XXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = [...randomBytes(16)].map((b) => ALPHABET[b % 32]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What is stored and compared: the hash of the code without dashes, spaces or case. */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  return hashToken(normalised);
}

export function looksLikeRecoveryCode(code: string): boolean {
  return code.replace(/[\s-]/g, '').length === 16;
}
