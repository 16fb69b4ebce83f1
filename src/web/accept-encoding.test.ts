import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preferredEncoding } from './accept-encoding.js';

test('the encoding a request accepts with the highest q, brotli on a tie; q=0 refuses, * stands for the rest', () => {
  for (const [acceptEncoding, expected] of [
    ['br, gzip', 'br'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['BR;Q=0.9, GZIP;Q=0.8', 'br'],
    ['*', 'br'],
    ['gzip;q=0, *', 'br'],
    ['br;q=0, *', 'gzip'],
    ['br;q=0.1, *', 'gzip'],
    ['*;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['br;q=0, gzip;q=0, *', null],
    ['*;q=0', null],
    ['*;q=0, identity', null],
    ['identity', null],
    // Identity refused and nothing else acceptable: RFC 9110 leaves a 406 or disregarding the header.
    ['identity;q=0', null],
    ['deflate', null],
    ['', null],
    [undefined, null],
  ] as const) {
    assert.equal(preferredEncoding(acceptEncoding, false), expected, String(acceptEncoding));
  }
  assert.equal(preferredEncoding('br, gzip', true), null, 'x-no-compression');
});
