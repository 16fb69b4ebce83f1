import assert from 'node:assert/strict';
import { SECURITY_HEADERS } from '../src/web/plugins/security-headers.js';

/**
 * The defaults a route may change (src/web/plugins/caching.ts): the catalogue may be cached and
 * indexed. Every response still says how it may be cached.
 */
const ROUTE_MAY_CHANGE = new Set(['cache-control', 'x-robots-tag']);

/** The one check that a response carries the platform's security headers, each with its value. */
export function assertSecurityHeaders(headers: Record<string, unknown>, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!ROUTE_MAY_CHANGE.has(name)) assert.equal(headers[name], value, `${what}: ${name}`);
  }
  assert.ok(headers['cache-control'], `${what}: cache-control`);
}
