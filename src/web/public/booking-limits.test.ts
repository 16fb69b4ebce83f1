import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { parseHtml } from '../../../test/html.js';
import { postForm } from '../../../test/staff.js';
import { DEFAULT_BOOKING_LIMITS, mailboxOf } from '../../core/bookings/booking-limits.js';
import { newId, newToken } from '../../core/shared/ids.js';

const { perNetwork, perEmail } = DEFAULT_BOOKING_LIMITS;

for (const dialect of testDialects()) {
  describe(`booking limits on the API and the form (${dialect.name})`, () => {
    let t: TestApp;
    let slotId: string;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivity(t.database.db, t.clock);
      slotId = (await makeSlot(t.database.db, t.clock, activity, { capacity: 2000 })).id;
    });
    after(() => t.close());

    /** A booking over the API from a client at `ip`. */
    const book = (ip: string, overrides: Record<string, unknown>, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        remoteAddress: ip,
        headers,
        payload: bookingRequest(slotId, { groupSize: 1, ...overrides }),
      });
    const statuses = (responses: LightMyRequestResponse[]) => responses.map((r) => r.statusCode).sort();
    const count = (responses: LightMyRequestResponse[], status: number) => responses.filter((r) => r.statusCode === status).length;
    /** The organiser mails queued to whatever reaches the mailbox of `address`. */
    const mailsTo = async (address: string) =>
      (await t.database.db.selectFrom('mail_outbox').select('recipient').where('booking_id', 'is not', null).execute()).filter(
        (m) => mailboxOf(m.recipient) === address,
      ).length;

    function assertThrottled(res: LightMyRequestResponse, message?: string) {
      assert.equal(res.statusCode, 429, message);
      assert.ok(Number(res.headers['retry-after']) >= 1, `Retry-After: ${res.headers['retry-after']}`);
      assert.match(res.headers['content-security-policy'] as string, /default-src 'self'/, 'the security headers');
    }

    test("the reviewer's burst: 120 API bookings from one client for a third party's address place 15 and mail it 15 times", async () => {
      // Case and +tags make other strings, but they reach one mailbox and count as one address.
      const responses = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          book('198.51.100.7', { email: `Victim+${i}@Example.nl`, name: `Buy now at spam.example ${i}` }),
        ),
      );
      assert.equal(count(responses, 201), perEmail, statuses(responses).join(' '));
      assert.equal(count(responses, 429), 120 - perEmail);
      for (const res of responses.filter((r) => r.statusCode === 429)) {
        assertThrottled(res);
        assert.equal(res.json().code, 'throttled');
        assert.match(res.json().message, /^Er zijn kort na elkaar te veel boekingen geplaatst .* U kunt weer boeken vanaf \d\d:\d\d\.$/);
      }
      assert.equal(await mailsTo('victim@example.nl'), perEmail);
    });

    test('one client address, whatever the organiser addresses, places 30; its neighbours book on', async () => {
      const responses = await Promise.all(Array.from({ length: 120 }, (_, i) => book('203.0.113.9', { email: `teacher${i}@school.nl` })));
      assert.equal(count(responses, 201), perNetwork);
      assert.equal(count(responses, 429), 120 - perNetwork);
      responses.filter((r) => r.statusCode === 429).forEach((r) => assertThrottled(r));
      assertThrottled(await book('203.0.113.9', { email: 'new@school.nl' }));
      assertThrottled(await book('::ffff:203.0.113.9', { email: 'new@school.nl' }), 'the same address, IPv4-mapped');
      // Another address in the same /24 (a carrier's NAT, a mobile network) is another client.
      assert.equal((await book('203.0.113.200', { email: 'new@school.nl' })).statusCode, 201);
      // IPv6: one /64 is one client; the next /64 of the same /48 is another.
      const v6 = await Promise.all(Array.from({ length: 40 }, (_, i) => book(`2001:db8:1:2::${i + 1}`, { email: `v6-${i}@school.nl` })));
      assert.equal(count(v6, 201), perNetwork);
      assertThrottled(await book('2001:db8:1:2:ffff::1', { email: 'new6@school.nl' }));
      assert.equal((await book('2001:db8:1:3::1', { email: 'new6@school.nl' })).statusCode, 201);
    });

    test('the form: past the limit it comes back with everything typed, the message and Retry-After', async () => {
      const fields = {
        groupSize: '2',
        name: 'Kim de Vries',
        email: 'kim@school.nl',
        phone: '+31 6 12345678',
        organisation: 'De Linde',
        notes: 'Twee begeleiders',
        acceptTerms: 'yes',
        action: 'confirm',
      };
      const confirm = () =>
        t.app.inject({
          method: 'POST',
          url: `/book/${slotId}`,
          remoteAddress: '192.0.2.10',
          headers: { origin: t.publicUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
          payload: new URLSearchParams({ ...fields, submissionKey: newToken() }).toString(),
        });
      const responses = await Promise.all(Array.from({ length: 40 }, confirm));
      assert.equal(count(responses, 303), perEmail);
      assert.equal(count(responses, 429), 40 - perEmail);
      const refused = responses.find((r) => r.statusCode === 429)!;
      assertThrottled(refused);
      const page = parseHtml(refused.body);
      assert.match(
        page.textContent,
        /Too many bookings were placed in a short time from your network or for this email address\. You can book again from 10:01\./,
      );
      for (const name of ['name', 'email', 'phone', 'organisation'] as const) {
        assert.equal(page.querySelector(`input[name="${name}"]`)?.getAttribute('value'), fields[name], name);
      }
      assert.equal(page.querySelector('textarea[name="notes"]')?.textContent, fields.notes);
      assert.equal(await mailsTo('kim@school.nl'), perEmail);
    });

    test('the limits decay with the clock: the wait ends, the next doubles, three quiet hours start the count over', async () => {
      const from = '100.64.5.1';
      const email = 'decay@school.nl';
      for (let i = 0; i < perEmail; i++) assert.equal((await book(from, { email })).statusCode, 201, `booking ${i + 1}`);
      const first = await book(from, { email });
      assertThrottled(first);
      assert.equal(first.headers['retry-after'], '60');
      t.clock.advance(59_000);
      assertThrottled(await book(from, { email }));
      t.clock.advance(1_000);
      assert.equal((await book(from, { email })).statusCode, 201, 'the wait is over: one more');
      const second = await book(from, { email });
      assertThrottled(second);
      assert.equal(second.headers['retry-after'], '120', 'the next wait doubles');
      t.clock.advance(3 * 3600_000 + 1_000);
      const again = await Promise.all(Array.from({ length: perEmail + 5 }, () => book(from, { email })));
      assert.equal(count(again, 201), perEmail, 'after three quiet hours the count starts over');
    });
  });

  describe(`nobody can use up an organiser's address (${dialect.name})`, () => {
    let t: TestApp;
    let slotId: string;
    let fullSlotId: string;
    before(async () => {
      t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      const activity = await makeActivity(t.database.db, t.clock);
      slotId = (await makeSlot(t.database.db, t.clock, activity, { capacity: 2000 })).id;
      fullSlotId = (await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-16', capacity: 1 })).id;
      assert.equal((await book('192.0.2.99', fullSlotId, 'first@school.nl')).statusCode, 201);
    });
    after(() => t.close());

    const book = (ip: string, slot: string, email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        remoteAddress: ip,
        payload: bookingRequest(slot, { groupSize: 1, email }),
      });
    const codes = (responses: LightMyRequestResponse[]) => [...new Set(responses.map((r) => `${r.statusCode} ${r.json().code}`))];
    const placedFor = async (email: string) =>
      (await t.database.db.selectFrom('bookings').select('id').where('organiser_email', '=', email).execute()).length;

    test("the reviewer's lock-out: a blocked client's attempts for a teacher's address cost the teacher nothing", async () => {
      const junk = await Promise.all(Array.from({ length: 40 }, (_, i) => book('198.51.100.7', newId(), `junk${i}@example.org`)));
      assert.deepEqual(codes(junk).sort(), ['422 validation_failed', '429 throttled'], 'the client is blocked');
      const attack = await Promise.all(Array.from({ length: 20 }, () => book('198.51.100.7', newId(), 'teacher@school.nl')));
      assert.deepEqual(codes(attack), ['429 throttled']);
      assert.equal(await placedFor('teacher@school.nl'), 0);
      const real = await book('192.0.2.10', slotId, 'teacher@school.nl');
      assert.equal(real.statusCode, 201, real.body);
      assert.equal(await placedFor('teacher@school.nl'), 1);
    });

    test('refusals (unknown slot, full slot) give the address its charge back: it still places its full count', async () => {
      const email = 'secretary@school.nl';
      const refused = [];
      for (let i = 0; i < perEmail + 5; i++) refused.push(await book(`192.0.2.${20 + i}`, i % 2 ? fullSlotId : newId(), email));
      assert.deepEqual(codes(refused).sort(), ['409 slot_full', '422 validation_failed']);
      const placed = await Promise.all(Array.from({ length: perEmail + 5 }, (_, i) => book(`192.0.2.${60 + i}`, slotId, email)));
      assert.equal(placed.filter((r) => r.statusCode === 201).length, perEmail, codes(placed).join(' '));
      assert.equal(await placedFor(email), perEmail);
    });

    test('a double click costs one booking: racing twins of one submission key give their charges back', async () => {
      const email = 'twins@school.nl';
      const submissionKey = newToken();
      const twins = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/bookings',
            remoteAddress: `192.0.2.${100 + i}`,
            payload: bookingRequest(slotId, { groupSize: 1, email, submissionKey }),
          }),
        ),
      );
      assert.deepEqual(twins.map((r) => r.statusCode).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      const more = await Promise.all(Array.from({ length: perEmail }, (_, i) => book(`192.0.2.${120 + i}`, slotId, email)));
      assert.equal(more.filter((r) => r.statusCode === 201).length, perEmail - 1, codes(more).join(' '));
      assert.equal(await placedFor(email), perEmail);
    });
  });

  describe(`booking limits switched off, and failing closed (${dialect.name})`, () => {
    test('with both limits off, 120 bookings from one client for one address are all placed', async () => {
      const t = await buildTestApp(dialect, '2026-06-01T08:00:00Z', {}, { bookingLimits: { perNetwork: null, perEmail: null } });
      try {
        const slot = await makeSlot(t.database.db, t.clock, await makeActivity(t.database.db, t.clock), { capacity: 500 });
        const responses = await Promise.all(
          Array.from({ length: 120 }, () =>
            t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(slot.id, { groupSize: 1 }) }),
          ),
        );
        assert.equal(responses.filter((r) => r.statusCode === 201).length, 120);
      } finally {
        await t.close();
      }
    });

    test('when the counters cannot be read, nothing is booked and nothing mailed', async () => {
      const t = await buildTestApp(dialect, '2026-06-01T08:00:00Z');
      try {
        const slot = await makeSlot(t.database.db, t.clock, await makeActivity(t.database.db, t.clock), { capacity: 50 });
        await sql`drop table throttles`.execute(t.database.db);
        const api = await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(slot.id) });
        assert.equal(api.statusCode, 500);
        assert.equal(api.json().code, 'internal_error');
        const form = await postForm(t, `/book/${slot.id}`, {
          ...{ groupSize: '2', name: 'Kim', email: 'kim@school.nl', phone: '+31 6 12345678', acceptTerms: 'yes' },
          submissionKey: newToken(),
          action: 'confirm',
        });
        assert.equal(form.statusCode, 500);
        assert.equal((await t.database.db.selectFrom('bookings').select('id').execute()).length, 0);
        assert.equal((await t.database.db.selectFrom('mail_outbox').select('id').execute()).length, 0);
      } finally {
        await t.close();
      }
    });
  });
}
