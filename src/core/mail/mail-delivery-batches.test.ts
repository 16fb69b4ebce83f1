import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { testMailDelivery, testSmtpSender } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js';
import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import { insertOutboxMail } from '../outbox/outbox.repository.js';
import { newId } from '../shared/ids.js';
import { runJobOnce } from '../jobs/scheduler.js';
import { deliverDueMails, MAX_GIVE_WAY_MS, type MailDeliverySettings, mailDeliveryJob, retryDelayMs } from './mail-delivery.service.js';
import type { MailSender, OutgoingMail } from './mail-sender.js';

function outboxRows(db: Db) {
  return db.selectFrom('mail_outbox').selectAll().orderBy('created_at').execute();
}

/** How many messages arrived per Message-ID (one per outbox row). */
function countByMessageId(messages: ParsedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.messageId!, (counts.get(m.messageId!) ?? 0) + 1);
  return counts;
}

/** A second connection to the test's database, as another server process has. */
/** The test relay's sender with each send going through `around`, which hands the mail over by calling `send`. */
function senderAround(smtp: TestSmtpServer, around: (mail: OutgoingMail, send: () => Promise<void>) => Promise<void>): MailSender {
  const real = testSmtpSender(smtp);
  return { target: real.target, send: (mail) => around(mail, () => real.send(mail)) };
}

function connectAgain(database: TestDatabase): DatabaseHandle {
  const url = database.env.GROUPZ_DATABASE_URL;
  return url
    ? connectDatabase({ url, sqliteFile: '' })
    : connectDatabase({ sqliteFile: join(database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite') });
}

for (const dialect of testDialects()) {
  describe(`mail delivery in batches on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let smtp: TestSmtpServer;
    let settings: MailDeliverySettings;
    let activity: Activity;
    const clock = new TestClock();

    /** `count` bookings, one organiser's mail each, to group<i>@example.nl. */
    async function bookMany(count: number): Promise<void> {
      const slot = await makeSlot(db, clock, activity, { capacity: 2 * count });
      for (let i = 0; i < count; i++) await book(db, clock, slot, { email: `group${i}@example.nl`, groupSize: 2 });
    }

    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      database = await dialect.create();
      db = database.db;
      smtp = await startSmtpServer();
      settings = testMailDelivery(smtp);
      activity = await makeActivity(db, clock);
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
    });

    test('three deliverers at once, each with its own connection and SMTP pool, send each of more mails than a batch exactly once', async () => {
      await bookMany(150);
      const others = [connectAgain(database), connectAgain(database)];
      try {
        // As three server processes: their own database connections and SMTP connections.
        const reports = await Promise.all(
          [db, ...others.map((o) => o.db)].map((each) => deliverDueMails(each, clock, { ...settings, sender: testSmtpSender(smtp) })),
        );
        assert.deepEqual(
          reports.flatMap((r) => r.failures),
          [],
        );
        assert.equal(
          reports.reduce((sum, r) => sum + r.sent, 0),
          150,
        );
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
      const rows = await outboxRows(db);
      const counts = countByMessageId(smtp.messages);
      assert.deepEqual(
        rows.filter((r) => counts.get(`<${r.id}@bookings.test>`) !== 1).map((r) => counts.get(`<${r.id}@bookings.test>`) ?? 0),
        [],
        'one message per outbox row',
      );
      assert.equal(smtp.messages.length, 150);
      assert.ok(rows.every((r) => r.status === 'sent' && r.locked_until === null));
    });

    test('a mail that fails in a batch fails alone: the others are sent, it is retried, a final failure is given up', async () => {
      // The damaged row first, the refused mail among the first sent together, many after them.
      // Past the types (a booking mail has a booking): a damaged row, given up at once.
      await insertOutboxMail(db, {
        id: newId(),
        at: clock.now().toISOString(),
        kind: 'manage_link',
        bookingId: null,
        recipient: 'orphan@example.nl',
        language: 'nl',
        dedupeKey: 'orphan',
      });
      clock.advance(1);
      await bookMany(30);
      smtp.refuseRecipient('group1@example.nl');
      const report = await deliverDueMails(db, clock, settings);
      assert.equal(report.sent, 29);
      assert.deepEqual(
        report.failures
          .map(({ error, attempts, gaveUp }) => ({ error, attempts, gaveUp }))
          .sort((a, b) => Number(a.gaveUp) - Number(b.gaveUp)),
        [
          { error: 'EENVELOPE 451', attempts: 1, gaveUp: false },
          { error: 'booking not found', attempts: 1, gaveUp: true },
        ],
      );
      const rows = await outboxRows(db);
      const state = (recipient: string) => rows.filter((r) => r.recipient === recipient).map((r) => [r.status, r.attempts, r.locked_until]);
      assert.deepEqual(state('orphan@example.nl'), [['failed', 1, null]]);
      assert.deepEqual(state('group1@example.nl'), [['pending', 1, null]]);
      assert.deepEqual(
        rows
          .filter((r) => !['orphan@example.nl', 'group1@example.nl'].includes(r.recipient))
          .map((r) => [r.status, r.attempts, r.locked_until]),
        Array.from({ length: 29 }, () => ['sent', 0, null]),
      );
      smtp.refuseRecipient(undefined);
      clock.advance(retryDelayMs(1));
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 1, skipped: 0, failures: [] });
      assert.equal(smtp.messages.length, 30);
    });

    test('a run that stops between sending and recording (as a process killed then) leaves its mails to be sent again', async () => {
      await bookMany(3);
      // The relay takes each mail; then the run goes no further, as if the process had died there.
      let dieAfterSend = true;
      const stalled: (() => void)[] = [];
      const dying = senderAround(smtp, async (_, send) => {
        await send();
        if (dieAfterSend) await new Promise<void>((resolve) => stalled.push(resolve));
      });
      const dead = deliverDueMails(db, clock, { ...settings, sender: dying });
      while (stalled.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(smtp.messages.length, 1, 'the first mail reached the relay; the run stopped there');
      assert.ok(
        (await outboxRows(db)).every((r) => r.status === 'pending' && r.locked_until !== null),
        'claimed, none recorded',
      );

      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] }, 'held while the claim lasts');
      clock.advance(300_000);
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 3, skipped: 0, failures: [] }, 'sent again once it ran out');
      const rows = await outboxRows(db);
      assert.ok(rows.every((r) => r.status === 'sent'));
      const counts = countByMessageId(smtp.messages);
      assert.deepEqual(
        rows.map((r) => counts.get(`<${r.id}@bookings.test>`)).sort(),
        [1, 1, 2],
        'the mail the relay had comes again with its Message-ID: at least once',
      );

      // Should the stopped run go on after all, it records nothing over what the other did.
      dieAfterSend = false;
      stalled.forEach((resume) => resume());
      await dead;
      assert.deepEqual(
        (await outboxRows(db)).map((r) => [r.status, r.sent_at]),
        rows.map((r) => [r.status, r.sent_at]),
      );
    });

    test('no mail is started once its claim could run out during the send: the rest wait untried for the next run', async () => {
      await bookMany(12);
      // A slow relay: each send takes 100 seconds (on the test's clock), several at once.
      const overran: string[] = [];
      const slow = senderAround(smtp, async (mail, send) => {
        // The send starts now: other sends ending meanwhile move the clock on, not this one's start.
        const ends = new Date(clock.now().getTime() + 100_000);
        const { locked_until } = await db
          .selectFrom('mail_outbox')
          .select('locked_until')
          .where('id', '=', mail.id)
          .executeTakeFirstOrThrow();
        await send();
        if (ends > clock.now()) clock.set(ends);
        if (!locked_until || ends.toISOString() > locked_until) overran.push(mail.id);
      });
      const report = await deliverDueMails(db, clock, { ...settings, sender: slow });
      assert.deepEqual(overran, [], 'every send ended within its claim');
      assert.ok(report.sent >= 1 && report.sent < 12, `some sent, the rest left: ${report.sent}`);
      const left = (await outboxRows(db)).filter((r) => r.status === 'pending');
      assert.equal(left.length, 12 - report.sent);
      assert.ok(
        left.every((r) => r.attempts === 0 && r.locked_until === null),
        'the untried mails are given back, not held for the claim',
      );
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 12 - report.sent, 'the next run sends them');
      assert.equal(smtp.messages.length, 12);
    });

    test('a run takes batch after batch while they come full, and past its time asks for the next run at once', async () => {
      await bookMany(250);
      // Ten seconds pass in the first batch (on the test's clock): the run stops after it.
      let slowFirst = true;
      const sender = senderAround(smtp, async (_, send) => {
        if (slowFirst) clock.advance(10_000);
        slowFirst = false;
        await send();
      });
      let asked = 0;
      const job = mailDeliveryJob(
        db,
        clock,
        { ...settings, sender },
        () => {},
        () => (asked += 1),
      );
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 100, 'one batch');
      assert.equal(asked, 1, 'the next run asked for');
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 250, 'the other two batches in one run');
      assert.equal(asked, 1, 'nothing left to ask for');
    });

    test('while the process is busy the job gives way, asking for no next run, and runs regardless after MAX_GIVE_WAY_MS', async () => {
      await bookMany(3);
      let busy = true;
      let asked = 0;
      const job = mailDeliveryJob(
        db,
        clock,
        settings,
        () => {},
        () => (asked += 1),
        () => busy,
      );
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      clock.advance(MAX_GIVE_WAY_MS - 1);
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 0, 'nothing sent while busy');
      assert.equal(asked, 0, 'no next run asked for');
      assert.ok(
        (await outboxRows(db)).every((r) => r.status === 'pending' && r.locked_until === null),
        'none claimed',
      );
      clock.advance(1);
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 3, 'sent once busy has lasted MAX_GIVE_WAY_MS');
      // The wait starts again after that run.
      const later = await makeSlot(db, clock, activity, { time: '14:00' });
      for (const email of ['late1@example.nl', 'late2@example.nl']) await book(db, clock, later, { email, groupSize: 2 });
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 3, 'giving way again');
      busy = false;
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 5, 'sent at once when no longer busy');
      assert.equal(asked, 0);
    });

    test('a run stops between batches once the process gets busy, and the next run gives way', async () => {
      await bookMany(250);
      // The process gets busy as the first batch goes out.
      let busy = false;
      let sends = 0;
      const sender = senderAround(smtp, async (_, send) => {
        if (sends++ === 0) busy = true;
        await send();
      });
      let asked = 0;
      const job = mailDeliveryJob(
        db,
        clock,
        { ...settings, sender },
        () => {},
        () => (asked += 1),
        () => busy,
      );
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 100, 'the first batch went');
      const rows = await outboxRows(db);
      assert.equal(rows.filter((r) => r.status === 'sent').length, 100, 'and was recorded');
      assert.ok(
        rows.filter((r) => r.status !== 'sent').every((r) => r.status === 'pending' && r.locked_until === null),
        'the rest still due, unclaimed',
      );
      assert.equal(asked, 1, 'the next run asked for');
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 100, 'which gives way');
      assert.equal(asked, 1, 'without asking again');
      busy = false;
      assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
      assert.equal(smtp.messages.length, 250, 'the rest once the process is no longer busy');
    });
  });
}
