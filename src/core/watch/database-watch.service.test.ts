import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { testMailDelivery, testSmtpSender } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { addMember } from '../../../test/staff.js';
import { startTcpRelay, type TcpRelay } from '../../../test/tcp-relay.js';
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js';
import { runJobOnce } from '../jobs/scheduler.js';
import { type MailFailure, mailDeliveryJob } from '../mail/mail-delivery.service.js';
import { databaseWatch, type DatabaseWatch } from './database-watch.service.js';

const FROM = 'Groupz <no-reply@bookings.test>';

function recipientOf(mail: ParsedMail): string | undefined {
  return mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined;
}

// Only PostgreSQL is another server that can stop answering; SQLite is a file in the process.
for (const dialect of testDialects().filter((d) => d.name === 'postgres')) {
  describe(`whether the database answers (${dialect.name})`, () => {
    let database: TestDatabase;
    let relay: TcpRelay;
    let watched: DatabaseHandle;
    let smtp: TestSmtpServer;
    let watch: DatabaseWatch;
    const clock = new TestClock();
    const failures: MailFailure[] = [];

    /** What reached the SMTP server since `before`. */
    const since = (before: number) => smtp.messages.slice(before);

    /** The outbox's job once, on the database itself (not through the relay). */
    async function deliver(): Promise<void> {
      const delivery = testMailDelivery(smtp);
      assert.equal(
        await runJobOnce(
          database.db,
          clock,
          'test',
          mailDeliveryJob(database.db, clock, delivery, (f) => failures.push(f)),
        ),
        'ran',
      );
      assert.deepEqual(failures, []);
    }

    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      database = await dialect.create();
      await addMember(database.db, clock, 'beheer@groupz.test', 'admin');
      await addMember(database.db, clock, 'ops@groupz.test', 'admin');
      // The platform reaches PostgreSQL through a relay the test cuts, as a lost network or a stopped server would.
      const url = new URL(database.env.GROUPZ_DATABASE_URL!);
      relay = await startTcpRelay({ host: url.hostname, port: Number(url.port || 5432) });
      url.hostname = '127.0.0.1';
      url.port = String(relay.port);
      watched = connectDatabase({ url: url.toString(), sqliteFile: '' });
      smtp = await startSmtpServer();
      watch = databaseWatch(watched.db, clock, {
        host: 'web1',
        pid: 4242,
        sender: testSmtpSender(smtp),
        from: FROM,
        publicUrl: TEST_PUBLIC_URL,
        answerSeconds: 2,
      });
    });
    afterEach(async () => {
      await watched.close();
      await relay.close();
      await smtp.close();
      await database.close();
    });

    test('unreachable: one warning to each admin, sent at once; later looks send nothing; back: one recovery notice', async () => {
      assert.equal(await watch.look(), 'answers');
      await relay.cut();
      clock.advance(60_000);
      assert.equal(await watch.look(), 'unreachable');
      assert.equal(smtp.messages.length, 0, 'one look without an answer warns nobody yet');
      clock.advance(60_000);
      assert.equal(await watch.look(), 'unreachable');
      assert.deepEqual(smtp.messages.map(recipientOf).sort(), ['beheer@groupz.test', 'ops@groupz.test']);
      for (const mail of smtp.messages) {
        assert.equal(mail.subject, 'Database onbereikbaar vanaf web1 / Database unreachable from web1');
        assert.ok(
          mail.text!.includes('The platform on web1 (process 4242) has had no answer from the database since Mon 1 Jun 2026 at 10:01.'),
          mail.text,
        );
      }
      for (let look = 0; look < 3; look += 1) {
        clock.advance(60_000);
        assert.equal(await watch.look(), 'unreachable');
      }
      assert.equal(smtp.messages.length, 2, 'once per outage, not at every look');

      await relay.restore();
      clock.advance(60_000);
      const before = smtp.messages.length;
      assert.equal(await watch.look(), 'answers');
      assert.equal(await watch.look(), 'answers');
      await deliver();
      const recoveries = since(before);
      assert.deepEqual(recoveries.map(recipientOf).sort(), ['beheer@groupz.test', 'ops@groupz.test']);
      for (const mail of recoveries) {
        assert.equal(mail.subject, 'Database weer bereikbaar vanaf web1 / Database reachable again from web1');
        assert.ok(mail.text!.includes('From Mon 1 Jun 2026 at 10:01 to Mon 1 Jun 2026 at 10:06 it got none.'), mail.text);
      }
    });

    test('a single look without an answer (a restart between looks) mails nobody, then or after', async () => {
      assert.equal(await watch.look(), 'answers');
      await relay.cut();
      assert.equal(await watch.look(), 'unreachable');
      await relay.restore();
      assert.equal(await watch.look(), 'answers');
      await deliver();
      assert.equal(smtp.messages.length, 0);
    });
  });
}
