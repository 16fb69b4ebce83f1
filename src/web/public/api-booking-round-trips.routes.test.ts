import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../../test/factories.js';
import { countingRoundTrips } from '../../../test/statements.js';

const postgres = testDialects().find((d) => d.name === 'postgres');

/**
 * `POST /api/v1/bookings` on PostgreSQL takes the booking's own round trips (booking-statements.test.ts)
 * and no more: its 201 answers with the money the booking was placed with, not a read of it.
 * Without the booking limits, whose charges are a transaction of their own.
 */
describe('round trips of an API booking', { skip: postgres ? false : 'needs GROUPZ_TEST_PG_URL' }, () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(postgres!, '2026-06-01T08:00:00Z', {}, { bookingLimits: { perNetwork: null, perEmail: null } });
  });
  after(() => t.close());

  test('a booking answered 201 takes 3 round trips', async () => {
    const activity = await makeActivity(t.database.db, t.clock);
    const slot = await makeSlot(t.database.db, t.clock, activity, { capacity: 10 });
    let status = 0;
    const trips = await countingRoundTrips(async () => {
      status = (await t.app.inject({ method: 'POST', url: '/api/v1/bookings', payload: bookingRequest(slot.id) })).statusCode;
    });
    assert.equal(status, 201);
    assert.equal(trips, 3);
  });
});
