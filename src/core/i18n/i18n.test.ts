import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DOMAIN_ERROR_CODES } from '../shared/errors.js';
import { FIELD_ERROR_CODES } from '../shared/field-errors.js';
import { HTTP_ERROR_CODES } from '../../web/plugins/errors.js';
import { catalogues, negotiateLanguage, translator } from './i18n.js';

const { nl, en } = catalogues;

const src = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.includes('messages') ? [path] : [];
  });
}

describe('translations', () => {
  test('nl and en have exactly the same keys, none empty, same placeholders', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(nl).sort());
    for (const [key, text] of Object.entries(nl)) {
      const other = en[key as keyof typeof nl];
      assert.ok(text.trim() && other.trim(), `empty message ${key}`);
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(names(other), names(text), `placeholders of ${key}`);
    }
  });

  test('every key is used: literally in the code, or as the message of a domain, field or HTTP error code', () => {
    const code = sources(src)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const dynamic = new Set([
      ...DOMAIN_ERROR_CODES.map((c) => `error.${c}`),
      ...FIELD_ERROR_CODES.map((c) => `field.${c}`),
      ...HTTP_ERROR_CODES.map((c) => `http.${c}`),
      'status.confirmed',
    ]);
    const unused = Object.keys(nl).filter((key) => !dynamic.has(key) && !code.includes(`'${key}'`) && !code.includes(`"${key}"`));
    assert.deepEqual(unused, []);
  });

  test('placeholders are filled in', () => {
    assert.equal(translator('en')('slot.places_left', { n: 3 }), '3 places left');
    assert.equal(translator('nl')('slot.places_left', { n: 3 }), 'Nog 3 plaatsen');
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
