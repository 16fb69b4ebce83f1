import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { count, money, negotiateLanguage, percent, translatorFor } from './i18n.js';

describe('languages and lookups', () => {
  test('a lookup fills in the placeholders it is given and leaves the others', () => {
    const t = translatorFor({ greeting: 'Dag {name}, nog {n} plaatsen' }, 'nl');
    assert.equal(t('greeting', { name: 'Ada', n: 3 }), 'Dag Ada, nog 3 plaatsen');
    assert.equal(t('greeting', { n: 0 }), 'Dag {name}, nog 0 plaatsen');
  });

  test('a quantity and an amount of money are written the language’s way; a plain number (a year, an id) as it is', () => {
    const catalogue = { line: '{n} in {year}, #{id}, at most {max}' };
    const params = { n: count(10_000), year: 2027, id: 12345, max: money(99_999_99) };
    assert.equal(translatorFor(catalogue, 'nl')('line', params), '10.000 in 2027, #12345, at most €\u00a099.999,99');
    assert.equal(translatorFor(catalogue, 'en')('line', params), '10,000 in 2027, #12345, at most €99,999.99');
    assert.equal(
      translatorFor(catalogue, 'nl')('line', { n: count(1000), year: 1000, id: 7, max: count(2.5) }),
      '1.000 in 1000, #7, at most 2,5',
    );
    assert.equal(
      translatorFor(catalogue, 'en')('line', { n: count(999), year: 0, id: -1, max: money(-5) }),
      '999 in 0, #-1, at most -€0.05',
    );
  });

  test('a percentage is written the language’s way, as Intl writes it, the sign included', () => {
    const catalogue = { line: '{deposit} now, {rate} VAT' };
    const params = { deposit: percent(30), rate: percent(21.5) };
    assert.equal(translatorFor(catalogue, 'nl')('line', params), '30% now, 21,5% VAT');
    assert.equal(translatorFor(catalogue, 'en')('line', params), '30% now, 21.5% VAT');
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
