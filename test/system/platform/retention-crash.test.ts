import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../clock.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { book, makeActivity, makeSlot } from '../../factories.js';
import { bookingRow } from '../../lifecycle.js';
import { TEST_LINK_KEY } from '../../links.js';
import { launchServer } from '../../server-process.js';
import { loadBookingDetails } from '../../../src/core/bookings/booking.repository.js';
import { addParticipant, currentParticipantToken } from '../../../src/core/participants/participant.service.js';
import type { Db } from '../../../src/db/schema.js';
import { newId } from '../../../src/core/shared/ids.js';

/** Bookings whose organiser is due for anonymisation: enough that the run is still going when it is killed. */
const BOOKINGS = 400;

/** Each booking either wholly anonymised or wholly as it was; how many of each. */
async function wholeOrUntouched(db: Db): Promise<{ anonymised: number; untouched: number }> {
  const rows = await db
    .selectFrom('bookings')
    .leftJoin('participants', 'participants.booking_id', 'bookings.id')
    .select(['bookings.id', 'anonymised_at', 'organiser_name', 'organiser_email', 'organiser_phone', 'participants.name as participant'])
    .execute();
  assert.equal(rows.length, BOOKINGS);
  let anonymised = 0;
  for (const row of rows) {
    const tag = row.id;
    if (row.anonymised_at !== null) {
      assert.deepEqual(
        [row.organiser_name, row.organiser_email, row.organiser_phone, row.participant],
        ['', '', '', ''],
        `${tag} wholly anonymised`,
      );
      anonymised += 1;
    } else {
      assert.match(row.organiser_name, /^Organiser \d+$/, `${tag} untouched`);
      assert.match(row.organiser_email, /^organiser\d+@school\.test$/);
      assert.equal(row.organiser_phone, '+31 6 12345678');
      assert.match(row.participant ?? '', /^Pupil \d+$/);
    }
  }
  return { anonymised, untouched: BOOKINGS - anonymised };
}

for (const dialect of testDialects()) {
  describe(`the retention run killed midway on ${dialect.name}`, () => {
    let database: TestDatabase;

    before(async () => {
      database = await dialect.create();
      const { db } = database;
      // A season long past: the visits ended more than 24 months before the server's own clock.
      const clock = new TestClock('2024-05-01T08:00:00Z');
      const activity = await makeActivity(db, clock);
      const slot = await makeSlot(db, clock, activity, { date: '2024-06-15', capacity: BOOKINGS * 4 });
      // One booking placed as the booking form places one, with a participant as the participant link adds one;
      // then as many more as its copies, with names of their own, in one transaction (placing each would take minutes).
      const { booking } = await book(db, clock, slot, { name: 'Organiser 0', email: 'organiser0@school.test' });
      const details = (await loadBookingDetails(db, await bookingRow(db, booking.id)))!;
      const token = (await currentParticipantToken(db, TEST_LINK_KEY, booking.id))!;
      assert.deepEqual(await addParticipant(db, clock, { booking: details, token }, { name: 'Pupil 0', dietary: 'notenallergie' }), {
        ok: true,
      });
      const original = await db.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow();
      const participant = await db.selectFrom('participants').selectAll().where('booking_id', '=', booking.id).executeTakeFirstOrThrow();
      await db.transaction().execute(async (trx) => {
        for (let i = 1; i < BOOKINGS; i++) {
          const id = newId();
          await trx
            .insertInto('bookings')
            .values({
              ...original,
              id,
              reference: `${original.reference}${i}`,
              organiser_name: `Organiser ${i}`,
              organiser_email: `organiser${i}@school.test`,
              manage_token_hash: `copy-${id}`,
              participant_token_hash: null,
              submission_hash: null,
            })
            .execute();
          await trx
            .insertInto('participants')
            .values({ ...participant, id: newId(), booking_id: id, name: `Pupil ${i}` })
            .execute();
        }
      });
    });
    after(() => database.close());

    test('kill -9 leaves every booking whole or untouched; the next start finishes before it serves', async () => {
      const { db } = database;
      const first = await launchServer(database.env);
      // Killed the moment the first bookings are anonymised, while the start's run goes on.
      for (let seen = 0; seen === 0;) {
        assert.equal(first.process.exitCode, null, `the server stopped: ${first.stderr()}`);
        seen = Number(
          (
            await db
              .selectFrom('bookings')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('anonymised_at', 'is not', null)
              .executeTakeFirstOrThrow()
          ).n,
        );
        if (seen === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      first.process.kill('SIGKILL');
      await once(first.process, 'exit');
      const killed = await wholeOrUntouched(db);
      assert.ok(killed.anonymised > 0 && killed.untouched > 0, `killed midway (${JSON.stringify(killed)})`);
      assert.equal(await runsRecorded(db), 0, 'the killed run recorded nothing');

      const second = await launchServer(database.env);
      await second.ready();
      try {
        assert.deepEqual(await wholeOrUntouched(db), { anonymised: BOOKINGS, untouched: 0 }, 'all anonymised by the time it serves');
        const runs = await db.selectFrom('retention_runs').select('counts').execute();
        assert.ok(runs.some((run) => (JSON.parse(run.counts) as { organisers: number }).organisers === killed.untouched));
      } finally {
        await second.stop();
      }
    });
  });
}

async function runsRecorded(db: Db): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('retention_runs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}
