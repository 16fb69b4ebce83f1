import { createHmac, timingSafeEqual } from 'node:crypto';

/** The hidden form field every back-office POST carries. */
export const CSRF_FIELD = '_csrf';

/**
 * A session's CSRF token: an HMAC of the session under the platform key. Bound to the session
 * (a new login gives a new token), nothing to store, and useless to anyone without the cookie.
 */
export function csrfTokenFor(key: Buffer, sessionTokenHash: string): string {
  return createHmac('sha256', key).update(`csrf:${sessionTokenHash}`).digest('base64url');
}

export function isValidCsrfToken(key: Buffer, sessionTokenHash: string, given: string): boolean {
  const expected = Buffer.from(csrfTokenFor(key, sessionTokenHash));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
