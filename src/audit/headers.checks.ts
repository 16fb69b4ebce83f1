import type { IncomingHttpHeaders } from 'node:http';
import type { AuditCheck } from '../core/self-audit/self-audit.js';
import { fail, pass } from './check.js';

/** A response the crawl got, by the path it asked for. */
export interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** One rule on a header, checked on every response: the first problem fails the check, naming where. */
function onEveryResponse(
  id: string,
  title: string,
  seen: Seen[],
  name: string,
  problemOf: (value: string | undefined) => string | null,
): AuditCheck {
  if (seen.length === 0) return fail(id, title, 'no response to check');
  const problems = seen.map((response) => ({ path: response.path, problem: problemOf(header(response.headers, name)) }));
  const failing = problems.filter((p) => p.problem !== null);
  if (failing.length > 0) {
    const first = failing[0]!;
    return fail(id, title, `${first.problem} (${first.path}; ${failing.length} of ${seen.length} responses)`);
  }
  return pass(id, title, `${name}: ${header(seen[0]!.headers, name) ?? ''} (all ${seen.length} responses)`);
}

const YEAR_SECONDS = 31_536_000;

export function hstsProblem(value: string | undefined): string | null {
  if (value === undefined) return 'no Strict-Transport-Security header';
  const directives = value.split(';').map((d) => d.trim().toLowerCase());
  const maxAge = directives.map((d) => /^max-age\s*=\s*"?(\d+)"?$/.exec(d)?.[1]).find((v) => v !== undefined);
  if (maxAge === undefined) return `no max-age in "${value}"`;
  if (Number(maxAge) < YEAR_SECONDS) return `max-age=${maxAge} is under a year (${YEAR_SECONDS})`;
  if (!directives.includes('includesubdomains')) return `no includeSubDomains in "${value}"`;
  return null;
}

/** Directives whose values are not lists of sources. */
const NOT_SOURCES = new Set([
  'sandbox',
  'report-to',
  'upgrade-insecure-requests',
  'block-all-mixed-content',
  'require-trusted-types-for',
  'trusted-types',
]);
const REQUIRED: Record<string, string> = {
  'default-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'frame-ancestors': "'none'",
  'form-action': "'self'",
};

/** A source that names no other origin: a keyword, a nonce or hash, data: or blob:, or this origin itself. */
function isOwnSource(source: string, origin: string): boolean {
  if (/^'[^']*'$/.test(source)) return true;
  if (source === 'data:' || source === 'blob:') return true;
  return source.replace(/\/$/, '') === origin;
}

function isSameOrigin(reference: string, origin: string): boolean {
  try {
    return new URL(reference, origin).origin === origin;
  } catch {
    return false;
  }
}

/** Every way the policy falls short of the platform's promise; none means it keeps it. */
export function cspProblems(value: string | undefined, origin: string): string[] {
  if (value === undefined) return ['no Content-Security-Policy header'];
  const directives = new Map<string, string[]>();
  for (const part of value.split(/[;,]/)) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  const problems: string[] = [];
  for (const [name, sources] of directives) {
    if (NOT_SOURCES.has(name)) continue;
    for (const source of sources) {
      if (name === 'report-uri') {
        if (!isSameOrigin(source, origin)) problems.push(`report-uri sends reports to another origin: ${source}`);
      } else if (/^'unsafe-/i.test(source)) problems.push(`${name} allows ${source}`);
      else if (!isOwnSource(source, origin)) problems.push(`${name} allows another origin: ${source}`);
    }
  }
  for (const [name, expected] of Object.entries(REQUIRED)) {
    const sources = directives.get(name);
    if (sources?.join(' ') !== expected) problems.push(`${name} is ${sources ? `"${sources.join(' ')}"` : 'missing'}, not ${expected}`);
  }
  return problems;
}

/** Values that never send a full URL to another site. */
const STRICT_REFERRER = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];

/** Each security header on every response the crawl got. */
export function headerChecks(seen: Seen[], origin: string): AuditCheck[] {
  return [
    onEveryResponse('hsts', 'HSTS for a year or more, with subdomains', seen, 'strict-transport-security', hstsProblem),
    onEveryResponse('csp', 'Content-Security-Policy allows only this origin, no inline code', seen, 'content-security-policy', (value) => {
      const problems = cspProblems(value, origin);
      return problems.length === 0 ? null : problems.join('; ');
    }),
    onEveryResponse('nosniff', 'X-Content-Type-Options: nosniff', seen, 'x-content-type-options', (value) =>
      value?.trim().toLowerCase() === 'nosniff' ? null : `X-Content-Type-Options is ${value === undefined ? 'missing' : `"${value}"`}`,
    ),
    onEveryResponse('referrer-policy', 'Referrer-Policy sends no URL to other sites', seen, 'referrer-policy', (value) => {
      // Browsers apply the last value they know.
      const last = value?.split(',').pop()?.trim().toLowerCase();
      return last && STRICT_REFERRER.includes(last) ? null : `Referrer-Policy is ${value === undefined ? 'missing' : `"${value}"`}`;
    }),
    onEveryResponse('permissions-policy', 'Permissions-Policy is set', seen, 'permissions-policy', (value) =>
      value?.trim() ? null : 'no Permissions-Policy header',
    ),
    onEveryResponse('coop', 'Cross-Origin-Opener-Policy: same-origin', seen, 'cross-origin-opener-policy', (value) =>
      value?.trim().toLowerCase() === 'same-origin'
        ? null
        : `Cross-Origin-Opener-Policy is ${value === undefined ? 'missing' : `"${value}"`}`,
    ),
    onEveryResponse('corp', 'Cross-Origin-Resource-Policy: same-origin or same-site', seen, 'cross-origin-resource-policy', (value) =>
      ['same-origin', 'same-site'].includes(value?.trim().toLowerCase() ?? '')
        ? null
        : `Cross-Origin-Resource-Policy is ${value === undefined ? 'missing' : `"${value}"`}`,
    ),
  ];
}
