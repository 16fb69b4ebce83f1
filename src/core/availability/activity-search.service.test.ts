import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeActivity, makeSlot } from '../../../test/factories.js';
import type { Activity } from '../catalog/activity.js';
import { type ActivitySearch, parseSearchTerms } from '../catalog/activity-search.js';
import { searchCatalogue } from './activity-search.service.js';
import { createVenue } from '../catalog/catalog.service.js';

describe('the search terms as typed (no database)', () => {
  test('blank parts are no filter; each refused part is named while the others apply', () => {
    assert.deepEqual(parseSearchTerms({ q: '  ', city: '', category: '' }), { search: {}, errors: [] });
    assert.deepEqual(parseSearchTerms({ q: ' rondvaart ', city: 'Utrecht', category: 'water' }), {
      search: { text: 'rondvaart', city: 'Utrecht', category: 'water' },
      errors: [],
    });
    assert.deepEqual(parseSearchTerms({ q: 'x'.repeat(101), city: 'Utr\u0000echt', category: 'kermis' }), {
      search: {},
      errors: [
        { field: 'q', code: 'too_long' },
        { field: 'city', code: 'invalid_characters' },
        { field: 'category', code: 'invalid_value' },
      ],
    });
    assert.deepEqual(parseSearchTerms({ q: 'kano', city: '\u200B', category: 'food' }).search, { text: 'kano', category: 'food' });
  });
});

for (const dialect of testDialects()) {
  describe(`searching the catalogue on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2027-03-01T08:00:00Z');
    let cruise: Activity;
    let boat: Activity;
    let museum: Activity;

    before(async () => {
      database = await dialect.create();
      const { db } = database;
      const rederij = await createVenue(db, clock, { slug: 'rederij', name: 'Rederij Amstel', city: 'Amsterdam' });
      const centraal = await createVenue(db, clock, { slug: 'centraal', name: 'Centraal Museum', city: 'Utrecht' });
      cruise = await makeActivity(db, clock, {
        venueId: rederij.id,
        category: 'water',
        title: { nl: 'Rondvaart door de grachten', en: 'Canal cruise' },
        description: { nl: 'Een uur varen met gids.', en: 'An hour on the water with a guide.' },
        minGroupSize: 8,
        maxGroupSize: 40,
        pricing: [{ label: { nl: 'Rondvaart', en: 'Cruise' }, basis: 'person', vat: 'low', amountCents: 1650 }],
      });
      boat = await makeActivity(db, clock, {
        venueId: rederij.id,
        category: 'food',
        title: { nl: 'Privésloep met borrel', en: 'Private boat with drinks' },
        description: { nl: 'Een eigen sloep met schipper.', en: 'Your own boat with skipper.' },
        minGroupSize: 6,
        maxGroupSize: 12,
        pricing: [
          { label: { nl: 'Sloep', en: 'Boat' }, basis: 'group', vat: 'low', amountCents: 39500 },
          { label: { nl: 'Borrel', en: 'Drinks' }, basis: 'person', vat: 'high', amountCents: 1450 },
        ],
      });
      museum = await makeActivity(db, clock, {
        venueId: centraal.id,
        category: 'culture',
        title: { nl: 'Rondleiding door de collectie', en: 'Guided tour of the collection' },
        description: { nl: 'Kunst en geschiedenis van Utrecht.', en: 'Art and history of Utrecht.' },
        minGroupSize: 1,
        maxGroupSize: 30,
      });
      await makeSlot(db, clock, cruise, { date: '2027-03-03', time: '10:00', capacity: 40 });
      await makeSlot(db, clock, museum, { date: '2027-03-04', time: '10:00', capacity: 30 });
    });
    after(() => database.close());

    const titles = async (search: ActivitySearch) =>
      (await searchCatalogue(database.db, clock, search)).matches.map((m) => m.activity.title.nl);

    test('text: every word somewhere in a title, description, venue name or city, in either language, whatever case and accents', async () => {
      assert.deepEqual(await titles({ text: 'rondvaart' }), ['Rondvaart door de grachten']);
      assert.deepEqual(await titles({ text: 'RONDVAART' }), ['Rondvaart door de grachten']);
      assert.deepEqual(await titles({ text: 'prive' }), ['Privésloep met borrel']);
      assert.deepEqual(await titles({ text: 'PRIVÉ   Borrel' }), ['Privésloep met borrel']);
      assert.deepEqual(await titles({ text: 'cruise' }), ['Rondvaart door de grachten'], 'the English title');
      assert.deepEqual(await titles({ text: 'museum' }), ['Rondleiding door de collectie'], "the venue's name");
      assert.deepEqual(await titles({ text: 'rond' }), ['Rondleiding door de collectie', 'Rondvaart door de grachten'], 'part of a word');
      assert.deepEqual(await titles({ text: 'rondvaart utrecht' }), [], 'all words must match');
      assert.deepEqual(await titles({ text: 'musea' }), [], 'no stemming: "musea" is not "museum"');
    });

    test('city (case and accents aside) and category, combinable; the cities offered are all, whatever the search', async () => {
      assert.deepEqual(await titles({ city: 'amsterdam' }), ['Privésloep met borrel', 'Rondvaart door de grachten']);
      assert.deepEqual(await titles({ category: 'culture' }), ['Rondleiding door de collectie']);
      assert.deepEqual(await titles({ city: 'Amsterdam', category: 'food' }), ['Privésloep met borrel']);
      assert.deepEqual(await titles({ city: 'Utrecht', category: 'food' }), []);
      assert.deepEqual(await titles({ city: 'Zwolle' }), []);
      const found = await searchCatalogue(database.db, clock, { city: 'Zwolle' });
      assert.deepEqual(found.cities, ['Amsterdam', 'Utrecht']);
    });

    test("price per person, VAT included, for the group size asked or the activity's smallest group", async () => {
      const found = await searchCatalogue(database.db, clock, {});
      const perPerson = Object.fromEntries(found.matches.map((m) => [m.activity.slug, [m.groupSize, m.perPersonCents]]));
      // The boat for its smallest group (6): (395.00 + 6 x 14.50) / 6 = 80.33.
      assert.deepEqual(perPerson, { [cruise.slug]: [8, 1650], [boat.slug]: [6, 8033], [museum.slug]: [1, 1250] });
      assert.deepEqual(await titles({ maxPerPersonCents: 1650 }), ['Rondleiding door de collectie', 'Rondvaart door de grachten']);
      assert.deepEqual(await titles({ maxPerPersonCents: 1649 }), ['Rondleiding door de collectie']);
      // For 12: (395.00 + 12 x 14.50) / 12 = 47.42.
      assert.deepEqual(await titles({ maxPerPersonCents: 4742, groupSize: 12 }), [
        'Privésloep met borrel',
        'Rondleiding door de collectie',
        'Rondvaart door de grachten',
      ]);
      assert.deepEqual(await titles({ maxPerPersonCents: 4741, groupSize: 12, text: 'borrel' }), []);
    });

    test('a group size outside an activity leaves it out; a date keeps what the group can book that day', async () => {
      assert.deepEqual(await titles({ groupSize: 35 }), ['Rondvaart door de grachten']);
      assert.deepEqual(await titles({ date: '2027-03-03', groupSize: 10 }), ['Rondvaart door de grachten']);
      assert.deepEqual(await titles({ date: '2027-03-03', groupSize: 10, category: 'culture' }), []);
      assert.deepEqual(await titles({ date: '2027-03-05' }), []);
    });
  });
}
