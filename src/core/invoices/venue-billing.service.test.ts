import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TEST_ADMIN, venueMember } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { completeBilling, invoicesOf } from '../../../test/invoicing.js';
import { historyOf } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { createBooking } from '../booking-flows/booking.service.js';
import type { Activity } from '../catalog/activity.js';
import { DomainError } from '../shared/errors.js';
import { WITHHELD_ACTION } from './invoice-issuing.service.js';
import { SELLER_FIELDS, sellerOf } from './invoice-seller.js';
import type { VenueBillingForm } from './venue-billing.js';
import { type BillingMember, listVenuesMissingBilling, readVenueBilling, saveVenueBilling } from './venue-billing.service.js';

const FORM: VenueBillingForm = {
  legalName: 'Boerderij De Hoeve',
  street: 'Hoevelaan 3',
  postcode: '3701aa',
  city: 'Zeist',
  kvkNumber: '30987654',
  vatId: 'NL 0000 99998 B57',
  iban: 'NL44 RABO 0123 4567 89',
  bic: '',
  invoicePrefix: 'gz-zst',
  termDays: '21',
};

const ON_INVOICE = { mode: 'venue', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 } as const;
const BUYER = { organisation: 'Gemeente Zeist', address: 'Het Rond 1\n3701 HS Zeist', reference: 'PO-1', vatId: null, country: null };

for (const dialect of testDialects()) {
  describe(`a venue's billing details on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let home: Activity;
    let away: Activity;
    let manager: BillingMember;
    let admin: BillingMember;
    beforeEach(async () => {
      database = await dialect.create();
      clock = new TestClock('2026-12-08T09:00:00Z');
      home = await makeActivity(database.db, clock);
      away = await makeActivity(database.db, clock);
      manager = venueMember('manager', home.venue.id);
      admin = TEST_ADMIN;
    });
    afterEach(() => database.close());

    const entries = () =>
      database.db.selectFrom('activity_log').selectAll().where('action', '=', 'venue.billing_changed').orderBy('at').execute();
    const row = (id: string) => database.db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    test('a new venue has none: every field an invoice needs is missing, the term is 14 days', async () => {
      const view = await readVenueBilling(database.db, manager, home.venue.id);
      assert.deepEqual(view.missing, [...SELLER_FIELDS]);
      assert.equal(view.form.termDays, '14');
      assert.deepEqual(
        (await listVenuesMissingBilling(database.db, admin)).map((v) => v.venue.id).sort(),
        [home.venue.id, away.venue.id].sort(),
      );
      assert.deepEqual(
        (await listVenuesMissingBilling(database.db, manager)).map((v) => v.venue.id),
        [home.venue.id],
        'a manager hears only of their own venue',
      );
    });

    test('saved in normal form with an activity log entry naming the fields, never their values; then the venue can invoice', async () => {
      clock.set('2026-12-08T09:30:00Z');
      const result = await saveVenueBilling(database.db, clock, manager, home.venue.id, FORM, 'nl');
      assert.ok(result.ok, JSON.stringify(result));
      assert.deepEqual(result.value.missing, []);
      const stored = await row(home.venue.id);
      assert.deepEqual(
        {
          legal: stored.billing_legal_name,
          street: stored.billing_street,
          postcode: stored.billing_postcode,
          city: stored.billing_city,
          kvk: stored.kvk_number,
          vat: stored.vat_id,
          iban: stored.iban,
          bic: stored.bic,
          prefix: stored.invoice_prefix,
          term: stored.invoice_term_days,
        },
        {
          legal: 'Boerderij De Hoeve',
          street: 'Hoevelaan 3',
          postcode: '3701 AA',
          city: 'Zeist',
          kvk: '30987654',
          vat: 'NL000099998B57',
          iban: 'NL44RABO0123456789',
          bic: null,
          prefix: 'GZ-ZST',
          term: 21,
        },
      );
      const seller = sellerOf(stored);
      assert.ok(seller.ok);
      assert.deepEqual(seller.seller.addressLines, ['Hoevelaan 3', '3701 AA Zeist']);
      assert.deepEqual((await listVenuesMissingBilling(database.db, manager)).length, 0);

      const [entry, ...more] = await entries();
      assert.equal(more.length, 0);
      assert.equal(entry?.venue_id, home.venue.id);
      assert.equal(entry?.actor_email, 'manager@venue.test');
      assert.equal(entry?.target, home.venue.slug);
      assert.equal(entry?.at, '2026-12-08T09:30:00.000Z');
      assert.deepEqual(JSON.parse(String(entry?.detail)), {
        changed: 'legalName,street,postcode,city,kvkNumber,vatId,iban,invoicePrefix,termDays',
      });
      assert.ok(!String(entry?.detail).includes('RABO'), 'no account number in the log');

      // The same details typed differently change nothing and log nothing; a new prefix logs only that.
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, postcode: '3701 AA' }, 'nl')).ok);
      assert.equal((await entries()).length, 1);
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, invoicePrefix: 'HOEVE' }, 'nl')).ok);
      const last = (await entries()).at(-1);
      assert.deepEqual(JSON.parse(String(last?.detail)), { changed: 'invoicePrefix' });
      assert.equal((await row(home.venue.id)).invoice_prefix, 'HOEVE');
    });

    test('a refused form saves nothing and logs nothing, and names every fault', async () => {
      const result = await saveVenueBilling(
        database.db,
        clock,
        manager,
        home.venue.id,
        {
          ...FORM,
          kvkNumber: '1234567',
          vatId: 'NL123456789B01',
          iban: 'NL44RABO0123456788',
        },
        'nl',
      );
      assert.deepEqual(result, {
        ok: false,
        errors: [
          { field: 'kvkNumber', code: 'invalid_kvk_number' },
          { field: 'vatId', code: 'vat_id_check_failed' },
          { field: 'iban', code: 'invalid_iban' },
        ],
      });
      assert.equal((await row(home.venue.id)).billing_legal_name, null);
      assert.deepEqual(await entries(), []);
    });

    test("another venue's details: not found for a manager, to read or to save; nothing changes", async () => {
      await assert.rejects(
        readVenueBilling(database.db, manager, away.venue.id),
        (e) => e instanceof DomainError && e.code === 'not_found',
      );
      await assert.rejects(
        saveVenueBilling(database.db, clock, manager, away.venue.id, FORM, 'nl'),
        (e) => e instanceof DomainError && e.code === 'not_found',
      );
      // Refused on the venue before the form: a broken form for another venue is just as unknown.
      await assert.rejects(
        saveVenueBilling(database.db, clock, manager, away.venue.id, { ...FORM, iban: 'x' }, 'nl'),
        (e) => e instanceof DomainError && e.code === 'not_found',
      );
      assert.equal((await row(away.venue.id)).iban, null);
      assert.deepEqual(await entries(), []);
      // A platform admin may.
      assert.ok((await saveVenueBilling(database.db, clock, admin, away.venue.id, FORM, 'nl')).ok);
      assert.equal((await row(away.venue.id)).iban, 'NL44RABO0123456789');
      assert.equal((await entries())[0]?.venue_id, away.venue.id);
    });

    test('staff and viewers of the venue may read but not save', async () => {
      for (const role of ['staff', 'viewer'] as const) {
        const member: BillingMember = { id: `${role}-1`, email: `${role}@venue.test`, role, venueId: home.venue.id };
        assert.deepEqual((await readVenueBilling(database.db, member, home.venue.id)).venue.id, home.venue.id);
        await assert.rejects(
          saveVenueBilling(database.db, clock, member, home.venue.id, FORM, 'nl'),
          (e) => e instanceof DomainError && e.code === 'not_allowed',
        );
      }
      assert.equal((await row(home.venue.id)).iban, null);
      assert.deepEqual(await entries(), []);
    });

    test("another venue's prefix is refused, now or once used for numbers; nothing is saved", async () => {
      await completeBilling(database.db, away.venue.id, 'GZ-ZST');
      const taken = await saveVenueBilling(database.db, clock, manager, home.venue.id, FORM, 'nl');
      assert.deepEqual(taken, { ok: false, errors: [{ field: 'invoicePrefix', code: 'invoice_prefix_taken' }] });
      assert.equal((await row(home.venue.id)).billing_legal_name, null);
      assert.deepEqual(await entries(), []);

      // The other venue issued numbers with it, then moved on: the prefix stays taken.
      const onInvoice = await makeActivity(database.db, clock, { venueId: away.venue.id, payment: ON_INVOICE });
      const slot = await makeSlot(database.db, clock, onInvoice, { date: '2027-01-15' });
      const input = { ...bookingInput(slot.id, { groupSize: 12 }), payBy: 'invoice' as const, billing: BUYER };
      const { booking } = await createBooking(database.db, clock, TEST_LINK_KEY, NO_PAYMENTS, input);
      assert.equal((await invoicesOf(database.db, booking.id))[0]?.[0], 'GZ-ZST-2026-000001');
      await database.db.updateTable('venues').set({ invoice_prefix: 'AWAY' }).where('id', '=', away.venue.id).execute();
      assert.deepEqual(await saveVenueBilling(database.db, clock, manager, home.venue.id, FORM, 'nl'), taken);
      assert.deepEqual(await saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, invoicePrefix: 'away' }, 'nl'), taken);
      // A prefix that merely begins like it is free; the venue keeps its own on saving again.
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, invoicePrefix: 'GZ' }, 'nl')).ok);
      assert.ok(
        (await saveVenueBilling(database.db, clock, admin, away.venue.id, { ...FORM, invoicePrefix: 'AWAY', termDays: '30' }, 'nl')).ok,
      );
      // Two venues cannot hold one prefix whatever writes it.
      await assert.rejects(database.db.updateTable('venues').set({ invoice_prefix: 'GZ' }).where('id', '=', away.venue.id).execute());
    });

    test('saving complete details catches up the invoices withheld while they were missing, and mails them', async () => {
      const onInvoice = await makeActivity(database.db, clock, { venueId: home.venue.id, payment: ON_INVOICE });
      const slot = await makeSlot(database.db, clock, onInvoice, { date: '2027-01-15' });
      const input = { ...bookingInput(slot.id, { groupSize: 12 }), payBy: 'invoice' as const, billing: BUYER };
      const { booking } = await createBooking(database.db, clock, TEST_LINK_KEY, NO_PAYMENTS, input);
      assert.equal(booking.status, 'confirmed');
      assert.deepEqual(await invoicesOf(database.db, booking.id), []);
      assert.equal((await historyOf(database.db, booking.reference)).filter(([action]) => action === WITHHELD_ACTION).length, 1);
      const mails = () =>
        database.db
          .selectFrom('mail_outbox')
          .select('kind')
          .where('booking_id', '=', booking.id)
          .where('kind', '=', 'invoices_issued')
          .execute();
      assert.equal((await mails()).length, 0);

      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, FORM, 'nl')).ok);
      const issued = await invoicesOf(database.db, booking.id);
      assert.equal(issued.length, 1);
      assert.equal(issued[0]?.[0], 'GZ-ZST-2026-000001');
      assert.equal((await mails()).length, 1);
      // Saving again issues nothing more.
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, termDays: '30' }, 'nl')).ok);
      assert.equal((await invoicesOf(database.db, booking.id)).length, 1);
    });

    test('two saves at once: both land, one after the other, and each entry names what it changed', async () => {
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, FORM, 'nl')).ok);
      const results = await Promise.all([
        saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, termDays: '30' }, 'nl'),
        saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, bic: 'RABONL2U' }, 'nl'),
      ]);
      assert.ok(results.every((r) => r.ok));
      const changed = (await entries()).slice(1).map((e) => JSON.parse(String(e.detail)).changed as string);
      // Whichever came second also put back what the first changed, and says so.
      assert.deepEqual(changed.sort(), changed.includes('termDays') ? ['bic,termDays', 'termDays'] : ['bic', 'bic,termDays']);
    });
  });
}
