import { createHmac } from 'node:crypto';
import { hashToken } from '../shared/ids.js';
import type { LinkKey } from '../shared/link-key.js';

/**
 * The private links of a booking: the organiser's manage link (`/b/<token>`) and the link the
 * organiser shares with participants (`/p/<token>`).
 *
 * A token is HMAC-SHA256 of the purpose, the booking id and the link's version under a key derived
 * from the platform's secret key: 256 bits nobody can guess without the key. The database stores
 * only the token's SHA-256 (the lookup), never the token; the platform can still put the current
 * link in any later mail (a reminder, an expiry warning) by computing it again. Re-issuing a link
 * raises its version, so the old token no longer hashes to what is stored.
 */
export type LinkPurpose = 'manage' | 'participants';

export function linkToken(key: LinkKey, purpose: LinkPurpose, bookingId: string, version: number): string {
  return createHmac('sha256', key).update(`${purpose}\n${bookingId}\n${version}`).digest('base64url');
}

/** The token of a link and the hash the database keeps for it. */
export function issueLink(key: LinkKey, purpose: LinkPurpose, bookingId: string, version: number): { token: string; hash: string } {
  const token = linkToken(key, purpose, bookingId, version);
  return { token, hash: hashToken(token) };
}

/** The path a link opens. */
export function linkPath(purpose: LinkPurpose, token: string): string {
  return `${purpose === 'manage' ? '/b' : '/p'}/${token}`;
}
