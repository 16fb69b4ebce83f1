import assert from 'node:assert/strict';
import { sameOriginPath } from '../../src/web/plugins/redirects.js';
import { assertSecurityHeaders } from '../security-headers.js';

/**
 * What every response the suite gets must hold, whatever its status (4xx, 421 and the parser's
 * refusals included): the security headers, and a Location (if any) that is a path on the site.
 */
export function assertResponseContract(headers: Record<string, unknown>, what: string): void {
  assertSecurityHeaders(headers, what);
  const location = headers.location;
  if (location !== undefined) {
    assert.equal(typeof location, 'string', what);
    assert.equal(sameOriginPath(location as string, 'http://bookings.test'), location, `${what}: Location ${JSON.stringify(location)}`);
  }
}
