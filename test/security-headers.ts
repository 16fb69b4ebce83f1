import assert from 'node:assert/strict';
import { SECURITY_HEADERS } from '../src/web/plugins/security-headers.js';

/** The one check that a response carries the platform's security headers, each with its value. */
export function assertSecurityHeaders(headers: Record<string, unknown>, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(headers[name], value, `${what}: ${name}`);
}
