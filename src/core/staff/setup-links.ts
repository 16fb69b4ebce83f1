import { createHmac, randomBytes } from 'node:crypto';
import type { LinkKey } from '../shared/link-key.js';

/**
 * A setup link that goes out by mail is made as the bookings' links are: HMAC-SHA256 of the
 * member's id and a random nonce under the link key. The staff row keeps only the token's hash,
 * the queued mail only the nonce; the mail computes the token as it goes out, so no link waits
 * in the database, and a mail whose token no longer hashes to the stored one (the link was
 * re-issued or used since) is not sent.
 */
export function newSetupNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function setupLinkToken(key: LinkKey, staffId: string, nonce: string): string {
  return createHmac('sha256', key).update(`staff-setup\n${staffId}\n${nonce}`).digest('base64url');
}

export function setupLinkPath(token: string): string {
  return `/staff/setup/${token}`;
}
