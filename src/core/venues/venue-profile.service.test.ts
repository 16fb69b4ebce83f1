import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TEST_ADMIN, venueMember } from '../../../test/actors.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import type { Activity } from '../catalog/activity.js';
import { findVenue } from '../catalog/catalog.repository.js';
import { DomainError } from '../shared/errors.js';
import {
  parseVenueProfileForm,
  updateVenueProfile,
  type VenueMember,
  type VenueProfileForm,
  venueProfileFormOf,
} from './venue-profile.service.js';

const FORM: VenueProfileForm = {
  name: 'Boerderij De Hoeve',
  city: 'Zeist',
  descriptionNl: 'Een boerderij.',
  descriptionEn: 'A farm.',
  street: 'Hoevelaan 3',
  postcode: '3701 aa',
  addressCity: 'Zeist',
  contactPhone: '030 555 0303',
  contactEmail: 'boeken@hoeve.example.nl',
  website: 'https://hoeve.example.nl/groepen',
  routeNl: '',
  routeEn: '',
};

describe('the venue profile form', () => {
  test('a complete form gives the profile; empty optional parts are null', () => {
    assert.deepEqual(parseVenueProfileForm(FORM), {
      ok: true,
      value: {
        name: 'Boerderij De Hoeve',
        city: 'Zeist',
        contactEmail: 'boeken@hoeve.example.nl',
        contactPhone: '030 555 0303',
        address: { street: 'Hoevelaan 3', postcode: '3701 AA', city: 'Zeist' },
        website: 'https://hoeve.example.nl/groepen',
        description: { nl: 'Een boerderij.', en: 'A farm.' },
        route: null,
      },
    });
  });

  test('every refused field at once, in the form’s order; half an address or half a translation is refused where it is missing', () => {
    const result = parseVenueProfileForm({
      ...FORM,
      city: '',
      descriptionNl: '',
      postcode: '',
      addressCity: '',
      contactEmail: 'nee',
      website: 'https://user:pw@hoeve.example.nl',
      routeEn: 'Bus 50.',
    });
    assert.deepEqual(result, {
      ok: false,
      errors: [
        { field: 'city', code: 'required' },
        { field: 'descriptionNl', code: 'translation_missing' },
        { field: 'postcode', code: 'address_incomplete' },
        { field: 'addressCity', code: 'address_incomplete' },
        { field: 'contactEmail', code: 'invalid_email' },
        { field: 'website', code: 'invalid_url' },
        { field: 'routeNl', code: 'translation_missing' },
      ],
    });
    for (const website of ['http://hoeve.example.nl', 'javascript:alert(1)', 'https://localhost', 'hoeve.example.nl']) {
      assert.deepEqual(
        parseVenueProfileForm({ ...FORM, website }),
        { ok: false, errors: [{ field: 'website', code: 'invalid_url' }] },
        website,
      );
    }
  });
});

for (const dialect of testDialects()) {
  describe(`changing a venue's profile on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let home: Activity;
    let away: Activity;
    let manager: VenueMember;
    beforeEach(async () => {
      database = await dialect.create();
      clock = new TestClock('2026-06-01T08:00:00Z');
      home = await makeActivity(database.db, clock);
      away = await makeActivity(database.db, clock);
      manager = venueMember('manager', home.venue.id);
    });
    afterEach(() => database.close());

    const entries = () => database.db.selectFrom('activity_log').selectAll().where('action', '=', 'venue.updated').execute();

    test('the own venue: stored with its activity log entry; read back into the same form', async () => {
      const result = await updateVenueProfile(database.db, clock, manager, home.venue.id, FORM);
      assert.ok(result.ok);
      const stored = await findVenue(database.db, home.venue.id);
      assert.deepEqual(stored, result.value);
      assert.deepEqual(venueProfileFormOf(stored!), { ...FORM, postcode: '3701 AA' });
      const [entry] = await entries();
      assert.equal(entry?.actor_email, 'manager@venue.test');
      assert.equal(entry?.target, home.venue.slug);
    });

    test('another venue is not found for a manager, and nothing changes; an admin may', async () => {
      await assert.rejects(
        updateVenueProfile(database.db, clock, manager, away.venue.id, FORM),
        (e) => e instanceof DomainError && e.code === 'not_found',
      );
      assert.deepEqual(await findVenue(database.db, away.venue.id), away.venue);
      assert.deepEqual(await entries(), []);
      assert.ok((await updateVenueProfile(database.db, clock, TEST_ADMIN, away.venue.id, FORM)).ok);
      assert.equal((await findVenue(database.db, away.venue.id))?.name, 'Boerderij De Hoeve');
    });

    test('two edits saved at once: the second starts from the first, and each entry names what it changed', async () => {
      await updateVenueProfile(database.db, clock, manager, home.venue.id, FORM);
      const earlier = new Set((await entries()).map((e) => e.id));
      const results = await Promise.all([
        updateVenueProfile(database.db, clock, manager, home.venue.id, { ...FORM, city: 'Driebergen' }),
        updateVenueProfile(database.db, clock, manager, home.venue.id, { ...FORM, website: 'https://hoeve.example.nl/' }),
      ]);
      assert.ok(results.every((r) => r.ok));
      const changed = (await entries()).filter((e) => !earlier.has(e.id)).map((e) => JSON.parse(String(e.detail)).changed as string);
      // Whichever came second also put back what the first changed, and says so.
      assert.deepEqual(changed.sort(), changed.includes('city') ? ['city', 'city,website'] : ['city,website', 'website']);
      const stored = await findVenue(database.db, home.venue.id);
      assert.deepEqual(results.map((r) => r.ok && r.value).filter((v) => JSON.stringify(v) === JSON.stringify(stored)).length, 1);
    });
  });
}
