import assert from 'node:assert/strict';
import { once } from 'node:events';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, type TestDialect, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { integrityProblems } from '../../integrity.js';
import { addSetUpMember } from '../../lifecycle.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { type BookingStatus, HOLDS_PLACES } from '../../../src/core/shared/booking-status.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';
import { connectDatabase, type DatabaseHandle } from '../../../src/db/connect.js';

/**
 * Four slots; the small one is full after a few bookings, so refusals arrive before the kill. The
 * others hold more than their share of the rush asks (75 requests of 1 to 10 places each), so the
 * rush is still booking, with most requests open, when the kill comes; were they small, every
 * slot could fill and the rush end in refusals before the 20th 201 came back.
 */
const CAPACITIES = [5, 500, 500, 500];
const REQUESTS = 300;
/** The server is killed the moment this many 201s have arrived. */
const KILL_AT = 20;
/** Groups up to this size, so the restarted server fills the large slots in a few bookings. */
const MAX_GROUP = 200;
const STAFF = 'balie@venue.test';

/** What a 201 promised the organiser. */
interface Promised {
  reference: string;
  manageUrl: string;
  groupSize: number;
  slotId: string;
}

function book(server: ServerProcess, slotId: string, groupSize: number, name: string) {
  return fetch(`${server.url}/api/v1/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(bookingRequest(slotId, { groupSize, name })),
  });
}

/**
 * All requests at once; SIGKILL right after the KILL_AT-th 201. Every 201 is kept; a request the
 * kill cut off (reset, refused, body cut short) counts as a socket error.
 */
async function rushAndKill(server: ServerProcess, slotIds: string[]) {
  const promised: Promised[] = [];
  const unexpected: string[] = [];
  let settled = 0;
  let refused = 0;
  let socketErrors = 0;
  let pendingAtKill = 0;
  await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      try {
        const res = await book(server, slotIds[i % slotIds.length]!, ((i * 7) % 10) + 1, `Organiser ${i}`);
        const body = (await res.json()) as Promised & { code?: string };
        if (res.status === 201) {
          promised.push({ reference: body.reference, manageUrl: body.manageUrl, groupSize: body.groupSize, slotId: body.slotId });
          if (promised.length === KILL_AT) {
            pendingAtKill = REQUESTS - settled - 1;
            server.process.kill('SIGKILL');
          }
        } else if (res.status === 409 && body.code === 'slot_full') refused++;
        else unexpected.push(`${res.status} ${JSON.stringify(body)}`);
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        socketErrors++;
      } finally {
        settled++;
      }
    }),
  );
  assert.deepEqual(unexpected, [], 'before the kill every answer is a 201 or a 409 slot_full');
  return { promised, refused, socketErrors, pendingAtKill };
}

/**
 * The database as the restarted server sees it: every promised booking stored as promised, each
 * slot's counters equal to the bookings that hold places (and within capacity), and each booking
 * with its history entry, its organiser's mail and the venue staff's notice, none of them orphaned.
 */
async function assertConsistent(database: DatabaseHandle, slotIds: string[], promised: Promised[]) {
  const { db } = database;
  const bookings = await db.selectFrom('bookings').select(['id', 'reference', 'slot_id', 'group_size', 'status']).execute();
  const byReference = new Map(bookings.map((b) => [b.reference, b]));
  for (const p of promised) {
    const stored = byReference.get(p.reference);
    assert.ok(stored, `booking ${p.reference} got a 201 and is gone`);
    assert.deepEqual([stored.slot_id, stored.group_size, stored.status], [p.slotId, p.groupSize, 'confirmed']);
  }
  const slots = await db
    .selectFrom('slots')
    .select(['id', 'capacity', 'booked_persons', 'booked_groups'])
    .where('id', 'in', slotIds)
    .execute();
  for (const slot of slots) {
    const holding = bookings.filter((b) => b.slot_id === slot.id && HOLDS_PLACES[b.status as BookingStatus]);
    const persons = holding.reduce((sum, b) => sum + b.group_size, 0);
    assert.deepEqual([slot.booked_persons, slot.booked_groups], [persons, holding.length], `slot ${slot.id} counts its bookings`);
    assert.ok(persons <= slot.capacity, `slot ${slot.id} oversold: ${persons} > ${slot.capacity}`);
  }
  const history = await db.selectFrom('activity_log').select(['target']).where('action', '=', 'booking.created').execute();
  const mails = await db.selectFrom('mail_outbox').select(['booking_id', 'kind', 'recipient']).execute();
  const ids = new Set(bookings.map((b) => b.id));
  const references = new Set(bookings.map((b) => b.reference));
  assert.deepEqual(history.map((h) => h.target).sort(), [...references].sort(), 'one creation entry per booking, none without one');
  const mailsOf = (kind: string) =>
    mails
      .filter((m) => m.kind === kind)
      .map((m) => m.booking_id)
      .sort();
  assert.deepEqual(mailsOf('booking_received'), [...ids].sort(), "one organiser's mail per booking, none without one");
  assert.deepEqual(mailsOf('staff_new_booking'), [...ids].sort(), 'one staff notice per booking, none without one');
  assert.deepEqual(
    mails.filter((m) => m.booking_id === null || !ids.has(m.booking_id)),
    [],
    'no mail for a booking that does not exist',
  );
  assert.deepEqual(await integrityProblems(database), []);
  return { bookings: bookings.length, slots };
}

function crashSuite(dialect: TestDialect) {
  describe(`a server killed during a booking rush, restarted on the same data, on ${dialect.name}`, () => {
    let database: TestDatabase;
    /** What the checks read through: on SQLite a connection opened after the restart. */
    let checked: DatabaseHandle | undefined;
    const servers: ServerProcess[] = [];
    before(async () => {
      database = await dialect.create();
    });
    after(async () => {
      if (checked !== database) await checked?.close();
      await Promise.all(servers.map((s) => s.stop()));
      await database.close();
    });

    test('keeps every booking it answered 201 for, counts exactly what it stores, and books on', { timeout: 120_000 }, async (t) => {
      const activity = await makeActivity(database.db, systemClock, { maxGroupSize: MAX_GROUP });
      await addSetUpMember(database.db, STAFF, 'staff', activity.venue.id);
      const date = addLocalDays(localDateOf(new Date()), 30);
      const slotIds: string[] = [];
      for (const [i, capacity] of CAPACITIES.entries()) {
        slotIds.push((await makeSlot(database.db, systemClock, activity, { date, time: `${10 + i}:00`, capacity })).id);
      }
      // On SQLite the test lets go of the file, so the killed server's WAL is recovered by the restarted one alone.
      if (dialect.name === 'sqlite') await database.db.destroy();
      // All 300 come from one client: the booking limits are off, this is about the crash.
      const first = await startServer({ ...database.env, ...BOOKING_LIMITS_OFF });
      servers.push(first);
      const rush = await rushAndKill(first, slotIds);
      if (first.process.signalCode === null) await once(first.process, 'exit');
      assert.equal(first.process.signalCode, 'SIGKILL');
      const sqliteFile = join(database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite');
      if (dialect.name === 'sqlite') assert.ok(statSync(`${sqliteFile}-wal`).size > 0, 'the kill left a write-ahead log to recover');

      const second = await startServer({ ...database.env, ...BOOKING_LIMITS_OFF });
      servers.push(second);
      const reading: DatabaseHandle = dialect.name === 'sqlite' ? connectDatabase({ sqliteFile }) : database;
      checked = reading;
      const afterCrash = await assertConsistent(reading, slotIds, rush.promised);
      t.diagnostic(
        `${rush.pendingAtKill} requests were open when the ${KILL_AT}th 201 triggered the kill; ${rush.promised.length} 201s, ` +
          `${rush.refused} 409s and ${rush.socketErrors} cut off in all; ${afterCrash.bookings} bookings stored`,
      );
      // The kill hit a running rush: refusals had begun, most requests were still open and it cut them off.
      assert.ok(rush.refused > 0, 'some requests found their slot full before the kill');
      assert.ok(rush.pendingAtKill >= REQUESTS / 2, `only ${rush.pendingAtKill} requests were in flight at the kill`);
      assert.ok(rush.socketErrors > 0, 'the kill cut requests off');
      assert.ok(
        afterCrash.bookings - rush.promised.length <= rush.socketErrors,
        'a booking without a 201 is one whose answer the kill cut off',
      );
      for (const p of rush.promised) {
        const page = await fetch(`${second.url}${new URL(p.manageUrl).pathname}`);
        assert.equal(page.status, 200, `the manage link of ${p.reference} opens`);
        assert.ok((await page.text()).includes(p.reference));
      }

      // The restarted server books the remaining places to the last one, and not one more.
      const fresh: Promised[] = [];
      for (const slot of afterCrash.slots) {
        for (let left = slot.capacity - slot.booked_persons; left > 0; left -= Math.min(left, MAX_GROUP)) {
          const res = await book(second, slot.id, Math.min(left, MAX_GROUP), 'After the restart');
          assert.equal(res.status, 201, await res.clone().text());
          fresh.push((await res.json()) as Promised);
        }
        const full = await book(second, slot.id, 1, 'One too many');
        assert.deepEqual([full.status, ((await full.json()) as { code: string }).code], [409, 'slot_full']);
      }
      const end = await assertConsistent(reading, slotIds, [...rush.promised, ...fresh]);
      assert.deepEqual(
        end.slots.map((s) => s.booked_persons),
        end.slots.map((s) => s.capacity),
      );
    });
  });
}

for (const dialect of testDialects()) crashSuite(dialect);
