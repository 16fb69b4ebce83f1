import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { seal, unseal } from './secret-box.js';
import { randomBytes } from 'node:crypto';

describe('passwords', () => {
  test('at least 8 characters, up to 256, no composition rules; the 10,000 most common refused', async () => {
    assert.equal(await passwordProblem('short12'), 'password_too_short');
    assert.equal(await passwordProblem('tulpen en molens'), null, 'lower case words only');
    assert.equal(await passwordProblem('ééééééé'), 'password_too_short', 'seven characters, fourteen bytes');
    assert.equal(await passwordProblem('x'.repeat(64)), null);
    assert.equal(await passwordProblem('lange zin '.repeat(25).slice(0, 256)), null);
    assert.equal(await passwordProblem('x'.repeat(257)), 'password_too_long');
    for (const common of ['password', '12345678', 'qwertyuiop', 'iloveyou', 'Password', 'QWERTYUIOP', 'baseball']) {
      assert.equal(await passwordProblem(common), 'password_common', common);
    }
  });

  test('common Dutch passwords and one word with a few digits or symbols are refused', async () => {
    for (const common of ['wachtwoord', 'welkom01', 'Welkom123', 'Wachtwoord2024!', 'zomer2025', 'voetbal123', 'Sanne2015', 'Password1']) {
      assert.equal(await passwordProblem(common), 'password_common', common);
    }
    // More than six digits or symbols around a word: the length rule's business, not this one's.
    assert.equal(await passwordProblem('welkom#83920174'), null);
    for (const strong of ['fietsen langs de Vecht', 'correct horse battery staple', 'klimmen op dinsdagavond in Utrecht', '83920174']) {
      assert.equal(await passwordProblem(strong), null, strong);
    }
  });

  test('passwords built from the venue, the platform or the member’s address are refused', async () => {
    const context = { email: 'marit.bakker@klimcentrum-noord.nl', venueNames: ['Klimhal De Wand', 'klimhal-de-wand', 'Zwolle'] };
    for (const guessable of [
      'klimhal123',
      'Klimhal2026!',
      'klimhaldewand',
      'wand2026',
      'Groupz2026',
      'groupz!!',
      'maritbakker1',
      'Bakker1990',
      'klimcentrum1',
      'zwolle2026',
    ]) {
      assert.equal(await passwordProblem(guessable, context), 'password_predictable', guessable);
    }
    assert.equal(await passwordProblem('klimhal123'), null, 'an unknown word to someone else’s context');
    assert.equal(await passwordProblem('bij klimhal de wand klimmen wij op dinsdag', context), null, 'a sentence that names the venue');
  });

  test('a password made only of context words, whole or combined, with a few digits or symbols is refused', async () => {
    const manager = { email: 'm1@klimhal.test', venueNames: ['Klimhal De Wand', 'klimhal-de-wand', 'Zwolle'] };
    for (const guessable of [
      'm1@klimhal.test',
      'M1@Klimhal.Test!',
      'm1klimhal',
      'groupz.now1',
      'Groupz now 2026',
      'DeWand2024',
      'wand-klimhal-zwolle',
      'klimhal.test',
    ]) {
      assert.equal(await passwordProblem(guessable, manager), 'password_predictable', guessable);
    }
    const admin = { email: 'admin@example.org', venueNames: [] };
    for (const guessable of ['admin@example.org', 'adminexample1', 'example.org!']) {
      assert.equal(await passwordProblem(guessable, admin), 'password_predictable', guessable);
    }
    const long = { email: 'j.de.vries.1990@mail.klim-centrum.example.nl', venueNames: [] };
    assert.equal(
      await passwordProblem('j.de.vries.1990@mail.klim-centrum.example.nl', long),
      'password_predictable',
      'an address with many dots',
    );
    for (const strong of [
      'klimmen op dinsdagavond bij De Wand',
      'Klimhal De Wand, elke dinsdag om acht',
      'm1 klimt graag bij klimhal',
      'groupz rocks the wall',
      'klimhal#83920174',
    ]) {
      assert.equal(await passwordProblem(strong, manager), null, strong);
    }
    assert.equal(await passwordProblem('beheer op example gaat goed', admin), null);
    assert.equal(await passwordProblem('xq#12345', admin), null, 'two letters and digits, but no context word');
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
