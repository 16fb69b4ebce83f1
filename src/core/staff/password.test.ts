import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { seal, unseal } from './secret-box.js';
import { randomBytes } from 'node:crypto';

describe('passwords', () => {
  test('at least 8 characters, up to 256, no composition rules; the 10,000 most common refused', () => {
    assert.equal(passwordProblem('short12'), 'password_too_short');
    assert.equal(passwordProblem('tulpen en molens'), null, 'lower case words only');
    assert.equal(passwordProblem('ééééééé'), 'password_too_short', 'seven characters, fourteen bytes');
    assert.equal(passwordProblem('x'.repeat(64)), null);
    assert.equal(passwordProblem('lange zin '.repeat(25).slice(0, 256)), null);
    assert.equal(passwordProblem('x'.repeat(257)), 'password_too_long');
    for (const common of ['password', '12345678', 'qwertyuiop', 'iloveyou', 'Password', 'QWERTYUIOP', 'baseball']) {
      assert.equal(passwordProblem(common), 'password_common', common);
    }
  });

  test('hashed with argon2id at the OWASP parameters; verification is exact', async () => {
    const hash = await hashPassword('correct horse battery staple');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    assert.equal(await verifyPassword(hash, 'correct horse battery staple'), true);
    assert.equal(await verifyPassword(hash, 'correct horse battery stapl'), false);
    assert.equal(await verifyPassword('not a hash', 'anything'), false);
  });
});

describe('secrets at rest (AES-256-GCM)', () => {
  test('a sealed value opens only with the same key and owner, and any change is detected', () => {
    const key = randomBytes(32);
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP', 'totp:a');
    assert.doesNotMatch(sealed, /JBSWY3DPEHPK3PXP/);
    assert.equal(unseal(key, sealed, 'totp:a'), 'JBSWY3DPEHPK3PXP');
    assert.notEqual(seal(key, 'JBSWY3DPEHPK3PXP', 'totp:a'), sealed, 'a fresh IV each time');
    assert.throws(() => unseal(randomBytes(32), sealed, 'totp:a'));
    assert.throws(() => unseal(key, sealed, 'totp:b'), /authenticate/, 'moved to another account');
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0]! ^= 1;
    assert.throws(() => unseal(key, [...parts.slice(0, 3), data.toString('base64url')].join('.'), 'totp:a'));
  });
});
