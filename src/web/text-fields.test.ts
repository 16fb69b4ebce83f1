import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { testDialects } from '../../test/databases.js';
import { book, bookingRequest, makeActivityWithRules, makeSlot } from '../../test/factories.js';
import { parseHtml, urlencoded } from '../../test/html.js';
import { type Member, signInMember } from '../../test/staff.js';
import type { Slot } from '../core/availability/slot.js';
import { currentParticipantToken } from '../core/participants/participant.service.js';
import { translator } from './i18n/i18n.js';
import type { FieldErrorCode } from '../core/shared/field-errors.js';
import { countRows } from '../db/count-rows.js';
import { SESSION_COOKIE } from './admin/session-cookie.js';

const MARK = 'MARKMARK';

/**
 * Each kind of text no field takes: how its value goes into a urlencoded form and into JSON (bytes
 * a browser cannot send as UTF-8 included), and the field code the refusal gives.
 */
type Kind = { kind: string; code: FieldErrorCode } & ({ text: string } | { form: Buffer | string; json: Buffer | string });

const KINDS: readonly Kind[] = [
  {
    kind: 'raw bytes that are not UTF-8',
    form: Buffer.from([0x4a, 0xff, 0xfe, 0x61, 0x6e]),
    json: Buffer.from([0x4a, 0xc3, 0x28, 0x61, 0x6e]),
    code: 'invalid_encoding',
  },
  { kind: 'percent-escaped bytes that are not UTF-8', form: 'J%FF%C3%28an', json: 'J\\ud800an', code: 'invalid_encoding' },
  { kind: 'invisible characters only', text: '\u200B\u2060\u3164\uFEFF \u200B', code: 'invisible_only' },
  { kind: 'a bidirectional override', text: 'Jan \u202Enesnaj', code: 'invalid_characters' },
  { kind: 'a bidirectional isolate', text: '\u2067Jan\u2069', code: 'invalid_characters' },
  { kind: 'combining marks with nothing to sit on', text: '\u0301\u0301', code: 'invisible_only' },
  { kind: 'private-use characters only', text: '\uE000\uE001', code: 'invisible_only' },
  { kind: 'a C1 control character (next line)', text: 'Jan\u0085Jansen', code: 'invalid_characters' },
];

/** `fields` as a urlencoded body, with the kind's value in `field`. */
function formBody(fields: Record<string, string>, field: string, kind: Kind): Buffer {
  const [head, tail] = urlencoded({ ...fields, [field]: MARK }).split(MARK) as [string, string];
  const value = 'text' in kind ? encodeURIComponent(kind.text) : kind.form;
  return Buffer.concat([Buffer.from(head), Buffer.from(value), Buffer.from(tail)]);
}

/** `fields` as a JSON body, with the kind's value in `field`. */
function jsonBody(fields: Record<string, unknown>, field: string, kind: Kind): Buffer {
  const [head, tail] = JSON.stringify({ ...fields, [field]: MARK }).split(`"${MARK}"`) as [string, string];
  const value = 'text' in kind ? JSON.stringify(kind.text) : Buffer.concat([Buffer.from('"'), Buffer.from(kind.json), Buffer.from('"')]);
  return Buffer.concat([Buffer.from(head), Buffer.from(value), Buffer.from(tail)]);
}

const nl = translator('nl');

for (const dialect of testDialects()) {
  describe(`every text field refuses text that is not readable or shows nothing (${dialect.name})`, () => {
    let t: TestApp;
    let slot: Slot;
    let bookingId: string;
    let participantPath: string;
    let admin: Member;
    let venueId: string;

    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivityWithRules(t.database.db, t.clock, { participantFields: ['dietary'] });
      venueId = activity.venue.id;
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20', capacity: 100 });
      const { booking } = await book(t.database.db, t.clock, slot, {}, t.linkKey);
      bookingId = booking.id;
      participantPath = `/p/${(await currentParticipantToken(t.database.db, t.linkKey, booking.id)) ?? assert.fail('no participant link')}`;
      admin = await signInMember(t, 'admin');
    });
    after(() => t?.close());

    const rows = async () => ({
      bookings: await countRows(t.database.db, 'bookings'),
      participants: await countRows(t.database.db, 'participants'),
      staff: await countRows(t.database.db, 'staff'),
      activities: await countRows(t.database.db, 'activities'),
      notes: await countRows(t.database.db, 'booking_notes'),
    });

    function post(url: string, payload: Buffer, { session, json = false }: { session?: Member; json?: boolean } = {}) {
      return t.app.inject({
        method: 'POST',
        url,
        payload,
        headers: {
          origin: t.publicUrl,
          'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
          ...(session && { cookie: `${SESSION_COOKIE}=${session.cookie}` }),
        },
      });
    }

    /** The form came back with 422 and the field's translated message, and nothing was stored. */
    function assertRefusedField(response: LightMyRequestResponse, field: string, kind: Kind, message = nl(`field.${kind.code}`)) {
      assert.equal(response.statusCode, 422, `${kind.kind}: ${response.body.slice(0, 300)}`);
      const root = parseHtml(response.body);
      assert.equal(
        root.querySelector(`[data-testid="error-${field}"]`)?.textContent,
        message,
        `${kind.kind}: ${root
          .querySelectorAll('[data-testid^="error-"]')
          .map((e) => `${e.getAttribute('data-testid')} ${e.textContent}`)
          .join('; ')}`,
      );
    }

    const families: { family: string; field: string; send: (kind: Kind) => Promise<LightMyRequestResponse>; message?: string }[] = [
      {
        family: 'the booking form',
        field: 'name',
        send: (kind) =>
          post(
            `/book/${slot.id}`,
            formBody(
              { groupSize: '4', email: 'jan@example.nl', phone: '+31 6 12345678', acceptTerms: 'yes', action: 'confirm' },
              'name',
              kind,
            ),
          ),
      },
      {
        family: "the booking form's notes",
        field: 'notes',
        send: (kind) =>
          post(
            `/book/${slot.id}`,
            formBody(
              { groupSize: '4', name: 'Jan', email: 'jan@example.nl', phone: '+31 6 12345678', acceptTerms: 'yes', action: 'confirm' },
              'notes',
              kind,
            ),
          ),
      },
      { family: 'the participant form', field: 'name', send: (kind) => post(participantPath, formBody({ dietary: '' }, 'name', kind)) },
      {
        family: "the participant form's answers",
        field: 'dietary',
        send: (kind) => post(participantPath, formBody({ name: 'Piet' }, 'dietary', kind)),
      },
      {
        family: 'the staff form',
        field: 'name',
        message: nl('error.name_invalid'),
        send: (kind) =>
          post('/admin/staff', formBody({ _csrf: admin.csrf, email: 'new@venue.test', role: 'admin', venue: '' }, 'name', kind), {
            session: admin,
          }),
      },
      {
        family: 'the activity form',
        field: 'titleNl',
        send: (kind) =>
          post(
            '/admin/activities/new',
            formBody(
              {
                _csrf: admin.csrf,
                venueId,
                slug: 'nieuw',
                titleEn: 'New',
                descriptionNl: 'Nieuw',
                descriptionEn: 'New',
                location: 'Kade 1',
                durationMinutes: '60',
                minGroupSize: '1',
                maxGroupSize: '10',
                cutoffHours: '0',
                'lines.0.labelNl': 'Toegang',
                'lines.0.labelEn': 'Entrance',
                'lines.0.basis': 'person',
                'lines.0.vat': 'low',
                'lines.0.amount': '10',
                bookingMode: 'instant',
                optionHours: '48',
                optionMinDaysBefore: '7',
                optionMaxPerEmail: '3',
                cancelUntilHours: '0',
              },
              'titleNl',
              kind,
            ),
            { session: admin },
          ),
      },
      {
        family: "the back office's booking for a caller",
        field: 'name',
        send: (kind) =>
          post(
            `/admin/slots/${slot.id}/book`,
            formBody(
              { _csrf: admin.csrf, groupSize: '4', email: 'jan@example.nl', phone: '+31 6 12345678', language: 'nl', status: 'confirmed' },
              'name',
              kind,
            ),
            { session: admin },
          ),
      },
      {
        family: "the back office's change of a booking",
        field: 'edit-notes',
        send: (kind) =>
          post(
            `/admin/bookings/${bookingId}/details`,
            formBody({ _csrf: admin.csrf, groupSize: '4', name: 'Jan', email: 'jan@example.nl', phone: '+31 6 12345678' }, 'notes', kind),
            { session: admin },
          ),
      },
      {
        family: "the back office's booking notes",
        field: 'note',
        send: (kind) => post(`/admin/bookings/${bookingId}/notes`, formBody({ _csrf: admin.csrf }, 'note', kind), { session: admin }),
      },
    ];

    for (const { family, field, send, message } of families) {
      test(`${family} refuses each kind in its field with a translated message; nothing is stored`, async () => {
        const before = await rows();
        for (const kind of KINDS) assertRefusedField(await send(kind), field, kind, message);
        assert.deepEqual(await rows(), before);
      });
    }

    test("a staff member's e-mail address refuses bidirectional controls too", async () => {
      const before = await rows();
      for (const email of ['jan\u202E@venue.test', 'jan@venue\u2066.test']) {
        const response = await post(
          '/admin/staff',
          Buffer.from(urlencoded({ _csrf: admin.csrf, email, name: 'Jan', role: 'admin', venue: '' })),
          { session: admin },
        );
        assertRefusedField(response, 'email', KINDS[0]!, nl('error.email_invalid'));
      }
      assert.deepEqual(await rows(), before);
    });

    test('the API refuses each kind with 422 naming the field, in the documented shape; nothing is stored', async () => {
      const before = await rows();
      for (const field of ['name', 'organisation', 'notes']) {
        for (const kind of KINDS) {
          const response = await post('/api/v1/bookings', jsonBody(bookingRequest(slot.id), field, kind), { json: true });
          assert.equal(response.statusCode, 422, `${field}, ${kind.kind}: ${response.body}`);
          const body = response.json() as { code: string; errors: { field: string; code: string; message: string }[] };
          assert.equal(body.code, 'validation_failed');
          assert.deepEqual(
            body.errors.map((e) => [e.field, e.code, e.message]),
            [[field, kind.code, nl(`field.${kind.code}`)]],
            `${field}, ${kind.kind}`,
          );
        }
      }
      assert.deepEqual(await rows(), before);
    });

    test('text that only looks odd is taken: accents, emoji, joiners inside a name, right-to-left script', async () => {
      for (const name of ['Zoë Ækerlund', 'Team 🚣\u200D♀️', 'أحمد', 'Ĳsbrand']) {
        const response = await post(
          '/api/v1/bookings',
          jsonBody(bookingRequest(slot.id), 'name', { kind: name, text: name, code: 'invalid_value' }),
          {
            json: true,
          },
        );
        assert.equal(response.statusCode, 201, `${name}: ${response.body}`);
      }
    });
  });
}
