import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, bookingInput, bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { findSlot } from '../availability/slot.repository.js';
import { DomainError } from '../shared/errors.js';
import { newToken } from '../shared/ids.js';
import { parseBookingInput, type BookingInput } from '../bookings/booking-input.js';
import { submitBooking, type Submitter } from './booking.service.js';

const UNLIMITED: Submitter = { client: null, limits: { perNetwork: null, perEmail: null } };
const submit = (db: TestDatabase['db'], clock: TestClock, booking: BookingInput) =>
  submitBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, booking, UNLIMITED);

for (const dialect of testDialects()) {
  describe(`one booking per submission key on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    async function stored(slotId: string) {
      const { db } = database;
      const rows = await db.selectFrom('bookings').select(['id', 'reference']).where('slot_id', '=', slotId).execute();
      const mails = await db
        .selectFrom('mail_outbox')
        .innerJoin('bookings', 'bookings.id', 'mail_outbox.booking_id')
        .select('kind')
        .where('bookings.slot_id', '=', slotId)
        .execute();
      return {
        references: rows.map((r) => r.reference),
        mails: mails.map((m) => m.kind).sort(),
        booked: (await findSlot(db, slotId))?.bookedPersons,
      };
    }

    test('sent twice, it places one booking; the second answer names it by reference and status, without a link', async () => {
      const { db } = database;
      const slot = await makeSlot(db, clock, await makeActivity(db, clock), { capacity: 20 });
      const booking = bookingInput(slot.id, { groupSize: 4, submissionKey: newToken() });
      const first = await submit(db, clock, booking);
      assert.ok(!first.replayed);
      const second = await submit(db, clock, booking);
      assert.deepEqual(second, { replayed: true, reference: first.booking.reference, status: 'confirmed' });
      assert.deepEqual(await stored(slot.id), {
        references: [first.booking.reference],
        mails: ['booking_received'],
        booked: 4,
      });
    });

    test('twins racing for the last places both get the one booking, counted once', async () => {
      const { db } = database;
      const slot = await makeSlot(db, clock, await makeActivity(db, clock), { capacity: 6 });
      const booking = bookingInput(slot.id, { groupSize: 6, submissionKey: newToken() });
      const answers = await Promise.all(Array.from({ length: 8 }, () => submit(db, clock, booking)));
      const references = new Set(answers.map((a) => (a.replayed ? a.reference : a.booking.reference)));
      assert.equal(references.size, 1, 'every twin got the same booking');
      assert.equal(answers.filter((a) => !a.replayed).length, 1, 'only the one that placed it got its link');
      assert.deepEqual(await stored(slot.id), {
        references: [...references],
        mails: ['booking_received'],
        booked: 6,
      });
    });

    test('a key sent with another slot or e-mail address opens nothing; without a key every submission books', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 20 });
      const other = await makeSlot(db, clock, activity, { date: '2026-06-16', capacity: 20 });
      const submissionKey = newToken();
      await submit(db, clock, bookingInput(slot.id, { groupSize: 2, submissionKey }));
      const reused = (e: unknown) => e instanceof DomainError && e.code === 'submission_reused';
      await assert.rejects(submit(db, clock, bookingInput(slot.id, { email: 'someone@else.nl', submissionKey })), reused);
      await assert.rejects(submit(db, clock, bookingInput(other.id, { submissionKey })), reused);
      assert.equal((await stored(other.id)).booked, 0);

      await submit(db, clock, bookingInput(slot.id, { groupSize: 3 }));
      await book(db, clock, slot, { groupSize: 3 });
      assert.equal((await stored(slot.id)).references.length, 3);
      assert.equal((await stored(slot.id)).booked, 8);
    });
  });
}

test('a submission key is random: 22 to 128 URL-safe characters that no constant or pattern makes', () => {
  for (const submissionKey of [
    'short',
    'x'.repeat(129),
    `${newToken().slice(0, 30)}/`,
    'aaaaaaaaaaaaaaaaaaaaaa',
    'abcdefghijklmnopqrstuvwxyz',
  ]) {
    const parsed = parseBookingInput(bookingRequest('slot', { submissionKey }));
    assert.deepEqual(parsed.ok ? [] : parsed.errors, [{ field: 'submissionKey', code: 'key_not_random' }], submissionKey);
  }
  const parsed = parseBookingInput(bookingRequest('slot', { submissionKey: 42 }));
  assert.deepEqual(parsed.ok ? [] : parsed.errors, [{ field: 'submissionKey', code: 'invalid_value' }]);
  assert.ok(parseBookingInput(bookingRequest('slot', { submissionKey: newToken() })).ok);
  assert.ok(parseBookingInput(bookingRequest('slot', { submissionKey: randomBytes(16).toString('base64url') })).ok);
});
