import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { findActivity, findVenueBySlug } from '../catalog/catalog.repository.js';
import { mollieKeySource } from '../payments/mollie-key-source.js';
import { seedDemoCatalogue } from './demo-catalogue.js';

for (const dialect of testDialects()) {
  describe(`the demo catalogue's payment kinds on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
      assert.equal(await seedDemoCatalogue(database.db, new TestClock('2026-06-01T08:00:00Z')), true);
    });
    after(() => database.close());

    const terms = async (slug: string) => {
      const activity = await findActivity(database.db, { slug });
      assert.ok(activity, slug);
      return activity;
    };

    test('one activity paid in full online, one with a 30 % deposit and pay on invoice, others at the venue', async () => {
      assert.equal((await terms('grachtentocht-groepen')).payment.mode, 'full');
      const clinic = await terms('klimclinic-groepen');
      assert.deepEqual(clinic.payment, {
        mode: 'deposit',
        depositPercent: 30,
        balanceDaysBefore: 14,
        invoiceAllowed: true,
        invoiceTermDays: 30,
      });
      assert.equal(clinic.venue.poRequired, true, 'its venue asks for a PO number on invoices');
      assert.equal((await terms('boerengolf-lunch')).payment.mode, 'venue');
      for (const slug of ['grachtentocht-groepen', 'klimclinic-groepen', 'boerengolf-lunch']) {
        assert.ok((await terms(slug)).refundPolicy.length > 0, `${slug} has a cancellation policy`);
      }
    });

    test('venues have complete contact details; without a key none is served (the back office says why)', async () => {
      for (const slug of ['rederij-amstel', 'klimhal-de-wand', 'boerderij-de-hoeve']) {
        const venue = await findVenueBySlug(database.db, slug);
        assert.ok(venue?.address && venue.contactEmail && venue.contactPhone && venue.website, slug);
        assert.equal(mollieKeySource(venue, null), 'none');
        assert.equal(mollieKeySource(venue, 'test_GroupzPlatformKey0000000000001'), 'platform');
      }
    });
  });
}
