import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { negotiateLanguage, translatorFor } from './i18n.js';

describe('languages and lookups', () => {
  test('a lookup fills in the placeholders it is given and leaves the others', () => {
    const t = translatorFor({ greeting: 'Dag {name}, nog {n} plaatsen' });
    assert.equal(t('greeting', { name: 'Ada', n: 3 }), 'Dag Ada, nog 3 plaatsen');
    assert.equal(t('greeting', { n: 0 }), 'Dag {name}, nog 0 plaatsen');
  });

  test('the language: a valid choice first, then Accept-Language by quality, then Dutch', () => {
    assert.equal(negotiateLanguage('en', 'nl'), 'en');
    assert.equal(negotiateLanguage('fr', 'en-GB,en;q=0.9'), 'en');
    assert.equal(negotiateLanguage(undefined, 'de-DE, en;q=0.5, nl;q=0.8'), 'nl');
    assert.equal(negotiateLanguage(undefined, 'fr, de'), 'nl');
    assert.equal(negotiateLanguage(undefined, 'en;q=0, nl-BE;q=0.1'), 'nl');
    assert.equal(negotiateLanguage(undefined, 'EN-us'), 'en');
    assert.equal(negotiateLanguage(undefined, ';;;q=x,,'), 'nl');
    assert.equal(negotiateLanguage(undefined, undefined), 'nl');
  });
});
