import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { PARTICIPANT_FIELDS } from '../../src/core/catalog/activity.js';
import { currentParticipantToken } from '../../src/core/participants/participant.service.js';
import { countRows } from '../../src/db/count-rows.js';
import { buildTestApp, type TestApp } from '../app.js';
import { testDialects } from '../databases.js';
import { book, bookingRequest, makeActivityWithRules, makeSlot } from '../factories.js';

/** Byte sequences that are not UTF-8: a lone continuation byte, a truncated sequence, an overlong '/', a surrogate, beyond U+10FFFF, 0xFF. */
const NOT_UTF8 = [[0x80], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff]].map((b) => Buffer.from(b));

const percentEscaped = (bytes: Buffer) => Buffer.from([...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));

/** `text` with `bytes` in place of the marker. */
function splice(text: string, bytes: Buffer): Buffer {
  const [head, tail] = text.split('MARK') as [string, string];
  return Buffer.concat([Buffer.from(head), bytes, Buffer.from(tail)]);
}

for (const dialect of testDialects()) {
  describe(`bodies that are not UTF-8 (${dialect.name})`, () => {
    let t: TestApp;
    let slotId: string;
    let participantPath: string;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivityWithRules(t.database.db, t.clock, { participantFields: [...PARTICIPANT_FIELDS] });
      slotId = (await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20', capacity: 500 })).id;
      const { booking } = await book(t.database.db, t.clock, { id: slotId }, { groupSize: 20 }, t.linkKey);
      participantPath = `/p/${(await currentParticipantToken(t.database.db, t.linkKey, booking.id)) ?? assert.fail('no participant link')}`;
    });
    after(() => t?.close());

    const rows = async () => ({
      bookings: await countRows(t.database.db, 'bookings'),
      participants: await countRows(t.database.db, 'participants'),
    });

    function post(url: string, payload: Buffer, type: string): Promise<LightMyRequestResponse> {
      return t.app.inject({ method: 'POST', url, payload, headers: { origin: t.publicUrl, 'content-type': type } });
    }

    test('in a form field, raw or percent-escaped: 422 naming the field, with the security headers; nothing is stored', async () => {
      const before = await rows();
      const form = 'application/x-www-form-urlencoded';
      for (const bytes of NOT_UTF8) {
        for (const encoded of [bytes, percentEscaped(bytes)]) {
          const what = `${encoded.toString('latin1')}`;
          for (const [url, body, field] of [
            [`/book/${slotId}`, 'groupSize=4&name=JanMARK&email=jan%40example.nl&phone=0612345678&acceptTerms=yes&action=confirm', 'name'],
            [participantPath, 'name=PietMARK', 'name'],
            [participantPath, 'name=Piet&allergies=MARK', 'allergies'],
          ] as const) {
            const response = await post(url, splice(body, encoded), form);
            assert.equal(response.statusCode, 422, `${url} ${what}`);
            assert.ok(response.body.includes(`data-testid="error-${field}"`), `${url} ${what}`);
            assert.equal(response.headers['x-content-type-options'], 'nosniff');
          }
        }
      }
      assert.deepEqual(await rows(), before);
    });

    test('in a JSON string: 422 in the API error shape naming the field; nothing is stored', async () => {
      const before = await rows();
      for (const bytes of NOT_UTF8) {
        for (const field of ['name', 'organisation', 'notes']) {
          const body = JSON.stringify(bookingRequest(slotId, { [field]: 'xMARKx' }));
          const response = await post('/api/v1/bookings', splice(body, bytes), 'application/json');
          assert.equal(response.statusCode, 422, `${field} ${bytes.toString('hex')}`);
          const answer = response.json() as { code: string; message: string; errors: { field: string; code: string }[] };
          assert.equal(answer.code, 'validation_failed');
          assert.equal(typeof answer.message, 'string');
          assert.deepEqual(
            answer.errors.map((e) => [e.field, e.code]),
            [[field, 'invalid_encoding']],
          );
        }
      }
      assert.deepEqual(await rows(), before);
    });
  });
}
