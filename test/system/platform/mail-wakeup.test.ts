import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { startSmtpServer, type TestSmtpServer } from '../../mail-server.js';
import { type ServerProcess, startServer } from '../../server-process.js';
import { MAIL_DELIVERY_JOB } from '../../../src/core/mail/mail-delivery.service.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

/** The outbox job's poll (src/core/mail/mail-delivery.service.ts), whose timer starts as the process listens. */
const POLL_SECONDS = 15;

for (const dialect of testDialects()) {
  describe(`a booking's mail over SMTP from a server process on ${dialect.name}`, () => {
    let database: TestDatabase;
    let smtp: TestSmtpServer;
    let server: ServerProcess;
    /** When the process answered first: the outbox job's timer started as it began to listen. */
    let listening: number;
    before(async () => {
      database = await dialect.create();
      smtp = await startSmtpServer();
      server = await startServer({ ...database.env, GROUPZ_SMTP_URL: smtp.url });
      listening = Date.now();
      // Its first run, FIRST_RUNS_AFTER_MS later, is over before the booking: it cannot be what sends the mail.
      const deadline = listening + 10_000;
      const ranFirst = () =>
        database.db.selectFrom('job_leases').select('finished_at').where('name', '=', MAIL_DELIVERY_JOB).executeTakeFirst();
      while (!(await ranFirst())?.finished_at) {
        assert.ok(Date.now() < deadline, `the outbox job did not run at start: ${server.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    after(async () => {
      await server.stop();
      await smtp.close();
      await database.close();
    });

    test("leaves as the booking commits, not at the outbox job's next poll", async () => {
      const activity = await makeActivity(database.db, systemClock);
      const slot = await makeSlot(database.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30) });
      const email = `wakker.${dialect.name}@example.nl`;
      const res = await fetch(`${server.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingRequest(slot.id, { email })),
      });
      assert.equal(res.status, 201, await res.text());
      const booked = Date.now();
      // Without the wake-up the mail would leave at the next poll, a poll after `listening`.
      const deadline = listening + (POLL_SECONDS - 2) * 1000;
      while (!smtp.messages.some((mail) => JSON.stringify(mail.to ?? '').includes(email))) {
        assert.ok(Date.now() < deadline, `no mail to ${email} ${Date.now() - booked} ms after the booking: ${server.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  });
}
