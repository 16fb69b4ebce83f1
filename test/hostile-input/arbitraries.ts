import fc from 'fast-check';
import { SESSION_COOKIE } from '../../src/web/admin/session-cookie.js';

/** How many runs a property gets: `base`, times GROUPZ_TEST_FUZZ_RUNS when set (e.g. 20 for a long local run). */
export function fuzzRuns(base: number): number {
  const factor = Number(process.env.GROUPZ_TEST_FUZZ_RUNS ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(factor) && factor > 0 ? factor : 1)));
}

/** fast-check's parameters: the run count, and GROUPZ_TEST_FUZZ_SEED to replay a failure it printed. */
export function fuzzParameters(base: number): fc.Parameters<unknown> {
  const seed = process.env.GROUPZ_TEST_FUZZ_SEED;
  return { numRuns: fuzzRuns(base), includeErrorInReport: true, ...(seed ? { seed: Number(seed) } : {}) };
}

/** Strings meant to break something: encodings, control characters, injections, look-alikes of other types. */
const NASTY = [
  '',
  ' ',
  '%',
  '%ff',
  '%zz',
  '%00',
  '\u0000',
  '..%2f..%2fetc%2fpasswd',
  '../../etc/passwd',
  '..\\..\\',
  '\r\nSet-Cookie: x=1',
  // Redirect targets that leave the site once a browser reads them.
  '/\t/evil.example',
  '/\n/evil.example',
  '//evil.example',
  '/\\evil.example',
  '/.//evil.example',
  'https://evil.example/',
  '/€',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  "'; DROP TABLE bookings; --",
  '\\',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '9007199254740993',
  '-1',
  '1.5',
  'null',
  'true',
  'undefined',
  '[object Object]',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '\u202e\u0635\ud83d\ude00',
  '\ud800',
  '\ufeff',
  'é',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
];

/** A hostile string: one of the classics, random unicode, or very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY), fc.string()).map(([a, b]) => a + b) },
);

/** Percent-encodes every character that is not unreserved (what a careful client sends). */
function encodeStrict(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
}

/** A path segment as it goes on the wire: encoded, raw (invalid encodings kept), or a broken escape. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  hostileString.map(encodeStrict),
  fc.constantFrom(
    '%',
    '%ff',
    '%e2%82',
    '%zz',
    '%00',
    '..%2f..%2f',
    '%2e%2e',
    '..',
    '.',
    '%252e',
    'a%2fb',
    '%u0041',
    ';a=b',
    'x'.repeat(300),
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => s.replace(/[\s#?/]/g, '%')),
);

/** A query string: known and random keys, repeated keys, `a[]=`, hostile and invalidly encoded values. */
export function hostileQuery(known: readonly string[]): fc.Arbitrary<string> {
  const keys = known.length > 0 ? known : ['x'];
  const key = fc.oneof(
    fc.constantFrom(...keys, ...keys.map((k) => `${k}[]`), '__proto__', 'constructor', 'a[b]', ''),
    fc.string({ maxLength: 8 }).map(encodeStrict),
  );
  const value = fc.oneof(hostileString.map(encodeStrict), hostileSegment);
  const pair = fc.oneof(
    fc.tuple(key, value).map(([k, v]) => `${k}=${v}`),
    key, // no '='
    fc.constantFrom('&', '=', '==', '%=%', '&&'),
  );
  return fc.array(pair, { maxLength: 8 }).map((pairs) => (pairs.length > 0 ? `?${pairs.join('&')}` : ''));
}

/** Any JSON value, with the types a field should not have: numbers of every kind, nesting, prototype keys. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], { __proto__: 1 }, { constructor: { prototype: {} } }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 2000 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown) },
);

/** A JSON body as text: an object with hostile values for the fields (and others), or text that is no JSON object at all. */
export function hostileJsonBody(known: readonly string[], valid: Record<string, unknown> = {}): fc.Arbitrary<string> {
  const fields = known.length > 0 ? known : ['x'];
  const fieldName = fc.oneof(
    fc.constantFrom(...fields, ...fields),
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.string({ maxLength: 10 }),
  );
  const mutated = fc.array(fc.tuple(fieldName, hostileJsonValue), { maxLength: 5 }).map((entries) => {
    const body = Object.entries(valid).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
    // Written out by hand: a `__proto__` key must reach the server as a key, and duplicates as duplicates.
    for (const [k, v] of entries) {
      const value = JSON.stringify(v) ?? 'null';
      // A known dotted name is a nested object's field: `billing.vatId` as `"billing":{"vatId":...}`.
      const [outer, inner] = fields.includes(k) ? k.split('.') : [k];
      body.push(inner === undefined ? `${JSON.stringify(k)}:${value}` : `${JSON.stringify(outer)}:{${JSON.stringify(inner)}:${value}}`);
    }
    return `{${body.join(',')}}`;
  });
  const notAnObject = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
    fc.constantFrom(
      '',
      '{',
      '{"a":',
      '[1,2',
      'nul',
      '{"a":1}{"b":2}',
      "{'a':1}",
      '{"a":NaN}',
      '{"a":1e999}',
      '\ufeff{}',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
    ),
    hostileString,
  );
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary: notAnObject });
}

/** An urlencoded form: hostile values for its fields (repeated, `[]`-suffixed, badly encoded), or garbage. */
export function hostileFormBody(known: readonly string[], valid: Record<string, string> = {}): fc.Arbitrary<string> {
  const fields = known.length > 0 ? known : ['x'];
  const name = fc.oneof(
    fc.constantFrom(...fields, ...fields),
    fc.constantFrom(...fields.map((f) => `${f}[]`), '__proto__', 'constructor'),
    fc.string({ maxLength: 8 }).map(encodeStrict),
  );
  const value = fc.oneof(hostileString.map(encodeStrict), hostileSegment);
  const mutated = fc.array(fc.tuple(name, value), { maxLength: 6 }).map((entries) => {
    const pairs = Object.entries(valid).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    for (const [k, v] of entries) pairs.push(`${k}=${v}`);
    return pairs.join('&');
  });
  return fc.oneof(
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: fc.oneof(hostileString, hostileSegment, fc.constantFrom('&&&', '=', '%', 'a=%', 'a=%zz&b')) },
  );
}

/** Content types a client might (wrongly) send. */
export const hostileContentType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  undefined,
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded; charset=latin1',
  'application/json;;;',
  'garbage',
  '',
  '*/*',
);

/** Header values that are odd but valid on the wire (Node refuses control characters before sending). */
const headerText = fc.oneof(
  fc.constantFrom('', '*', ';;;', ',,,', 'q=abc', 'en;q=NaN, nl;q=-1', 'xx-YY;q=2', 'a'.repeat(4000), '=;=;', '%ff', 'null', '__proto__=1'),
  fc.string({ unit: 'grapheme-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
);

/** Garbage for the headers every request reads: language, cookies, fetch metadata, origin. */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    'accept-language': headerText,
    cookie: fc.oneof(
      headerText,
      headerText.map((v) => `lang=${v}`),
      headerText.map((v) => `${SESSION_COOKIE}=${v}; lang=en; lang=xx`),
      fc.constantFrom('lang=%ff', 'lang=__proto__', '=; ;=;', `${SESSION_COOKIE}=${'A'.repeat(5000)}`),
    ),
    accept: fc.constantFrom('*/*', 'application/json', 'text/html', 'garbage', ''),
    'user-agent': headerText,
    'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 999.999.999.999', ''),
  },
  { requiredKeys: [] },
);

/** The value, printed by fast-check (a counterexample) with long strings cut short: a 64 KiB body stays readable. */
export function printable<T extends object>(value: T): T {
  const cut = (_key: string, v: unknown) => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 100)}… (${v.length} characters)` : v);
  return Object.assign(value, { [fc.toStringMethod]: () => JSON.stringify(value, cut) });
}
