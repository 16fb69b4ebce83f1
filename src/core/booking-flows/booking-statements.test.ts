import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { NO_PAYMENTS } from '../../../test/payment-context.js';
import { countingRoundTrips, countingStatements } from '../../../test/statements.js';
import { findSlot } from '../availability/slot.repository.js';
import { createBooking } from './booking.service.js';
import { makeExtra } from '../../../test/extras.js';
import { shareResource } from '../../../test/resources.js';

/**
 * The statements placing one simple booking runs: an activity without resources in a venue without
 * billing details, no options, extras, discount or voucher, paid at the venue. Each one is a round
 * trip on PostgreSQL and a query built and compiled on both, so one more is a cost on every
 * booking: a change that adds one raises this budget on purpose (docs/performance.md, statements per booking).
 * PostgreSQL writes the booking's row, its history entry and its mail in one statement
 * (insertTogether); SQLite, which has no data-modifying WITH and no round trips, one by one.
 */
const BUDGET = { sqlite: 6, postgres: 3 };

/**
 * Of those, the statements run after the slot's UPDATE, while the slot's row is locked (PostgreSQL)
 * or the database is (SQLite), until the commit: every booking of a full or popular slot waits for
 * them. SQLite: one read (the resources the slot uses, the address's other bookings of the slot and
 * the venue's terms again: readUnderSlotLock), then the writes. PostgreSQL reads them in the
 * UPDATE's own statement and again in that of the writes (takeCapacityAndRead, writePlacedBooking): one.
 */
const UNDER_LOCK = { sqlite: 4, postgres: 1 };

/**
 * On PostgreSQL, its round trips: BEGIN goes with the first statement (the quote's read), and
 * COMMIT with the last (the writes), so a round trip per statement (pg-transaction-bounds.ts); the
 * slot's row is locked from its UPDATE until the writes' round trip ends.
 */
const ROUND_TRIPS = 3;

for (const dialect of testDialects()) {
  describe(`statements per booking on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    const budget = BUDGET[dialect.name];
    const underLock = UNDER_LOCK[dialect.name];
    test(`a simple booking runs ${budget} statements, ${underLock} of them after the slot's UPDATE`, async (t) => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const { db: counted, statements } = countingStatements(db);
      const { booking } = await createBooking(counted, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 4 }));
      assert.equal(booking.status, 'confirmed');
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4);
      const perTable = new Map<string, number>();
      for (const statement of statements) perTable.set(statement, (perTable.get(statement) ?? 0) + 1);
      t.diagnostic(`${statements.length} statements: ${[...perTable].map(([label, n]) => `${label} ${n}`).join(', ')}`);
      // Exactly the budget: one more is a cost to justify, one fewer lowers the budget (and the docs' figure).
      assert.equal(statements.length, budget, `the budget is ${budget} statements: ${statements.join(', ')}`);
      const locked = statements.slice(statements.findIndex((statement) => statement.startsWith('update slots')) + 1);
      assert.equal(locked.length, underLock, `${underLock} statements after the slot's UPDATE: ${locked.join(', ')}`);
    });

    test(`a simple booking takes ${ROUND_TRIPS} round trips to PostgreSQL`, { skip: dialect.name !== 'postgres' }, async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const input = bookingInput(slot.id, { groupSize: 4 });
      const trips = await countingRoundTrips(() => createBooking(db, clock, TEST_LINK_KEY, NO_PAYMENTS, input));
      assert.equal(trips, ROUND_TRIPS);
      assert.equal((await findSlot(db, slot.id))?.bookedPersons, 4, 'placed, and committed');
    });

    test('a booking with an extra, whose row is written before its last statement, is placed in one go', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      const lunch = await makeExtra(db, activity);
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const { db: counted, statements } = countingStatements(db);
      const input = bookingInput(slot.id, { groupSize: 4, extras: { [lunch.id]: 1 } });
      await createBooking(counted, clock, TEST_LINK_KEY, NO_PAYMENTS, input);
      // The last statement's read of the address's other bookings of the slot is not thrown by the booking's own row.
      assert.equal(statements.filter((statement) => statement.startsWith('update slots')).length, 1, statements.join(', '));
    });

    test('a booking of an activity that uses a resource takes its places first, then reads what it must check them with', async () => {
      const { db } = database;
      const activity = await makeActivity(db, clock);
      await shareResource(db, clock, [activity], { kind: 'persons', capacity: 30 });
      const slot = await makeSlot(db, clock, activity, { capacity: 10 });
      const { db: counted, statements } = countingStatements(db);
      await createBooking(counted, clock, TEST_LINK_KEY, NO_PAYMENTS, bookingInput(slot.id, { groupSize: 4 }));
      const update = statements.indexOf('update slots');
      assert.ok(update >= 0, statements.join(', '));
      assert.equal(statements[update + 1], 'select activity_resources+bookings+venue_terms+staff', statements.join(', '));
    });
  });
}
