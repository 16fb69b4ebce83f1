import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { SETTLED_CENTS, seedSubjectBooking, type SubjectValues, subjectValues } from '../../../test/data-subjects.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { createBooking, findBookingByLink } from '../booking-flows/booking.service.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { refusedWith } from '../../../test/outcomes.js';
import { BOOKING_EXPORTED_COLUMNS, BOOKING_WITHHELD_COLUMNS } from './data-requests.repository.js';
import { eraseByOrganiser, gatherBookingData, parseSubjectEmail } from './data-requests.service.js';
import { DEFAULT_RETENTION } from './retention.js';
import type { Pricing } from '../catalog/pricing.js';
import { applyRetention } from './retention.service.js';

/** The seeded values that are the person's: all but the extra's label, which is the venue's. */
function personal(values: SubjectValues): [string, string][] {
  return Object.entries(values).filter(([key]) => key !== 'extra');
}

for (const dialect of testDialects()) {
  describe(`requests of data subjects on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('the download holds every value seeded for the booking and none of another booking of the same slot', async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z');
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const mine = subjectValues('Alpha', 'fenna.alpha@example.nl');
      const theirs = subjectValues('Bravo', 'gerrit.bravo@anders.nl');
      const a = await seedSubjectBooking(db, clock, TEST_LINK_KEY, activity, slot, mine);
      const b = await seedSubjectBooking(db, clock, TEST_LINK_KEY, activity, slot, theirs);

      const data = await gatherBookingData(db, a.id);
      const json = JSON.stringify(data);
      for (const [key, value] of Object.entries(mine)) assert.ok(json.includes(JSON.stringify(value).slice(1, -1)), `${key}: ${value}`);
      assert.ok(json.includes(a.reference));
      assert.ok(json.includes(a.invoiceNumber), 'the invoice issued for it');
      for (const [key, value] of Object.entries(theirs)) assert.ok(!json.includes(value), `another booking's ${key}: ${value}`);
      assert.ok(!json.includes(b.reference) && !json.includes(b.invoiceNumber), "another booking's reference and invoice");

      // Each kind, where it belongs.
      assert.deepEqual(
        data.participants.map((p) => [p.name, p.answers]),
        [[mine.participant, { allergies: mine.allergy }]],
      );
      assert.deepEqual(
        data.extras.map((e) => [e.label.nl, e.quantity, e.amountCents]),
        [[mine.extra, 3, 777]],
      );
      assert.deepEqual(
        data.payments.map((p) => [p.method, p.amountCents, p.status, p.note]),
        [['bank', SETTLED_CENTS, 'paid', mine.paymentNote]],
      );
      assert.deepEqual(
        data.staffNotes.map((n) => n.body),
        [mine.staffNote],
      );
      assert.equal(data.invoices[0]?.number, a.invoiceNumber);
      assert.equal(data.booking.organiser.email, mine.email);
      assert.equal(data.booking.billing.reference, mine.billingReference);
      assert.equal(data.booking.groupSize, 3);
      assert.ok(data.mails.length > 0 && data.mails.every((m) => m.recipient === mine.email), 'its mails, to its organiser');
      assert.ok(data.history.some((h) => h.action === 'booking.created'));
      assert.ok(data.history.some((h) => h.action === 'booking.note_added'));

      // No secret: the links' and the submission's hashes are nowhere in it.
      const secrets = await db
        .selectFrom('bookings')
        .select(['manage_token_hash', 'participant_token_hash', 'submission_hash'])
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      for (const secret of Object.values(secrets)) if (secret) assert.ok(!json.includes(secret), 'a hash');
      assert.ok(!json.includes(a.manageToken), 'the link itself');
    });

    test('the download gives the prices and categories as booked, after the venue changed its own', async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z');
      const booked: Pricing = [
        { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 900 },
        { label: { nl: 'Begeleider', en: 'Adult' }, basis: 'category', key: 'adult', vat: 'low', amountCents: 1500 },
      ];
      const activity = await makeActivity(db, clock, { pricing: booked, minGroupSize: 1 });
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const { booking } = await createBooking(
        db,
        clock,
        TEST_LINK_KEY,
        NO_PAYMENTS,
        bookingInput(slot.id, { groupSize: 11, party: { pupil: 9, adult: 2 } }),
      );
      // The venue renames its pupils and raises the price.
      const today = [{ ...booked[0]!, label: { nl: 'Scholier', en: 'Student' }, amountCents: 1200 }, booked[1]];
      await db
        .updateTable('activities')
        .set({ pricing: JSON.stringify(today) })
        .where('id', '=', activity.id)
        .execute();
      const data = await gatherBookingData(db, booking.id);
      assert.deepEqual(data.booking.pricing, booked);
      assert.deepEqual(data.booking.partyText, { nl: 'Leerling 9, Begeleider 2', en: 'Pupil 9, Adult 2' });
    });

    test('every column of the bookings table is either in the download or withheld on purpose', async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z');
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      await seedSubjectBooking(db, clock, TEST_LINK_KEY, activity, slot, subjectValues('Charlie', 'c@example.nl'));
      const row = await db.selectFrom('bookings').selectAll().executeTakeFirstOrThrow();
      const decided = new Set<string>([...BOOKING_EXPORTED_COLUMNS, ...BOOKING_WITHHELD_COLUMNS]);
      assert.deepEqual(
        Object.keys(row).filter((column) => !decided.has(column)),
        [],
      );
      assert.deepEqual(
        [...decided].filter((column) => !(column in row)),
        [],
      );
    });

    test('an organiser whose visit is over has the booking erased at once; the invoice stays and the link ends', async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z');
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const values = subjectValues('Delta', 'delta@example.nl');
      const seeded = await seedSubjectBooking(db, clock, TEST_LINK_KEY, activity, slot, values);
      clock.set('2026-06-20T08:00:00Z');

      const erasure = await eraseByOrganiser(db, clock, seeded.id);
      assert.deepEqual(erasure, {
        reference: seeded.reference,
        outcome: 'erased',
        endsAt: '2026-06-15T09:30:00.000Z',
        invoicesKept: [seeded.invoiceNumber],
      });
      const json = JSON.stringify(await gatherBookingData(db, seeded.id));
      for (const [key, value] of personal(values)) assert.ok(!json.includes(value), `${key} erased: ${value}`);
      const invoices = await db.selectFrom('invoices').select(['number', 'document']).where('booking_id', '=', seeded.id).execute();
      assert.equal(invoices.length, 1, 'the invoice is kept');
      assert.ok(invoices[0]!.document.includes(values.name), 'as issued');
      assert.equal(await findBookingByLink(db, 'manage', seeded.manageToken), undefined, 'the manage link no longer opens it');
      const entry = await db
        .selectFrom('activity_log')
        .select(['actor_kind', 'actor_id', 'detail'])
        .where('action', '=', 'privacy.erased')
        .where('target', '=', seeded.reference)
        .executeTakeFirstOrThrow();
      assert.equal(entry.actor_kind, 'organiser');
      assert.equal(entry.actor_id, null);
      assert.ok(!entry.detail.includes('delta@'), 'no address in the log');
      // Asking again finds nothing: the link is gone.
      await assert.rejects(eraseByOrganiser(db, clock, seeded.id), refusedWith('not_found'));
    });

    test('an organiser of an upcoming visit has it marked; the retention job erases it once the visit is over', async () => {
      const { db } = database;
      const clock = new TestClock('2026-06-01T08:00:00Z');
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { date: '2026-06-15' });
      const values = subjectValues('Echo', 'echo@example.nl');
      const seeded = await seedSubjectBooking(db, clock, TEST_LINK_KEY, activity, slot, values);

      const erasure = await eraseByOrganiser(db, clock, seeded.id);
      assert.equal(erasure.outcome, 'scheduled');
      const marked = await db.selectFrom('bookings').selectAll().where('id', '=', seeded.id).executeTakeFirstOrThrow();
      assert.equal(marked.erasure_requested_at, '2026-06-01T08:00:00.000Z');
      assert.equal(marked.organiser_name, values.name, 'kept until the visit');
      assert.equal(marked.anonymised_at, null);
      assert.ok(await findBookingByLink(db, 'manage', seeded.manageToken), 'the link still works');
      const scheduled = await db
        .selectFrom('activity_log')
        .select('actor_kind')
        .where('action', '=', 'privacy.erasure_scheduled')
        .where('target', '=', seeded.reference)
        .executeTakeFirstOrThrow();
      assert.equal(scheduled.actor_kind, 'organiser');

      clock.set('2026-06-15T09:00:00Z');
      await applyRetention(db, clock, { limits: DEFAULT_RETENTION });
      const during = await db
        .selectFrom('bookings')
        .select(['organiser_name', 'anonymised_at'])
        .where('id', '=', seeded.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(during, { organiser_name: values.name, anonymised_at: null }, 'not during the visit');

      clock.set('2026-06-15T10:00:00Z');
      const counts = await applyRetention(db, clock, { limits: DEFAULT_RETENTION });
      assert.equal(counts.erasures, 1);
      const json = JSON.stringify(await gatherBookingData(db, seeded.id));
      for (const [key, value] of personal(values)) assert.ok(!json.includes(value), `${key} erased: ${value}`);
      assert.equal((await db.selectFrom('invoices').select('id').where('booking_id', '=', seeded.id).execute()).length, 1);
    });

    test('the address staff look for is required and must be one address; case does not matter', () => {
      assert.deepEqual(parseSubjectEmail('  '), { ok: false, errors: [{ field: 'email', code: 'required' }] });
      assert.deepEqual(parseSubjectEmail('not-an-address'), { ok: false, errors: [{ field: 'email', code: 'invalid_email' }] });
      assert.deepEqual(parseSubjectEmail(' Fenna@Example.NL '), { ok: true, value: 'fenna@example.nl' });
    });
  });
}
