import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertComplete, assertDefinedOnce, messageFiles, unusedKeys } from '../../../test/translations.js';
import { DOMAIN_ERROR_CODES } from '../../core/shared/errors.js';
import { FIELD_ERROR_CODES } from '../../core/shared/field-errors.js';
import { HTTP_ERROR_CODES } from '../plugins/errors.js';
import { catalogues, translator } from './i18n.js';
import { activityDetailsMessages } from './messages/activity-details.messages.js';

const src = fileURLToPath(new URL('../..', import.meta.url));
const labelsFile = fileURLToPath(new URL('../../core/i18n/labels.messages.ts', import.meta.url));

describe('the texts of the pages', () => {
  test('nl and en have exactly the same keys, none empty, same placeholders', () => {
    assertComplete(catalogues);
  });

  test('each key is defined once: the shared names in core, the rest in web/i18n/messages', () => {
    assertDefinedOnce(catalogues, [...messageFiles(fileURLToPath(new URL('messages', import.meta.url))), labelsFile]);
  });

  test('every key is used: literally in the code, as the message of a domain, field or HTTP error code, or as a history detail', () => {
    const dynamic = new Set([
      // Looked up by the name a history entry stores its detail under (detailName in activity-log-labels.ts).
      ...Object.keys(activityDetailsMessages.nl),
      ...DOMAIN_ERROR_CODES.map((c) => `error.${c}`),
      ...FIELD_ERROR_CODES.map((c) => `field.${c}`),
      ...HTTP_ERROR_CODES.map((c) => `http.${c}`),
    ]);
    assert.deepEqual(unusedKeys(Object.keys(catalogues.nl), src, dynamic), []);
  });

  test('placeholders are filled in', () => {
    assert.equal(translator('en')('slot.places_left', { n: 3 }), '3 places left');
    assert.equal(translator('nl')('slot.places_left', { n: 3 }), 'Nog 3 plaatsen');
  });

  test('a view looks up the names it shares with the mails through the same lookup', () => {
    assert.equal(translator('nl')('status.confirmed'), 'Bevestigd');
    assert.equal(translator('en')('backups.location.remote'), 'Second location');
  });
});
