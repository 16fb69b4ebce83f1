import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base32Decode, rfc6238 } from '../../../test/staff.js';
import { acceptedTotpStep, newTotpSecret, totpEnrolment } from './totp.js';

// RFC 6238 appendix B, SHA-1: the secret is the ASCII string "12345678901234567890", 8 digits.
const RFC_SECRET = Buffer.from('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  test("the tests' own TOTP reproduces the RFC's test vectors", () => {
    for (const [time, code] of RFC_VECTORS) assert.equal(rfc6238(RFC_SECRET, time, 8), code, `T=${time}`);
  });

  test('a code is accepted in its own step and one step either side, not two', () => {
    const secret = newTotpSecret();
    const key = base32Decode(secret);
    const now = new Date('2026-06-01T08:00:10Z');
    const t = now.getTime() / 1000;
    const step = Math.floor(t / 30);
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t), now, null), step);
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t - 30), now, null), step - 1);
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t + 30), now, null), step + 1);
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t - 60), now, null), null, 'two steps old');
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t + 60), now, null), null, 'two steps ahead');
  });

  test('a step at or before the last accepted one is refused: no replay, no older code', () => {
    const secret = newTotpSecret();
    const key = base32Decode(secret);
    const now = new Date('2026-06-01T08:00:10Z');
    const t = now.getTime() / 1000;
    const step = acceptedTotpStep(secret, rfc6238(key, t), now, null)!;
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t), now, step), null, 'the same code again');
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t - 30), now, step), null, 'the previous step');
    assert.equal(acceptedTotpStep(secret, rfc6238(key, t + 30), now, step), step + 1, 'the next step is fine');
  });

  test('malformed codes are refused, spaces are forgiven', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-06-01T08:00:10Z');
    const code = rfc6238(base32Decode(secret), now.getTime() / 1000);
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, ' '.repeat(6)])
      assert.equal(acceptedTotpStep(secret, bad, now, null), null, bad);
    assert.notEqual(acceptedTotpStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null), null);
  });

  test('secrets have 160 bits; the enrolment URI names them for SHA-1, 6 digits, 30 s; the QR code is an SVG', async () => {
    const secret = newTotpSecret();
    assert.equal(base32Decode(secret).length, 20);
    const { uri, qrSvg } = await totpEnrolment(secret, 'anna@venue.test');
    const url = new URL(uri);
    assert.equal(url.protocol, 'otpauth:');
    assert.equal(url.searchParams.get('secret'), secret);
    assert.equal(url.searchParams.get('algorithm'), 'SHA1');
    assert.equal(url.searchParams.get('digits'), '6');
    assert.equal(url.searchParams.get('period'), '30');
    assert.match(qrSvg, /^<svg[^>]*>.*<\/svg>\s*$/s);
    assert.doesNotMatch(qrSvg, /<script|on\w+=/i);
  });
});
