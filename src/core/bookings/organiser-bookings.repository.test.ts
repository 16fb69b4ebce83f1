import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { ORGANISER_CHANGEABLE } from './booking-changes.js';
import { listOrganiserBookingsOnSlot } from './booking.repository.js';

for (const dialect of testDialects()) {
  describe(`an organiser's bookings of a slot, as the first mail of another names them (${dialect.name})`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('the address in any case is the same organiser; an address with non-ASCII letters is refused before any lookup', async () => {
      const { db } = database;
      const slot = await makeSlot(db, clock, await makeActivity(db, clock));
      const anna = await book(db, clock, slot, { email: 'Anna@School.nl' });
      // lower() folds only ASCII on SQLite, all letters on PostgreSQL: no address that could tell them apart gets in.
      await assert.rejects(async () => book(db, clock, slot, { email: 'ÉVA@School.nl' }));
      const found = async (email: string) =>
        (await listOrganiserBookingsOnSlot(db, slot.id, email, ORGANISER_CHANGEABLE)).map((b) => b.reference);
      assert.deepEqual(await found('anna@SCHOOL.NL'), [anna.booking.reference]);
      assert.deepEqual(await found('someone@school.nl'), []);
    });
  });
}
