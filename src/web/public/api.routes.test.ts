import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { z } from 'zod';
import {
  activityListJson,
  bookingCreatedJson,
  bookingReplayedJson,
  manageBookingJson,
  slotListJson,
  validationErrorJson,
} from './api.schemas.js';
import { paymentDueToJson } from './api.routes.js';

const errorJson = z.object({ code: z.string(), message: z.string() });

for (const dialect of testDialects()) {
  describe(`JSON API v1 on ${dialect.name}`, () => {
    let t: TestApp;
    let activity: Activity;
    let slot: Slot;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      activity = await makeActivity(t.database.db, t.clock, { minGroupSize: 2, maxGroupSize: 12 });
      slot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15', time: '10:00', capacity: 20 });
      await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-16', time: '14:00', capacity: 5 });
      await makeSlot(t.database.db, t.clock, activity, { date: '2026-08-01', time: '14:00', capacity: 5 });
    });
    after(() => t.close());

    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: payload as object, headers });

    test('GET /activities lists activities in both languages', async () => {
      const res = await t.app.inject('/api/v1/activities');
      assert.equal(res.statusCode, 200);
      const body = activityListJson.parse(res.json());
      assert.deepEqual(
        body.activities.map((a) => [a.id, a.title.en, a.minGroupSize, a.maxGroupSize]),
        [[activity.id, 'Test activity', 2, 12]],
      );
    });

    test('GET /activities filters as the listing does: words, city, category, price per person, date and group size', async () => {
      const ids = async (query: string) => {
        const res = await t.app.inject(`/api/v1/activities?${query}`);
        assert.equal(res.statusCode, 200, query);
        return activityListJson.parse(res.json()).activities.map((a) => a.id);
      };
      const [listed] = activityListJson.parse((await t.app.inject('/api/v1/activities?groupSize=4')).json()).activities;
      assert.equal(listed?.category, 'other');
      assert.deepEqual(listed?.price, { currency: 'EUR', groupSize: 4, totalCents: 5000, perPersonCents: 1250 });
      assert.deepEqual(await ids('q=TEST%20activiteit&city=utrecht&category=other'), [activity.id]);
      assert.deepEqual(await ids('q=kano'), []);
      assert.deepEqual(await ids('category=water'), []);
      assert.deepEqual(await ids('maxPricePerPersonCents=1250'), [activity.id]);
      assert.deepEqual(await ids('maxPricePerPersonCents=1249'), []);
      assert.deepEqual(await ids('date=2026-06-16&groupSize=5'), [activity.id]);
      assert.deepEqual(await ids('date=2026-06-16&groupSize=6'), [], 'the 16th has 5 places');
      assert.deepEqual(await ids('groupSize=13'), []);
      const res = await t.app.inject({
        url: `/api/v1/activities?q=${'x'.repeat(101)}&city=%00&category=kermis&maxPricePerPersonCents=-1&date=2026-02-30&groupSize=abc`,
        headers: { 'accept-language': 'en' },
      });
      assert.equal(res.statusCode, 422);
      assert.deepEqual(
        validationErrorJson.parse(res.json()).errors.map((e) => [e.field, e.code]),
        [
          ['q', 'too_long'],
          ['city', 'invalid_characters'],
          ['category', 'invalid_value'],
          ['maxPricePerPersonCents', 'too_small'],
          ['date', 'invalid_date'],
          ['groupSize', 'not_a_number'],
        ],
      );
      // Every number in a query is plain digits: thousands in groups are no number, in both.
      const grouped = await t.app.inject('/api/v1/activities?maxPricePerPersonCents=1.000.000&groupSize=1.000.000');
      assert.equal(grouped.statusCode, 422);
      assert.deepEqual(
        validationErrorJson.parse(grouped.json()).errors.map((e) => [e.field, e.code]),
        [
          ['maxPricePerPersonCents', 'not_a_number'],
          ['groupSize', 'not_a_number'],
        ],
      );
      const beyond = await t.app.inject(`/api/v1/activities?maxPricePerPersonCents=${'9'.repeat(30)}&groupSize=${'9'.repeat(30)}`);
      assert.deepEqual(
        validationErrorJson.parse(beyond.json()).errors.map((e) => [e.field, e.code, e.params]),
        [
          ['maxPricePerPersonCents', 'too_large', { max: 100_000_00 }],
          ['groupSize', 'too_large', { max: 10_000 }],
        ],
      );
    });

    test('GET /activities/:id/slots gives remaining capacity and the price for the group size', async () => {
      const res = await t.app.inject(`/api/v1/activities/${activity.id}/slots?from=2026-06-15&to=2026-06-16&groupSize=8`);
      assert.equal(res.statusCode, 200);
      const body = slotListJson.parse(res.json());
      assert.deepEqual(
        body.slots.map((s) => [s.startsAt, s.remaining, s.available, s.reason ?? null, s.price?.totalCents]),
        [
          ['2026-06-15T08:00:00.000Z', 20, true, null, 8 * 1250],
          ['2026-06-16T12:00:00.000Z', 5, false, 'slot_full', 8 * 1250],
        ],
      );
      const tooBig = slotListJson.parse(
        (await t.app.inject(`/api/v1/activities/${activity.id}/slots?from=2026-06-15&to=2026-06-15&groupSize=13`)).json(),
      );
      assert.deepEqual(
        tooBig.slots.map((s) => [s.reason, s.price]),
        [['group_too_large', undefined]],
      );
      const defaults = slotListJson.parse((await t.app.inject(`/api/v1/activities/${activity.id}/slots`)).json());
      assert.deepEqual([defaults.from, defaults.to, defaults.groupSize, defaults.slots.length], ['2026-06-01', '2026-06-14', 2, 0]);
    });

    test('bad slot queries get 422 with the fields named and a bound named in params and message, unknown activities 404', async () => {
      for (const [query, field, code, params] of [
        ['from=2026-02-30', 'from', 'invalid_date', undefined],
        ['from=2026-06-10&to=2026-06-01', 'to', 'invalid_date', undefined],
        ['from=2026-06-01&to=2026-12-31', 'to', 'range_too_long', { max: 92 }],
        ['groupSize=abc', 'groupSize', 'not_a_number', undefined],
        ['groupSize=1.000.000', 'groupSize', 'not_a_number', undefined],
        ['groupSize=0', 'groupSize', 'too_small', { min: 1 }],
        ['groupSize=10001', 'groupSize', 'too_large', { max: 10_000 }],
      ] as const) {
        const res = await t.app.inject({ url: `/api/v1/activities/${activity.id}/slots?${query}`, headers: { 'accept-language': 'en' } });
        assert.equal(res.statusCode, 422, query);
        const body = validationErrorJson.parse(res.json());
        assert.deepEqual(
          body.errors.map((e) => [e.field, e.code, e.params]),
          [[field, code, params]],
          query,
        );
        assert.ok(body.errors[0]!.message.length > 5);
      }
      for (const [language, query, message] of [
        ['en', 'groupSize=0', 'At least 1.'],
        ['nl', 'groupSize=0', 'Minstens 1.'],
        ['en', 'groupSize=10001', 'At most 10,000.'],
        ['nl', 'groupSize=10001', 'Hoogstens 10.000.'],
      ] as const) {
        const res = await t.app.inject({
          url: `/api/v1/activities/${activity.id}/slots?${query}`,
          headers: { 'accept-language': language },
        });
        assert.equal(validationErrorJson.parse(res.json()).errors[0]!.message, message, `${language} ${query}`);
      }
      for (const [id, status] of [
        ['nope', 404],
        ['\u0000', 404],
        ["x'--", 404],
        ['a'.repeat(100), 404],
        ['a'.repeat(300), 414],
      ] as const) {
        const res = await t.app.inject(`/api/v1/activities/${encodeURIComponent(id)}/slots`);
        assert.equal(res.statusCode, status, id);
        assert.equal(errorJson.parse(res.json()).code, status === 404 ? 'not_found' : 'bad_request');
      }
    });

    test('POST /bookings answers 201 with reference and manage URL, and the booking is stored', async () => {
      const res = await post(bookingRequest(slot.id, { groupSize: 6, language: 'en' }));
      assert.equal(res.statusCode, 201, res.body);
      const body = bookingCreatedJson.parse(res.json());
      assert.match(body.manageUrl, new RegExp(`^${TEST_PUBLIC_URL}/b/[A-Za-z0-9_-]{43}$`));
      assert.equal(body.price.totalCents, 6 * 1250);
      const stored = await t.database.db
        .selectFrom('bookings')
        .selectAll()
        .where('reference', '=', body.reference)
        .executeTakeFirstOrThrow();
      assert.deepEqual([stored.group_size, stored.language, stored.organiser_email], [6, 'en', 'jan@example.nl']);
      const page = await t.app.inject(new URL(body.manageUrl).pathname);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes(body.reference));
    });

    test('GET /manage/{token} answers the booking as its organiser sees it; a wrong token 404', async () => {
      const res = await post(bookingRequest(slot.id, { groupSize: 4 }));
      const created = bookingCreatedJson.parse(res.json());
      assert.equal(created.payment, null, 'an activity paid at the venue asks nothing now');
      const token = new URL(created.manageUrl).pathname.split('/').pop()!;
      const answer = await t.app.inject(`/api/v1/manage/${token}`);
      assert.equal(answer.statusCode, 200, answer.body);
      assert.equal(answer.headers['cache-control'], 'no-store');
      const body = manageBookingJson.parse(answer.json());
      assert.deepEqual(
        [body.reference, body.status, body.groupSize, body.slot.id, body.activity.id, body.price.totalCents],
        [created.reference, 'confirmed', 4, slot.id, activity.id, created.price.totalCents],
      );
      assert.deepEqual(body.payment, {
        status: 'none',
        paidCents: 0,
        dueCents: created.price.totalCents,
        refundedCents: 0,
        dueOn: null,
        amountCents: 0,
        url: null,
        expiresAt: null,
      });
      const wrong = await t.app.inject(`/api/v1/manage/${'A'.repeat(43)}`);
      assert.deepEqual([wrong.statusCode, errorJson.parse(wrong.json()).code], [404, 'not_found']);
    });

    test('POST /bookings with a submissionKey: a retry answers 200 with reference and status only, a reused key 409, a constant key 422', async () => {
      const request = bookingRequest(slot.id, { groupSize: 2, submissionKey: randomBytes(16).toString('base64url') });
      const first = await post(request);
      assert.equal(first.statusCode, 201);
      const retry = await post(request);
      assert.equal(retry.statusCode, 200);
      assert.deepEqual(bookingReplayedJson.strict().parse(retry.json()), { reference: first.json().reference, status: 'confirmed' });
      assert.equal(retry.headers['cache-control'], 'no-store');
      const stored = await t.database.db.selectFrom('bookings').select('id').where('reference', '=', first.json().reference).execute();
      assert.equal(stored.length, 1);
      const reused = await post({ ...request, email: 'other@example.nl' }, { 'accept-language': 'en' });
      assert.equal(reused.statusCode, 409);
      assert.deepEqual(errorJson.parse(reused.json()), {
        code: 'submission_reused',
        message: 'This submission key was already used for another booking. Send a new key.',
      });
      for (const submissionKey of ['aaaaaaaaaaaaaaaaaaaaaa', 'retry-key-retry-key-retry-key', '0123456789abcdef0123456789abcdef']) {
        const constant = await post({ ...request, submissionKey }, { 'accept-language': 'en' });
        assert.equal(constant.statusCode, 422, submissionKey);
        assert.deepEqual(validationErrorJson.parse(constant.json()).errors, [
          {
            field: 'submissionKey',
            code: 'key_not_random',
            message:
              'Send a random key of at least 128 bits: 22 to 128 characters A-Z, a-z, 0-9, - and _ (or 32 hex digits), made by a random generator.',
          },
        ]);
      }
    });

    test('POST /bookings: a bad e-mail address and a too large group get both field errors in one 422, naming the maximum', async () => {
      const res = await post(bookingRequest(slot.id, { groupSize: 13, email: 'jan@' }), { 'accept-language': 'en' });
      assert.equal(res.statusCode, 422);
      assert.deepEqual(validationErrorJson.parse(res.json()).errors, [
        { field: 'groupSize', code: 'group_too_large', message: 'This activity is for groups of at most 12 people.', params: { max: 12 } },
        { field: 'email', code: 'invalid_email', message: 'Enter a valid email address, like name@example.com.' },
      ]);
      // Over the largest group any activity takes, the group is refused as over this activity's maximum, named.
      for (const [language, message] of [
        ['nl', 'Deze activiteit is voor groepen van hoogstens 12 personen.'],
        ['en', 'This activity is for groups of at most 12 people.'],
      ] as const) {
        const huge = await post(bookingRequest(slot.id, { groupSize: 100_000 }), { 'accept-language': language });
        assert.equal(huge.statusCode, 422, language);
        assert.deepEqual(
          validationErrorJson.parse(huge.json()).errors,
          [{ field: 'groupSize', code: 'group_too_large', message, params: { max: 12 } }],
          language,
        );
      }
      const unknown = await post(bookingRequest('no-such-slot', { email: 'jan@' }));
      assert.deepEqual(
        validationErrorJson.parse(unknown.json()).errors.map((e) => [e.field, e.code]),
        [
          ['slotId', 'unknown_slot'],
          ['email', 'invalid_email'],
        ],
      );
      // A whole number however large is too large, naming the bound, as the form says it; not no number.
      for (const groupSize of [1e21, 12345678901234567890]) {
        const beyond = await post(bookingRequest('no-such-slot', { groupSize }), { 'accept-language': 'en' });
        assert.deepEqual(
          validationErrorJson.parse(beyond.json()).errors.map((e) => [e.field, e.code, e.message, e.params]),
          [
            ['slotId', 'unknown_slot', 'This time slot does not exist.', undefined],
            ['groupSize', 'too_large', 'At most 10,000.', { max: 10_000 }],
          ],
          String(groupSize),
        );
      }
    });

    test('POST /bookings: rules answer 409 with a stable code and a translated message', async () => {
      const small = await post(bookingRequest(slot.id, { groupSize: 1 }), { 'accept-language': 'en' });
      assert.equal(small.statusCode, 409);
      assert.deepEqual(errorJson.parse(small.json()), { code: 'group_too_small', message: 'Your group is too small for this activity.' });
      const large = await post(bookingRequest(slot.id, { groupSize: 13 }), { 'accept-language': 'nl' });
      assert.deepEqual(large.json(), { code: 'group_too_large', message: 'Uw groep is te groot voor deze activiteit.' });
      const smallSlot = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-20', capacity: 3 });
      const full = await post(bookingRequest(smallSlot.id, { groupSize: 4 }));
      assert.equal(full.statusCode, 409);
      assert.equal(full.json().code, 'slot_full');
      t.clock.set('2026-06-15T08:00:00Z');
      const closed = await post(bookingRequest(slot.id, { groupSize: 2 }));
      t.clock.set('2026-06-01T08:00:00Z');
      assert.equal(closed.json().code, 'booking_closed');
    });

    test('POST /bookings with "option": true places an option: 201 with its status and deadline', async () => {
      const res = await post(bookingRequest(slot.id, { groupSize: 3, option: true, email: 'optie@example.nl' }));
      assert.equal(res.statusCode, 201, res.body);
      const body = bookingCreatedJson.parse(res.json());
      // Default rules: 48 hours, which comes before a week ahead of the visit on 15 June.
      assert.deepEqual([body.status, body.optionExpiresAt], ['option', '2026-06-03T08:00:00.000Z']);
      const stored = await t.database.db
        .selectFrom('bookings')
        .selectAll()
        .where('reference', '=', body.reference)
        .executeTakeFirstOrThrow();
      assert.deepEqual([stored.status, stored.option_expires_at], ['option', '2026-06-03T08:00:00.000Z']);
      const direct = bookingCreatedJson.parse((await post(bookingRequest(slot.id, { groupSize: 2 }))).json());
      assert.deepEqual([direct.status, direct.optionExpiresAt], ['confirmed', null]);
      const requestOnly = await makeActivityWithRules(t.database.db, t.clock, { bookingMode: 'request', options: { allowed: false } });
      const requestSlot = await makeSlot(t.database.db, t.clock, requestOnly, { date: '2026-06-15' });
      const requested = bookingCreatedJson.parse((await post(bookingRequest(requestSlot.id, { groupSize: 2 }))).json());
      assert.deepEqual([requested.status, requested.optionExpiresAt], ['requested', null]);
    });

    test('POST /bookings: options the rules refuse answer 409 with the code, and a non-boolean option 422', async () => {
      const { db } = t.database;
      const closed = await makeActivityWithRules(db, t.clock, { options: { allowed: false } });
      const closedSlot = await makeSlot(db, t.clock, closed, { date: '2026-06-15' });
      const limited = await makeActivityWithRules(db, t.clock, { options: { maxPerEmail: 1, minDaysBefore: 7 } });
      const soon = await makeSlot(db, t.clock, limited, { date: '2026-06-05' });
      const later = await makeSlot(db, t.clock, limited, { date: '2026-06-20' });
      assert.equal((await post(bookingRequest(later.id, { option: true }))).statusCode, 201);
      for (const [slotId, code, message] of [
        [closedSlot.id, 'option_not_allowed', 'This activity does not take options. You can book it directly.'],
        [soon.id, 'option_too_late', 'This date is too close for an option. You can still book directly.'],
        [
          later.id,
          'option_limit_reached',
          'This email address already holds as many open options for this activity as allowed. Confirm an option first, or book directly.',
        ],
      ] as const) {
        const res = await post(bookingRequest(slotId, { option: true, email: 'JAN@example.nl' }), { 'accept-language': 'en' });
        assert.equal(res.statusCode, 409, code);
        assert.deepEqual(errorJson.parse(res.json()), { code, message });
      }
      const wrong = await post(bookingRequest(later.id, { option: 'yes' }), { 'accept-language': 'en' });
      assert.equal(wrong.statusCode, 422);
      assert.deepEqual(
        validationErrorJson.parse(wrong.json()).errors.map((e) => [e.field, e.code]),
        [['option', 'invalid_value']],
      );
    });

    test('POST /bookings: invalid fields answer 422 naming each field', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ groupSize: 0 }, 'groupSize', 'group_too_small'],
        [{ groupSize: 1e9 }, 'groupSize', 'group_too_large'],
        [{ groupSize: 1e21 }, 'groupSize', 'group_too_large'],
        [{ groupSize: 12345678901234567890 }, 'groupSize', 'group_too_large'],
        [{ groupSize: '4' }, 'groupSize', 'not_a_number'],
        [{ groupSize: 2.5 }, 'groupSize', 'not_a_number'],
        [{ groupSize: null }, 'groupSize', 'required'],
        [{ groupSize: undefined }, 'groupSize', 'required'],
        [{ groupSize: -1 }, 'groupSize', 'group_too_small'],
        [{ name: '' }, 'name', 'required'],
        [{ name: '   ' }, 'name', 'required'],
        [{ name: 42 }, 'name', 'required'],
        [{ name: 'x'.repeat(121) }, 'name', 'too_long'],
        [{ name: 'a\u0000b' }, 'name', 'invalid_characters'],
        [{ email: 'not-an-email' }, 'email', 'invalid_email'],
        [{ phone: 'call me' }, 'phone', 'invalid_phone'],
        [{ notes: 'n'.repeat(2001) }, 'notes', 'too_long'],
        [{ acceptTerms: false }, 'acceptTerms', 'must_accept'],
        [{ acceptTerms: 'yes' }, 'acceptTerms', 'must_accept'],
        [{ language: 'de' }, 'language', 'invalid_value'],
        [{ slotId: 'does-not-exist' }, 'slotId', 'unknown_slot'],
        [{ slotId: 7 }, 'slotId', 'required'],
      ];
      for (const [override, field, code] of cases) {
        const res = await post(bookingRequest(slot.id, override), { 'accept-language': 'en' });
        assert.equal(res.statusCode, 422, JSON.stringify(override));
        const body = validationErrorJson.parse(res.json());
        assert.deepEqual(
          body.errors.map((e) => [e.field, e.code]),
          [[field, code]],
          JSON.stringify(override),
        );
      }
      const empty = validationErrorJson.parse((await post({})).json());
      assert.deepEqual(empty.errors.map((e) => e.field).sort(), ['acceptTerms', 'email', 'groupSize', 'name', 'phone', 'slotId']);
    });

    test('POST /bookings: an optional field sent as null is the same as left out, as the document says; a required one is missing', async () => {
      type Schema = { type?: string | string[]; anyOf?: Schema[]; properties?: Record<string, Schema>; required?: string[] };
      const takesNull = (s: Schema): boolean =>
        s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) || (s.anyOf ?? []).some(takesNull);
      const doc = (await t.app.inject('/api/v1/openapi.json')).json();
      const request = doc.paths['/bookings'].post.requestBody.content['application/json'].schema as Schema;
      const billing = request.properties!.billing!;
      const optional = (s: Schema) => Object.keys(s.properties!).filter((key) => !s.required!.includes(key));
      // termsVersion's null has its own meaning: the venue had published no terms (venues.routes.test.ts).
      // The group is one of the document's alternatives (anyOf): the requests below give groupSize, so party is optional.
      const leftOut = optional(request).filter((key) => key !== 'termsVersion' && key !== 'groupSize');
      assert.ok(leftOut.includes('billing') && leftOut.includes('payBy') && leftOut.includes('language'), leftOut.join());
      assert.deepEqual(optional(billing), ['reference', 'vatId', 'country']);
      for (const [key, schema] of [...Object.entries(request.properties!), ...Object.entries(billing.properties!)]) {
        if (!['slotId', 'name', 'email', 'phone', 'acceptTerms', 'organisation', 'address'].includes(key))
          assert.ok(takesNull(schema), `the document says ${key} takes null`);
      }

      const own = await makeActivity(t.database.db, t.clock, { minGroupSize: 1, maxGroupSize: 12 });
      const ownSlot = await makeSlot(t.database.db, t.clock, own, { date: '2026-06-19', time: '10:00', capacity: 40 });
      let client = 0;
      const send = (payload: Record<string, unknown>) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          payload,
          headers: { 'accept-language': 'en' },
          remoteAddress: `198.51.100.${(client += 1)}`,
        });
      const required = (email: string) => ({
        slotId: ownSlot.id,
        groupSize: 3,
        name: 'Ria Nul',
        email,
        phone: '+31 6 12345678',
        acceptTerms: true,
      });
      const nulls = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, null]));
      const details = { organisation: 'OBS De Linde', address: 'Dorpsstraat 1\n1234 AB Ergens' };
      const stored = async (res: Awaited<ReturnType<typeof send>>) => {
        assert.equal(res.statusCode, 201, res.body);
        const { reference, price, status, payment } = res.json();
        const row = await t.database.db
          .selectFrom('bookings')
          .select([
            'status',
            'group_size',
            'organisation',
            'notes',
            'language',
            'pay_by',
            'party',
            'billing_organisation',
            'billing_reference',
            'billing_vat_id',
            'billing_country',
          ])
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        return { row, price, status, payment };
      };
      // Every optional field null at once, and billing's own, give the booking left without them.
      assert.deepEqual(
        await stored(await send({ ...required('nul@example.nl'), ...nulls(leftOut) })),
        await stored(await send(required('weg@example.nl'))),
      );
      const billed = await stored(await send({ ...required('nul@example.nl'), billing: { ...details, ...nulls(optional(billing)) } }));
      assert.deepEqual(billed, await stored(await send({ ...required('weg@example.nl'), billing: details })));
      assert.deepEqual(
        [billed.row.billing_organisation, billed.row.billing_reference, billed.row.billing_vat_id, billed.row.billing_country],
        ['OBS De Linde', null, null, null],
      );

      // A required field sent as null is missing, as left out.
      for (const key of request.required!) {
        const res = await send({ ...required('nul@example.nl'), [key]: null });
        assert.equal(res.statusCode, 422, key);
        const errors = validationErrorJson.parse(res.json()).errors.map((e) => [e.field, e.code]);
        assert.deepEqual(errors, [[key, key === 'acceptTerms' ? 'must_accept' : 'required']], key);
      }
      for (const key of billing.required!) {
        const res = await send({ ...required('nul@example.nl'), billing: { ...details, [key]: null } });
        assert.deepEqual(
          validationErrorJson.parse(res.json()).errors.map((e) => [e.field, e.code]),
          [[`billing.${key}`, 'required']],
          key,
        );
      }
    });

    test("POST /bookings: the group is groupSize or party and language left out is the request's, as the document says", async () => {
      type Schema = { required?: string[]; anyOf?: Schema[]; properties?: Record<string, Schema>; default?: unknown; description?: string };
      const doc = (await t.app.inject('/api/v1/openapi.json')).json();
      const request = doc.paths['/bookings'].post.requestBody.content['application/json'].schema as Schema;
      const groups = (request.anyOf ?? []).map((s) => s.required);
      assert.deepEqual(groups, [['groupSize'], ['party']], 'one of groupSize and party is required');
      assert.ok(!request.required!.includes('groupSize') && !request.required!.includes('party'));
      const language = request.properties!.language!;
      assert.equal(language.default, undefined, 'no fixed default: the request chooses');
      assert.match(language.description ?? '', /request's language.*`lang` cookie.*Accept-Language/);

      const school = await makeActivity(t.database.db, t.clock, {
        minGroupSize: 1,
        maxGroupSize: 12,
        pricing: [
          { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 950 },
          { label: { nl: 'Begeleider', en: 'Adult' }, basis: 'category', key: 'adult', vat: 'low', amountCents: 1650 },
        ],
      });
      const schoolSlot = await makeSlot(t.database.db, t.clock, school, { date: '2026-06-19', time: '14:00', capacity: 40 });
      let client = 0;
      const send = (payload: Record<string, unknown>, headers: Record<string, string> = { 'accept-language': 'en' }) =>
        t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload, headers, remoteAddress: `198.51.100.${(client += 1)}` });
      const { groupSize: _size, ...withoutGroup } = bookingRequest(schoolSlot.id);
      const errorsOf = async (payload: Record<string, unknown>) =>
        validationErrorJson.parse((await send(payload)).json()).errors.map((e) => [e.field, e.code]);
      // Each alternative alone books; neither (or both null) is a group size missing.
      for (const [i, group] of [
        { groupSize: 3 },
        { party: { pupil: 2, adult: 1 } },
        { groupSize: 3, party: { pupil: 2, adult: 1 } },
      ].entries()) {
        const res = await send({ ...withoutGroup, email: `groep${i}@example.nl`, ...group });
        assert.equal(res.statusCode, 201, `${JSON.stringify(group)}: ${res.body}`);
      }
      assert.deepEqual(await errorsOf(withoutGroup), [['groupSize', 'required']]);
      assert.deepEqual(await errorsOf({ ...withoutGroup, groupSize: null, party: null }), [['groupSize', 'required']]);
      // Both sent: groupSize must be the party's sum.
      assert.deepEqual(await errorsOf({ ...withoutGroup, groupSize: 4, party: { pupil: 2, adult: 1 } }), [
        ['groupSize', 'group_size_not_party_sum'],
      ]);

      // Left out, the booking's language is the request's: the lang cookie, else Accept-Language, else nl.
      const stored = async (email: string, headers: Record<string, string>) => {
        const res = await send({ ...bookingRequest(schoolSlot.id), email }, headers);
        assert.equal(res.statusCode, 201, res.body);
        const row = await t.database.db
          .selectFrom('bookings')
          .select('language')
          .where('reference', '=', res.json().reference)
          .executeTakeFirstOrThrow();
        return row.language;
      };
      assert.equal(await stored('taal1@example.nl', { 'accept-language': 'en-GB,en;q=0.9' }), 'en');
      assert.equal(await stored('taal2@example.nl', { 'accept-language': 'nl' }), 'nl');
      assert.equal(await stored('taal3@example.nl', { 'accept-language': 'nl', cookie: 'lang=en' }), 'en');
      assert.equal(await stored('taal4@example.nl', { 'accept-language': 'de' }), 'nl');
    });

    test('GET /activities and /slots: a query parameter left empty is the same as left out', async () => {
      const listed = async (url: string) => {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, 200, url);
        return res.json();
      };
      assert.deepEqual(
        await listed('/api/v1/activities?q=&city=&category=&maxPricePerPersonCents=&date=&groupSize='),
        await listed('/api/v1/activities'),
      );
      assert.deepEqual(
        await listed(`/api/v1/activities/${activity.id}/slots?from=&to=&groupSize=`),
        await listed(`/api/v1/activities/${activity.id}/slots`),
      );
    });

    test('malformed requests get clear 4xx answers, never a 500 or a stack trace', async () => {
      const cases = [
        { payload: '{"slotId": ', type: 'application/json', status: 400, code: 'bad_request' },
        { payload: 'slotId=x', type: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported_media_type' },
        { payload: 'hello', type: 'text/plain', status: 415, code: 'unsupported_media_type' },
        { payload: JSON.stringify({ notes: 'x'.repeat(70_000) }), type: 'application/json', status: 413, code: 'body_too_large' },
        { payload: '[1,2,3]', type: 'application/json', status: 422, code: 'validation_failed' },
        { payload: 'null', type: 'application/json', status: 422, code: 'validation_failed' },
        { payload: '"text"', type: 'application/json', status: 422, code: 'validation_failed' },
        { payload: '{"__proto__": {"acceptTerms": true}}', type: 'application/json', status: 400, code: 'bad_request' },
      ];
      for (const c of cases) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          payload: c.payload,
          headers: { 'content-type': c.type, 'accept-language': 'en' },
        });
        assert.equal(res.statusCode, c.status, c.payload.slice(0, 40));
        const body = res.json();
        assert.equal(body.code, c.code);
        assert.ok(body.message && !/at .*\(|node_modules|Error:/.test(res.body), res.body.slice(0, 200));
      }
    });

    test('no CORS: neither preflight nor responses allow other origins', async () => {
      const preflight = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/bookings',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.headers['access-control-allow-origin'], undefined);
      assert.ok(preflight.statusCode >= 400);
      const get = await t.app.inject({ url: '/api/v1/activities', headers: { origin: 'https://evil.example' } });
      assert.equal(get.headers['access-control-allow-origin'], undefined);
      const crossSite = await post(bookingRequest(slot.id), { origin: 'https://evil.example' });
      assert.equal(crossSite.statusCode, 403);
    });

    test('the OpenAPI document describes every route with its schemas', async () => {
      const res = await t.app.inject('/api/v1/openapi.json');
      assert.equal(res.statusCode, 200);
      const doc = res.json();
      assert.equal(doc.openapi, '3.1.0');
      assert.deepEqual(Object.keys(doc.paths).sort(), [
        '/activities',
        '/activities/{id}/slots',
        '/bookings',
        '/manage/{token}',
        '/openapi.json',
      ]);
      const request = doc.paths['/bookings'].post.requestBody.content['application/json'].schema;
      assert.deepEqual([...request.required].sort(), ['acceptTerms', 'email', 'name', 'phone', 'slotId']);
      assert.equal(request.properties.groupSize.maximum, 10_000);
      assert.deepEqual(request.properties.option.type, ['boolean', 'null']);
      const created = doc.paths['/bookings'].post.responses['201'].content['application/json'].schema;
      assert.ok(created.properties.manageUrl);
      assert.deepEqual(created.properties.status.enum, [
        'option',
        'requested',
        'awaiting_payment',
        'confirmed',
        'cancelled',
        'expired',
        'completed',
      ]);
      const manage = doc.paths['/manage/{token}'].get.responses['200'].content['application/json'].schema;
      assert.deepEqual(manage.properties.payment.required.slice(0, 4), ['status', 'paidCents', 'dueCents', 'refundedCents']);
      assert.ok(created.properties.payment && created.required.includes('payment'));
      assert.match(request.properties.submissionKey.description, /same key.*200 with the reference and status.*without a manage link/);
      const replayed = doc.paths['/bookings'].post.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(replayed.properties).sort(), ['reference', 'status']);
      const throttled = doc.paths['/bookings'].post.responses['429'];
      assert.match(throttled.description, /throttled/);
      assert.ok(throttled.headers['Retry-After']);
      assert.ok(created.properties.optionExpiresAt && created.required.includes('optionExpiresAt'));
      assert.ok(
        doc.paths['/bookings'].post.responses['409'].content['application/json'].schema.properties.code.enum.includes(
          'option_limit_reached',
        ),
      );
      // A groupSize that is not its party's sum is a code of its own, naming the sum; a group below 1 is a 422 too.
      const invalid = doc.paths['/bookings'].post.responses['422'];
      const fieldError = invalid.content['application/json'].schema.properties.errors.items;
      assert.ok(fieldError.properties.code.enum.includes('group_size_not_party_sum'));
      assert.ok(fieldError.properties.params.properties.sum);
      assert.match(invalid.description, /below 1/);
      for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
        for (const method of Object.keys(item)) {
          assert.ok(
            t.app.hasRoute({
              method: method.toUpperCase() as 'GET',
              url: `/api/v1${path.replace('{id}', ':id').replace('{token}', ':token')}`,
            }),
            `${method} ${path}`,
          );
        }
      }
    });
  });
}

describe('paymentDueToJson', () => {
  const due = {
    status: 'due',
    paidCents: 0,
    refundedCents: 0,
    pendingRefundCents: 0,
    dueCents: 12_000,
    dueNowCents: 12_000,
    balanceDueOn: null,
  } as const;
  const base = {
    state: due,
    payBy: 'online',
    expiresAt: new Date('2026-06-01T08:30:00Z'),
    billingReference: null,
    voucherCents: 0,
    adjustmentCents: 0,
  } as const;

  test('answers what the pay link takes; nothing once the window has passed (payable 0), never amount 0 with a url', () => {
    assert.deepEqual(paymentDueToJson({ ...base, payableCents: 12_000 }, TEST_PUBLIC_URL, 'tok'), {
      status: 'due',
      amountCents: 12_000,
      url: `${TEST_PUBLIC_URL}/b/tok/pay`,
      expiresAt: '2026-06-01T08:30:00.000Z',
    });
    assert.equal(paymentDueToJson({ ...base, payableCents: 0 }, TEST_PUBLIC_URL, 'tok'), null);
  });
});
