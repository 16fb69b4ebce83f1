import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { mailDropPruner } from '../../adapters/mail-drop/mail-drop-pruning.js';
import { mailDrop } from '../../adapters/mail-drop/mail-drop.js';
import { storeTestAdmin, TEST_ADMIN_ACTOR } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { testDialects, type TestDatabase } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { completeBilling } from '../../../test/invoicing.js';
import { bookingRow } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { findTexts } from '../../../test/personal-data.js';
import type { Db } from '../../db/schema.js';
import { addBookingNote } from '../booking-flows/booking-admin.service.js';
import { recordBankPayment } from '../booking-flows/bank-payment.service.js';
import { cancelByOrganiser } from '../booking-flows/booking-changes.service.js';
import { createBooking } from '../booking-flows/booking.service.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import { deliverDueMails } from '../mail/mail-delivery.service.js';
import { addParticipant, currentParticipantToken } from '../participants/participant.service.js';
import { issueVoucher } from '../vouchers/voucher-admin.service.js';
import { NEW_VOUCHER_FORM } from '../vouchers/voucher-form.js';
import { DEFAULT_RETENTION, NO_REMOVALS, type RetentionCounts } from './retention.js';
import { applyRetention } from './retention.service.js';

/** What one group's booking holds about persons: every text here must be gone once its rules have run. */
function personOf(tag: string) {
  return {
    name: `Henriette Zeldzaam${tag}`,
    email: `h.zeldzaam.${tag.toLowerCase()}@seizoen-school.nl`,
    phone: `+31 6 4455${[...tag].map((c) => c.charCodeAt(0) % 10).join('')}`,
    organisation: `OBS De Zeldzame Eik ${tag}`,
    notes: `Quirijn ${tag} komt later`,
    participant: `Quirijn Notenbraak${tag}`,
    allergy: `pinda-allergie ${tag} EpiPen`,
    billingAddress: `Zeldzaamstraat ${tag} 99\n3511 ZZ Utrecht`,
    billingOrganisation: `Stichting Zeldzaam ${tag}`,
    staffNote: `Belde over ${tag}: moeder van Quirijn`,
  };
}
type Person = ReturnType<typeof personOf>;

const texts = (person: Person, keys: (keyof Person)[]) => keys.map((key) => person[key]);
const PARTICIPANT_KEYS: (keyof Person)[] = ['notes', 'participant', 'allergy'];
const ORGANISER_KEYS: (keyof Person)[] = ['name', 'email', 'phone', 'organisation', 'billingAddress', 'billingOrganisation', 'staffNote'];

for (const dialect of testDialects()) {
  describe(`retention over a season on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let clock: TestClock;
    let mailDir: string;

    before(() => {
      mailDir = mkdtempSync(join(tmpdir(), 'groupz-retention-'));
    });
    after(() => rmSync(mailDir, { recursive: true, force: true }));
    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
      clock = new TestClock('2026-05-01T08:00:00Z');
      rmSync(join(mailDir, 'mail'), { recursive: true, force: true });
    });
    afterEach(() => database.close());

    const context = () => ({ limits: DEFAULT_RETENTION, pruneMailFiles: mailDropPruner(mailDir) });
    const run = () => applyRetention(db, clock, context());
    const counts = (changed: Partial<RetentionCounts>): RetentionCounts => ({ ...NO_REMOVALS, ...changed });

    /** A booking paid on invoice (so an invoice is issued) with two participants, a staff note and its mails delivered into the mail drop. */
    async function bookWithEverything(slotId: string, person: Person): Promise<string> {
      const input = {
        ...bookingInput(slotId, {
          groupSize: 12,
          name: person.name,
          email: person.email,
          phone: person.phone,
          organisation: person.organisation,
          notes: person.notes,
        }),
        payBy: 'invoice' as const,
        billing: { organisation: person.billingOrganisation, address: person.billingAddress, reference: null, vatId: null, country: null },
      };
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, input);
      const details = await loadBookingDetails(db, await bookingRow(db, booking.id));
      assert.ok(details);
      const token = (await currentParticipantToken(db, TEST_LINK_KEY, booking.id)) ?? assert.fail('no participant link');
      const added = await addParticipant(db, clock, { booking: details, token }, { name: person.participant, dietary: person.allergy });
      assert.deepEqual(added, { ok: true });
      assert.deepEqual(await addBookingNote(db, clock, TEST_ADMIN_ACTOR, booking.id, person.staffNote), { ok: true });
      return booking.id;
    }

    async function deliverMails(): Promise<void> {
      const sender = mailDrop({ publicUrl: 'http://bookings.test', dkim: undefined, dataDir: mailDir });
      await deliverDueMails(db, clock, {
        sender,
        linkKey: TEST_LINK_KEY,
        publicUrl: 'http://bookings.test',
        from: 'Groupz <no-reply@bookings.test>',
      });
    }

    test('each rule removes its data on time; afterwards no removed text is anywhere, and the invoice keeps the buyer', async () => {
      const activity = await makeActivity(db, clock, {
        payment: { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 },
      });
      await completeBilling(db, activity.venue.id);
      const june = await makeSlot(db, clock, activity, { date: '2026-06-15', capacity: 60 });
      const july = await makeSlot(db, clock, activity, { date: '2026-07-10', capacity: 60 });
      const later = await makeSlot(db, clock, activity, { date: '2028-09-01', capacity: 60 });
      const visited = personOf('Juni');
      const cancelled = personOf('Juli');
      const future = personOf('Later');
      const visitedId = await bookWithEverything(june.id, visited);
      const cancelledId = await bookWithEverything(july.id, cancelled);
      const futureId = await bookWithEverything(later.id, future);
      await deliverMails();
      const all = [visited, cancelled, future].flatMap((person) => texts(person, [...PARTICIPANT_KEYS, ...ORGANISER_KEYS]));
      // The search finds what is there: every text, in the database, and the addresses in the mail drop.
      const found = await findTexts(db, all, [mailDir]);
      for (const text of all)
        assert.ok(
          found.some((f) => f.text === text && !f.where.startsWith(mailDir)),
          `${text} is stored`,
        );
      assert.ok(
        found.some((f) => f.text === visited.email && f.where.startsWith(mailDir)),
        'the mail drop holds the mails',
      );

      // Seven weeks on, the mails of the bookings are older than 30 days: their contents and files go.
      clock.set('2026-06-20T09:00:00Z');
      const delivered = (await sentMails()).length;
      assert.ok(delivered >= 3);
      assert.deepEqual(await run(), counts({ mails: delivered, mailFiles: delivered }), 'only the mails are due five days after the visit');
      assert.deepEqual(readdirSync(join(mailDir, 'mail')), []);
      await cancelByOrganiser(db, clock, (await loadBookingDetails(db, await bookingRow(db, cancelledId)))!);
      await deliverMails();

      // 30 days after the June visit: its participants' details and remarks go; its organiser stays.
      clock.set('2026-07-16T12:00:00Z');
      assert.deepEqual(await run(), counts({ participants: 1 }));
      const afterParticipants = await findTexts(db, all);
      assert.deepEqual(
        afterParticipants.filter((f) => texts(visited, PARTICIPANT_KEYS).includes(f.text)),
        [],
      );
      for (const text of texts(visited, ['name', 'email', 'billingAddress'])) {
        assert.ok(
          afterParticipants.some((f) => f.text === text && f.where.startsWith('bookings.')),
          `${text} stays for now`,
        );
      }
      const participantRows = await db.selectFrom('participants').select(['name', 'answers']).where('booking_id', '=', visitedId).execute();
      assert.deepEqual(participantRows, [{ name: '', answers: '{}' }], 'the participant still counts');

      // 30 days after the cancellation: everything personal of the cancelled booking goes, its mail files too.
      clock.set('2026-07-21T09:00:00Z');
      const third = await run();
      assert.equal(third.cancelled, 1);
      assert.ok(third.mailFiles >= 1);
      const cancelledRow = await bookingRow(db, cancelledId);
      assert.equal(cancelledRow.status, 'cancelled');
      assert.equal(cancelledRow.group_size, 12, 'what statistics need stays');
      assert.ok(cancelledRow.total_cents > 0);
      assert.deepEqual(
        (await findTexts(db, texts(cancelled, [...PARTICIPANT_KEYS, ...ORGANISER_KEYS]), [mailDir])).filter(
          (f) => f.where !== 'invoices.document',
        ),
        [],
      );

      // Its invoice is paid by bank transfer (while it is open, the organiser's details must stay).
      clock.set('2026-07-25T09:00:00Z');
      await storeTestAdmin(db, clock.now().toISOString());
      const total = (await bookingRow(db, visitedId)).total_cents;
      const paid = await recordBankPayment(db, clock, TEST_ADMIN_ACTOR, visitedId, {
        amount: (total / 100).toFixed(2).replace('.', ','),
        receivedOn: '2026-07-24',
        note: 'betaald',
      });
      assert.ok(paid.ok, JSON.stringify(paid));

      // 24 months after the June visit: its organiser goes too; the invoice keeps the buyer.
      clock.set('2028-06-15T12:00:00Z');
      const last = await run();
      assert.equal(last.organisers, 1);
      assert.ok(last.activityLog > 0, 'the staff address in the activity log went after 12 months');
      const left = await findTexts(db, [...all, TEST_ADMIN_ACTOR.member.email], [mailDir]);
      const removed = [
        ...texts(visited, [...PARTICIPANT_KEYS, ...ORGANISER_KEYS]),
        ...texts(cancelled, [...PARTICIPANT_KEYS, ...ORGANISER_KEYS]),
      ];
      const kept = ['invoices.document'];
      assert.deepEqual(
        left.filter((f) => removed.includes(f.text) && !kept.includes(f.where)),
        [],
        'nothing removed is left anywhere but the invoices',
      );
      const invoice = await db.selectFrom('invoices').select('document').where('booking_id', '=', visitedId).executeTakeFirstOrThrow();
      const { buyer } = JSON.parse(invoice.document) as { buyer: { name: string; street: string } };
      assert.deepEqual(
        [buyer.name, buyer.street],
        [visited.billingOrganisation, visited.billingAddress.split('\n')[0]],
        'the invoice keeps its buyer',
      );
      assert.ok(
        !left.some((f) => f.text === TEST_ADMIN_ACTOR.member.email && f.where.startsWith('activity_log.')),
        'no staff address in the old activity log',
      );
      // The future visit is untouched.
      for (const text of texts(future, [...PARTICIPANT_KEYS, ...ORGANISER_KEYS]))
        assert.ok(
          left.some((f) => f.text === text),
          `${text} is kept`,
        );
      assert.equal((await bookingRow(db, futureId)).anonymised_at, null);
      const visitedRow = await bookingRow(db, visitedId);
      assert.equal(visitedRow.organiser_email, '');
      assert.equal(visitedRow.group_size, 12);

      assert.deepEqual(await run(), counts({}), 'a second run finds nothing to do');
      const runs = await db.selectFrom('retention_runs').select(['counts']).orderBy('started_at').execute();
      assert.equal(runs.length, 5, 'every run is recorded');
      assert.deepEqual(JSON.parse(runs[2]!.counts), third);
    });

    test("a gift voucher's buyer and recipient go the organiser's period after its validity; the amounts stay", async () => {
      const activity = await makeActivity(db, clock);
      const secretKey = Buffer.alloc(32, 7);
      const stamp = clock.now().toISOString();
      await storeTestAdmin(db, stamp);
      const issued = await issueVoucher(
        db,
        clock,
        secretKey,
        TEST_ADMIN_ACTOR.member,
        {
          ...NEW_VOUCHER_FORM,
          venueId: activity.venue.id,
          amount: '50',
          validityMonths: '24',
          buyerName: 'Gerarda Cadeaugever',
          buyerEmail: 'gerarda.cadeau@voorbeeld.nl',
          recipientName: 'Teun Ontvanger',
          message: 'Voor Teun, gefeliciteerd',
        },
        'nl',
      );
      assert.ok(issued.ok, JSON.stringify(issued));
      const sender = mailDrop({ publicUrl: 'http://bookings.test', dkim: undefined, dataDir: mailDir });
      await deliverDueMails(db, clock, {
        sender,
        linkKey: TEST_LINK_KEY,
        publicUrl: 'http://bookings.test',
        from: 'Groupz <no-reply@bookings.test>',
        secretKey,
      });
      const people = ['Gerarda Cadeaugever', 'gerarda.cadeau@voorbeeld.nl', 'Teun Ontvanger', 'Voor Teun, gefeliciteerd'];
      assert.equal((await findTexts(db, people)).length >= people.length, true, 'the voucher and its mail hold them');
      const { valid_until: validUntil } = await db
        .selectFrom('vouchers')
        .select('valid_until')
        .where('id', '=', issued.value.id)
        .executeTakeFirstOrThrow();
      assert.equal(validUntil, '2028-05-01');

      clock.set('2030-04-30T12:00:00Z');
      assert.equal((await run()).vouchers, 0, 'not yet 24 months after its validity');
      clock.set('2030-05-02T12:00:00Z');
      assert.equal((await run()).vouchers, 1);
      assert.deepEqual(await findTexts(db, people, [mailDir]), []);
      const voucher = await db
        .selectFrom('vouchers')
        .select(['initial_cents', 'valid_until'])
        .where('id', '=', issued.value.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(voucher, { initial_cents: 5000, valid_until: '2028-05-01' });
    });

    async function sentMails() {
      return db.selectFrom('mail_outbox').select('id').where('status', '=', 'sent').execute();
    }
  });
}
