import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import type { Activity } from '../catalog/activity.js';
import { DomainError } from '../shared/errors.js';
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
      manager = { id: 'manager-1', email: 'manager@venue.test', role: 'manager', venueId: home.venue.id };
      admin = { id: 'admin-1', email: 'admin@groupz.test', role: 'admin', venueId: null };
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
      const result = await saveVenueBilling(database.db, clock, manager, home.venue.id, FORM);
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
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, postcode: '3701 AA' })).ok);
      assert.equal((await entries()).length, 1);
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, invoicePrefix: 'HOEVE' })).ok);
      const last = (await entries()).at(-1);
      assert.deepEqual(JSON.parse(String(last?.detail)), { changed: 'invoicePrefix' });
      assert.equal((await row(home.venue.id)).invoice_prefix, 'HOEVE');
    });

    test('a refused form saves nothing and logs nothing, and names every fault', async () => {
      const result = await saveVenueBilling(database.db, clock, manager, home.venue.id, {
        ...FORM,
        kvkNumber: '1234567',
        vatId: 'NL123456789B01',
        iban: 'NL44RABO0123456788',
      });
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
        saveVenueBilling(database.db, clock, manager, away.venue.id, FORM),
        (e) => e instanceof DomainError && e.code === 'not_found',
      );
      // Refused on the venue before the form: a broken form for another venue is just as unknown.
      await assert.rejects(
        saveVenueBilling(database.db, clock, manager, away.venue.id, { ...FORM, iban: 'x' }),
        (e) => e instanceof DomainError && e.code === 'not_found',
      );
      assert.equal((await row(away.venue.id)).iban, null);
      assert.deepEqual(await entries(), []);
      // A platform admin may.
      assert.ok((await saveVenueBilling(database.db, clock, admin, away.venue.id, FORM)).ok);
      assert.equal((await row(away.venue.id)).iban, 'NL44RABO0123456789');
      assert.equal((await entries())[0]?.venue_id, away.venue.id);
    });

    test('staff and viewers of the venue may read but not save', async () => {
      for (const role of ['staff', 'viewer'] as const) {
        const member: BillingMember = { id: `${role}-1`, email: `${role}@venue.test`, role, venueId: home.venue.id };
        assert.deepEqual((await readVenueBilling(database.db, member, home.venue.id)).venue.id, home.venue.id);
        await assert.rejects(
          saveVenueBilling(database.db, clock, member, home.venue.id, FORM),
          (e) => e instanceof DomainError && e.code === 'not_allowed',
        );
      }
      assert.equal((await row(home.venue.id)).iban, null);
      assert.deepEqual(await entries(), []);
    });

    test('two saves at once: both land, one after the other, and each entry names what it changed', async () => {
      assert.ok((await saveVenueBilling(database.db, clock, manager, home.venue.id, FORM)).ok);
      const results = await Promise.all([
        saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, termDays: '30' }),
        saveVenueBilling(database.db, clock, manager, home.venue.id, { ...FORM, bic: 'RABONL2U' }),
      ]);
      assert.ok(results.every((r) => r.ok));
      const changed = (await entries()).slice(1).map((e) => JSON.parse(String(e.detail)).changed as string);
      // Whichever came second also put back what the first changed, and says so.
      assert.deepEqual(changed.sort(), changed.includes('termDays') ? ['bic,termDays', 'termDays'] : ['bic', 'bic,termDays']);
    });
  });
}
