import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertComplete, assertDefinedOnce, messageFiles, unusedKeys } from '../../../test/translations.js';
import { mailCatalogues, mailTranslator } from './mail-texts.js';

const core = fileURLToPath(new URL('..', import.meta.url));

describe('the texts of the mails', () => {
  test('nl and en have exactly the same keys, none empty, same placeholders', () => {
    assertComplete(mailCatalogues);
  });

  test('each key is defined once: the names shared with the pages in core/i18n, the rest in core/mail/messages', () => {
    const labelsFile = fileURLToPath(new URL('../i18n/labels.messages.ts', import.meta.url));
    assertDefinedOnce(mailCatalogues, [...messageFiles(fileURLToPath(new URL('messages', import.meta.url))), labelsFile]);
  });

  test('every key is used literally in core, which alone renders mails', () => {
    assert.deepEqual(unusedKeys(Object.keys(mailCatalogues.nl), core), []);
  });

  test('placeholders are filled in', () => {
    assert.equal(mailTranslator('en')('mail.subject.cancelled', { reference: 'GZ-7' }), 'Booking GZ-7 cancelled');
    assert.equal(mailTranslator('nl')('mail.subject.cancelled', { reference: 'GZ-7' }), 'Boeking GZ-7 geannuleerd');
  });
});
