import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_ADMIN, venueMember } from '../../../test/actors.js';
import type { Activity } from '../catalog/activity.js';
import { DomainError } from '../shared/errors.js';
import type { VenueMember } from './venue-profile.service.js';
import { listTermsFor, listVenuesWithTerms, publishTerms, readCurrentTerms, readPublicTerms } from './venue-terms.service.js';

const notFound = (e: unknown) => e instanceof DomainError && e.code === 'not_found';

for (const dialect of testDialects()) {
  describe(`a venue's booking terms on ${dialect.name}`, () => {
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

    test("the venue list names each venue's current version (none: null) in one query; a manager sees the own venue only", async () => {
      const third = await makeActivity(database.db, clock);
      await publishTerms(database.db, clock, manager, home.venue.id, { textNl: 'Een.', textEn: 'One.' });
      await publishTerms(database.db, clock, manager, home.venue.id, { textNl: 'Twee.', textEn: 'Two.' });
      await publishTerms(database.db, clock, TEST_ADMIN, away.venue.id, { textNl: 'Elders.', textEn: 'Elsewhere.' });
      const listed = await listVenuesWithTerms(database.db, TEST_ADMIN);
      assert.deepEqual(
        new Map(listed.map(({ venue, termsVersion }) => [venue.id, termsVersion])),
        new Map([
          [home.venue.id, 2],
          [away.venue.id, 1],
          [third.venue.id, null],
        ]),
      );
      assert.deepEqual(
        (await listVenuesWithTerms(database.db, manager)).map(({ venue, termsVersion }) => [venue.id, termsVersion]),
        [[home.venue.id, 2]],
      );
    });

    test('versions are numbered 1, 2, 3 per venue; an earlier one stays as it was published', async () => {
      assert.equal(await readCurrentTerms(database.db, home.venue.id), undefined);
      assert.deepEqual(await publishTerms(database.db, clock, manager, home.venue.id, { textNl: ' Een. ', textEn: 'One.' }), {
        ok: true,
        value: 1,
      });
      clock.advance(60_000);
      await publishTerms(database.db, clock, manager, home.venue.id, { textNl: 'Twee.', textEn: 'Two.' });
      await publishTerms(database.db, clock, TEST_ADMIN, away.venue.id, { textNl: 'Elders.', textEn: 'Elsewhere.' });

      const versions = await listTermsFor(database.db, manager, home.venue.id);
      assert.deepEqual(
        versions.map((v) => [v.version, v.text.nl, v.text.en, v.publishedAt.toISOString()]),
        [
          [2, 'Twee.', 'Two.', '2026-06-01T08:01:00.000Z'],
          [1, 'Een.', 'One.', '2026-06-01T08:00:00.000Z'],
        ],
      );
      assert.equal((await readCurrentTerms(database.db, away.venue.id))?.version, 1, 'each venue counts its own');
      const { terms } = await readPublicTerms(database.db, home.venue.slug, 1);
      assert.equal(terms?.text.nl, 'Een.');
      assert.equal((await readPublicTerms(database.db, home.venue.slug)).terms?.version, 2);
      await assert.rejects(readPublicTerms(database.db, home.venue.slug, 3), notFound);
      await assert.rejects(readPublicTerms(database.db, 'nergens'), notFound);
    });

    test('two versions published at once get two numbers', async () => {
      const results = await Promise.all(
        ['A', 'B', 'C'].map((x) => publishTerms(database.db, clock, manager, home.venue.id, { textNl: x, textEn: x })),
      );
      assert.deepEqual(results.map((r) => (r.ok ? r.value : 0)).sort(), [1, 2, 3]);
    });

    test('both texts are required; a manager cannot publish for another venue', async () => {
      const refused = await publishTerms(database.db, clock, manager, home.venue.id, { textNl: '', textEn: '\u0000' });
      assert.deepEqual(refused, {
        ok: false,
        errors: [
          { field: 'textNl', code: 'required' },
          { field: 'textEn', code: 'invalid_characters' },
        ],
      });
      await assert.rejects(publishTerms(database.db, clock, manager, away.venue.id, { textNl: 'x', textEn: 'x' }), notFound);
      await assert.rejects(listTermsFor(database.db, manager, away.venue.id), notFound);
      assert.equal(await readCurrentTerms(database.db, away.venue.id), undefined);
    });

    test('a booking records the version current when it is placed, and none before the venue published any', async () => {
      const slot = await makeSlot(database.db, clock, home, { date: '2026-06-20', capacity: 100 });
      const before = await book(database.db, clock, slot);
      assert.equal(before.booking.termsVersion, null);
      await publishTerms(database.db, clock, manager, home.venue.id, { textNl: 'Een.', textEn: 'One.' });
      const first = await book(database.db, clock, slot);
      await publishTerms(database.db, clock, manager, home.venue.id, { textNl: 'Twee.', textEn: 'Two.' });
      const second = await book(database.db, clock, slot);
      assert.deepEqual([first.booking.termsVersion, second.booking.termsVersion], [1, 2]);
      const rows = await database.db.selectFrom('bookings').select(['id', 'terms_version']).execute();
      const stored = new Map(rows.map((r) => [r.id, r.terms_version]));
      assert.deepEqual(
        [before, first, second].map((b) => stored.get(b.booking.id)),
        [null, 1, 2],
      );
    });
  });
}
