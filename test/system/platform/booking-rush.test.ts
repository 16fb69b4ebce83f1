import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, type TestDialect, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

/**
 * 200 organisers book groups of 1..10 into one slot of 50 at the same moment, over real HTTP
 * against real server processes (which run on the system clock, so the slot lies in the future).
 * All come from one client, so the booking limits are off: this is about capacity.
 */
async function rush(database: TestDatabase, servers: ServerProcess[]) {
  const activity = await makeActivity(database.db, systemClock);
  const slot = await makeSlot(database.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 50 });
  const responses = await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      const res = await fetch(`${servers[i % servers.length]!.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingRequest(slot.id, { groupSize: (i % 10) + 1, name: `Organiser ${i}` })),
      });
      return { status: res.status, body: (await res.json()) as { reference?: string; code?: string } };
    }),
  );
  const created = responses.filter((r) => r.status === 201);
  const refused = responses.filter((r) => r.status !== 201);
  const rows = await database.db.selectFrom('bookings').select(['reference', 'group_size']).where('slot_id', '=', slot.id).execute();
  const stored = await database.db
    .selectFrom('slots')
    .select(['booked_persons', 'capacity'])
    .where('id', '=', slot.id)
    .executeTakeFirstOrThrow();
  const persons = rows.reduce((sum, r) => sum + r.group_size, 0);

  assert.ok(persons <= 50, `oversold: ${persons} persons in a slot of 50`);
  assert.equal(stored.booked_persons, persons, 'the capacity counter matches the stored bookings');
  assert.deepEqual(
    created.map((r) => r.body.reference).sort(),
    rows.map((r) => r.reference).sort(),
    'every 201 is a stored booking and vice versa',
  );
  assert.deepEqual([...new Set(refused.map((r) => `${r.status} ${r.body.code}`))], ['409 slot_full']);
  // With groups of 1..10 arriving in every order, the slot ends (nearly) full: at most 9 places left.
  assert.ok(persons >= 41, `only ${persons} persons booked`);
  return { created: created.length, persons };
}

function rushSuite(dialect: TestDialect, processes: number) {
  describe(`booking rush over HTTP on ${dialect.name}, ${processes} server process${processes > 1 ? 'es' : ''}`, () => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    before(async () => {
      database = await dialect.create();
      servers = await Promise.all(Array.from({ length: processes }, () => startServer({ ...database.env, ...BOOKING_LIMITS_OFF })));
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database.close();
    });

    test('200 concurrent bookings for 50 places: never oversold, every 201 stored, every refusal 409 slot_full', async () => {
      await rush(database, servers);
    });
  });
}

for (const dialect of testDialects()) {
  rushSuite(dialect, 1);
  if (dialect.name === 'postgres') rushSuite(dialect, 2);
}
