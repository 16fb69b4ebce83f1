import assert from 'node:assert/strict';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

const BURST = 60;
/** Group commit is SQLite's (PostgreSQL commits concurrent transactions together by itself). */
const sqlite = testDialects().find((dialect) => dialect.name === 'sqlite')!;

/** The sizes of the groups of bookings the server's log says it committed together, in order. */
function groupCommits(logs: string): number[] {
  return logs
    .split('\n')
    .filter((line) => line.includes('"bookings committed together"'))
    .map((line) => (JSON.parse(line) as { bookings: number }).bookings);
}

describe('groupz serve on SQLite, a burst of bookings', () => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  before(async () => {
    database = await sqlite.create();
  });
  after(async () => {
    await server?.stop();
    await database.close();
  });

  test('commits the bookings arriving together in groups, and answers each once stored', { timeout: 60_000 }, async (t) => {
    const activity = await makeActivity(database.db, systemClock, { maxGroupSize: 10 });
    const slot = await makeSlot(database.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 500 });
    server = await startServer({ ...database.env, ...BOOKING_LIMITS_OFF, GROUPZ_LOG_LEVEL: 'debug' });
    // The bookings arrive together whatever the load on the machine: the test holds the write lock
    // while the burst is sent, so the server waits at its first BEGIN (well within its 5-second
    // busy timeout) as the other requests queue up behind it.
    const holder = new Sqlite(join(database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite'));
    holder.exec('begin immediate');
    const sent = Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const res = await fetch(`${server!.url}/api/v1/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(bookingRequest(slot.id, { groupSize: 5, email: `burst${i}@example.nl` })),
        });
        return { status: res.status, reference: ((await res.json()) as { reference?: string }).reference };
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    holder.exec('rollback');
    holder.close();
    const answers = await sent;
    assert.deepEqual(
      answers.map((a) => a.status),
      Array<number>(BURST).fill(201),
    );
    const stored = await database.db.selectFrom('bookings').select('reference').where('slot_id', '=', slot.id).execute();
    assert.deepEqual(stored.map((b) => b.reference).sort(), answers.map((a) => a.reference).sort(), 'every 201 is stored');
    // The log is written asynchronously: wait until it accounts for every booking.
    const deadline = Date.now() + 10_000;
    while (groupCommits(server.logs()).reduce((sum, n) => sum + n, 0) < BURST && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const groups = groupCommits(server.logs());
    assert.equal(
      groups.reduce((sum, n) => sum + n, 0),
      BURST,
      `each booking committed in one group (${groups.join(', ')})`,
    );
    t.diagnostic(`groups committed: ${groups.join(', ')}`);
    assert.ok(groups.length < BURST, `bookings arriving together shared a commit (groups: ${groups.join(', ')})`);
  });
});
