import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { languageCookieProblem } from './crawl.checks.js';
import { cspProblems, headerChecks, hstsProblem } from './headers.checks.js';

const ORIGIN = 'https://bookings.groupz.now';
const GOOD_CSP =
  "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

describe('the header rules of the audit', () => {
  test('HSTS: a year or more, with includeSubDomains', () => {
    assert.equal(hstsProblem('max-age=63072000; includeSubDomains'), null);
    assert.equal(hstsProblem('max-age="31536000"; includesubdomains; preload'), null);
    assert.match(hstsProblem('max-age=31535999; includeSubDomains')!, /under a year/);
    assert.match(hstsProblem('max-age=63072000')!, /no includeSubDomains/);
    assert.match(hstsProblem('includeSubDomains')!, /no max-age/);
    assert.match(hstsProblem(undefined)!, /no Strict-Transport-Security/);
  });

  test('CSP: the required directives, nothing unsafe, no other origin', () => {
    assert.deepEqual(cspProblems(GOOD_CSP, ORIGIN), []);
    assert.deepEqual(cspProblems(`${GOOD_CSP}; connect-src ${ORIGIN}`, ORIGIN), [], 'its own origin is fine');
    assert.deepEqual(cspProblems(GOOD_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"), ORIGIN), [
      "script-src allows 'unsafe-inline'",
    ]);
    assert.deepEqual(cspProblems(GOOD_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"), ORIGIN), [
      "script-src allows 'unsafe-eval'",
    ]);
    for (const foreign of ['https://cdn.example', '*.example.com', 'https:', '*', 'http://bookings.groupz.now']) {
      assert.deepEqual(cspProblems(`${GOOD_CSP}; style-src 'self' ${foreign}`, ORIGIN), [`style-src allows another origin: ${foreign}`]);
    }
    assert.deepEqual(cspProblems(`${GOOD_CSP}; report-uri https://reports.example/csp`, ORIGIN), [
      'report-uri sends reports to another origin: https://reports.example/csp',
    ]);
    assert.deepEqual(cspProblems(`${GOOD_CSP}; report-uri /csp-reports`, ORIGIN), []);
    const missing = cspProblems("default-src 'self'; object-src 'self'", ORIGIN);
    assert.deepEqual(missing, [
      `object-src is "'self'", not 'none'`,
      "base-uri is missing, not 'none'",
      "frame-ancestors is missing, not 'none'",
      "form-action is missing, not 'self'",
    ]);
    assert.deepEqual(cspProblems(undefined, ORIGIN), ['no Content-Security-Policy header']);
  });

  test('each header is checked on every response, and a failure names where', () => {
    const good = {
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
      'content-security-policy': GOOD_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'camera=()',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    };
    const all = headerChecks(
      [
        { path: '/', headers: good },
        { path: '/a.css', headers: good },
      ],
      ORIGIN,
    );
    assert.deepEqual(
      all.map((check) => [check.id, check.ok]),
      ['hsts', 'csp', 'nosniff', 'referrer-policy', 'permissions-policy', 'coop', 'corp'].map((id) => [id, true]),
    );
    const { 'referrer-policy': _dropped, ...withoutReferrer } = good;
    const broken = headerChecks(
      [
        { path: '/', headers: good },
        { path: '/b', headers: { ...withoutReferrer, 'x-content-type-options': 'sniff', 'cross-origin-resource-policy': 'cross-origin' } },
      ],
      ORIGIN,
    );
    const failed = Object.fromEntries(broken.filter((check) => !check.ok).map((check) => [check.id, check.finding]));
    assert.deepEqual(Object.keys(failed), ['nosniff', 'referrer-policy', 'corp']);
    assert.equal(failed['referrer-policy'], 'Referrer-Policy is missing (/b; 1 of 2 responses)');
    assert.equal(failed.nosniff, 'X-Content-Type-Options is "sniff" (/b; 1 of 2 responses)');
    assert.equal(headerChecks([{ path: '/', headers: { ...good, 'referrer-policy': 'unsafe-url' } }], ORIGIN)[3]!.ok, false);
  });

  test('the language switch must set exactly the lang cookie, host-only, Secure and Lax', () => {
    assert.equal(languageCookieProblem(['lang=en; Max-Age=31536000; Path=/; HttpOnly; Secure; SameSite=Lax']), null);
    assert.match(languageCookieProblem([])!, /0 cookies set/);
    assert.match(languageCookieProblem(['lang=en; Secure; SameSite=Lax', 'ga=1'])!, /2 cookies set \(lang, ga\)/);
    assert.match(languageCookieProblem(['language=en; Secure; SameSite=Lax'])!, /named language/);
    assert.match(languageCookieProblem(['lang=en; Domain=groupz.now; Secure; SameSite=Lax'])!, /not host-only/);
    assert.match(languageCookieProblem(['lang=en; SameSite=Lax'])!, /not Secure/);
    assert.match(languageCookieProblem(['lang=en; Secure; SameSite=None'])!, /SameSite=None, not Lax/);
  });
});
