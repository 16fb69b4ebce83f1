import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { type ParsedMail, simpleParser } from 'mailparser';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { testMailDelivery, testMailDrop } from '../../../test/mail-senders.js';
import { freePort } from '../../../test/server-process.js';
import { smtpSender } from '../../adapters/smtp/smtp-sender.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { findBookingByLink } from '../booking-flows/booking.service.js';
import type { Activity } from '../catalog/activity.js';
import { runJobOnce } from '../jobs/scheduler.js';
import type { Db } from '../../db/schema.js';
import {
  deliverDueMails,
  MAX_MAIL_ATTEMPTS,
  type MailDeliverySettings,
  type MailFailure,
  mailDeliveryJob,
  retryDelayMs,
} from './mail-delivery.service.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import { insertOutboxMail } from '../outbox/outbox.repository.js';
import { enqueueMail } from '../outbox/outbox.service.js';
import { newId } from '../shared/ids.js';

function outboxRows(db: Db) {
  return db.selectFrom('mail_outbox').selectAll().orderBy('created_at').execute();
}

function calendarOf(mail: ParsedMail) {
  const [attachment] = mail.attachments;
  assert.ok(attachment, 'an .ics attachment');
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { attachment, vevent, event: new ICAL.Event(vevent) };
}

/** How many messages arrived per Message-ID (one per outbox row). */
function countByMessageId(messages: ParsedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.messageId!, (counts.get(m.messageId!) ?? 0) + 1);
  return counts;
}

for (const dialect of testDialects()) {
  describe(`mail delivery on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let smtp: TestSmtpServer;
    let settings: MailDeliverySettings;
    let dataDir: string;
    let activity: Activity;
    const clock = new TestClock();

    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      database = await dialect.create();
      db = database.db;
      smtp = await startSmtpServer();
      dataDir = mkdtempSync(join(tmpdir(), 'groupz-mail-'));
      settings = testMailDelivery(smtp);
      activity = await makeActivity(db, clock);
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('booking mails reach a real SMTP server in the booking language, with text, HTML, working links and a valid .ics', async () => {
      const cases = [
        // Summer; the two nights the clocks change, with visits across the change.
        { language: 'nl', date: '2026-07-15', time: '10:00', email: 'anna@example.nl' },
        { language: 'en', date: '2026-10-25', time: '01:30', email: 'ben@example.com' },
        { language: 'nl', date: '2026-03-29', time: '01:30', email: 'cor@example.nl' },
        { language: 'en', date: '2026-10-25', time: '10:00', email: 'dee@example.com' },
      ] as const;
      clock.set('2026-03-01T08:00:00Z');
      const booked = [];
      for (const c of cases) {
        const slot = await makeSlot(db, clock, activity, { date: c.date, time: c.time });
        booked.push({ ...c, slot, created: await book(db, clock, slot, { language: c.language, email: c.email, name: 'Kim de Vries' }) });
      }
      const report = await deliverDueMails(db, clock, settings);
      assert.deepEqual(report, { sent: cases.length, skipped: 0, failures: [] });
      assert.equal(smtp.messages.length, cases.length);

      for (const { language, email, slot, created } of booked) {
        const { reference } = created.booking;
        const mail = smtp.messages.find((m) => m.subject?.includes(reference));
        assert.ok(mail, `mail for ${reference}`);
        assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined, email);
        assert.equal(mail.from?.text, '"Groupz" <no-reply@bookings.test>');
        assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
        const nl = language === 'nl';
        assert.equal(mail.subject, nl ? `Boeking ${reference} bevestigd: Testactiviteit` : `Booking ${reference} confirmed: Test activity`);
        assert.ok(mail.text?.startsWith(nl ? 'Goedendag,' : 'Hello,'), 'plain text in the language');
        assert.ok(mail.text?.includes(nl ? 'Bedankt voor uw boeking' : 'Thank you for your booking'));
        assert.ok(typeof mail.html === 'string' && mail.html.includes(`<html lang="${language}">`), 'an HTML part in the language');

        const manage = mail.text?.match(/http:\/\/bookings\.test\/b\/([A-Za-z0-9_-]+)/);
        assert.ok(manage, 'the manage link');
        assert.equal((await findBookingByLink(db, 'manage', manage[1]!))?.reference, reference, 'the manage link opens the booking');
        assert.equal(manage[1], created.manageToken);
        const participants = mail.text?.match(/http:\/\/bookings\.test\/p\/([A-Za-z0-9_-]+)/);
        assert.ok(participants, 'the participant link');
        assert.equal((await findBookingByLink(db, 'participants', participants[1]!))?.reference, reference);

        const { attachment, vevent, event } = calendarOf(mail);
        assert.equal(attachment.filename, `${reference}.ics`);
        assert.equal(attachment.contentType, 'text/calendar');
        assert.equal((attachment.headers.get('content-type') as { params: Record<string, string> }).params.method, 'PUBLISH');
        assert.equal(vevent.getFirstProperty('dtstart')?.getParameter('tzid'), 'Europe/Amsterdam');
        assert.equal(event.startDate.toJSDate().toISOString(), slot.startsAt.toISOString(), 'DTSTART is the slot start');
        assert.equal(event.endDate.toJSDate().toISOString(), slot.endsAt.toISOString(), 'DTEND is the slot end');
        assert.equal(event.summary, nl ? 'Testactiviteit' : 'Test activity');
        assert.equal(event.uid, `${created.booking.id}@bookings.test`);
        assert.equal(vevent.getFirstPropertyValue('status'), 'CONFIRMED');
      }
      const rows = await outboxRows(db);
      assert.ok(rows.every((r) => r.status === 'sent' && r.sent_at === '2026-03-01T08:00:00.000Z' && r.locked_until === null));
    });

    test('a refused attempt is retried after the backoff and the mail is sent exactly once', async () => {
      const slot = await makeSlot(db, clock, activity);
      const { booking } = await book(db, clock, slot);
      smtp.refuseNext(1);
      const first = await deliverDueMails(db, clock, settings);
      assert.equal(first.sent, 0);
      assert.deepEqual(
        first.failures.map(({ kind, attempts, gaveUp }) => ({ kind, attempts, gaveUp })),
        [{ kind: 'booking_received', attempts: 1, gaveUp: false }],
      );
      assert.equal(smtp.messages.length, 0);
      const [row] = await outboxRows(db);
      assert.equal(row?.status, 'pending');
      assert.equal(row?.attempts, 1);
      assert.equal(row?.next_attempt_at, '2026-06-01T08:01:00.000Z', 'a minute later');
      assert.equal(row?.locked_until, null);
      assert.match(row?.last_error ?? '', /451/);
      assert.ok(!row?.last_error?.includes('@'), 'no address in the error');

      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] }, 'not due yet');
      clock.advance(59_999);
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] }, 'still not due');
      assert.equal(smtp.messages.length, 0);
      clock.advance(1);
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 1, skipped: 0, failures: [] });
      assert.equal(smtp.messages.length, 1);
      assert.ok(smtp.messages[0]?.subject?.includes(booking.reference));
      const [sent] = await outboxRows(db);
      assert.deepEqual([sent?.status, sent?.attempts, sent?.sent_at], ['sent', 1, '2026-06-01T08:01:00.000Z']);
      for (let i = 0; i < 3; i++) {
        clock.advance(6 * 3600 * 1000);
        assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] });
      }
      assert.equal(smtp.messages.length, 1, 'sent once');
    });

    test('the backoff doubles from a minute up to six hours, and the twelfth failure gives up', async () => {
      assert.deepEqual(
        Array.from({ length: MAX_MAIL_ATTEMPTS }, (_, i) => retryDelayMs(i + 1) / 60_000),
        [1, 2, 4, 8, 16, 32, 64, 128, 256, 360, 360, 360],
      );
      const slot = await makeSlot(db, clock, activity);
      await book(db, clock, slot);
      smtp.refuseNext(1000);
      const reported: MailFailure[] = [];
      const job = mailDeliveryJob(db, clock, settings, (failure) => reported.push(failure));
      for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
        assert.equal(await runJobOnce(db, clock, 'test', job), 'ran');
        const [row] = await outboxRows(db);
        assert.equal(row?.attempts, attempt);
        assert.equal(row?.status, attempt < MAX_MAIL_ATTEMPTS ? 'pending' : 'failed');
        clock.advance(retryDelayMs(attempt));
      }
      assert.equal(reported.length, MAX_MAIL_ATTEMPTS, 'every failed attempt is reported');
      assert.deepEqual(
        reported.map((f) => f.gaveUp),
        [...Array(MAX_MAIL_ATTEMPTS - 1).fill(false), true],
      );
      assert.equal(reported.at(-1)?.kind, 'booking_received');
      smtp.refuseNext(0);
      clock.advance(24 * 3600 * 1000);
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] }, 'a failed mail stays failed');
      assert.equal(smtp.messages.length, 0);
    });

    test('two concurrent deliveries send each of several due mails exactly once', async () => {
      const slot = await makeSlot(db, clock, activity, { capacity: 200 });
      for (let i = 0; i < 8; i++) await book(db, clock, slot, { email: `group${i}@example.nl`, groupSize: 2 });
      const reports = await Promise.all([deliverDueMails(db, clock, settings), deliverDueMails(db, clock, settings)]);
      assert.equal(reports[0].sent + reports[1].sent, 8);
      assert.deepEqual([...reports[0].failures, ...reports[1].failures], []);
      const rows = await outboxRows(db);
      assert.equal(rows.length, 8);
      const counts = countByMessageId(smtp.messages);
      assert.deepEqual(
        rows.map((r) => counts.get(`<${r.id}@bookings.test>`)),
        rows.map(() => 1),
        'one message per outbox row',
      );
      assert.ok(rows.every((r) => r.status === 'sent'));
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] });
    });

    test('a relay that cannot be reached ends the run after one attempt; the others wait for the next run untried', async () => {
      const slot = await makeSlot(db, clock, activity, { capacity: 200 });
      for (let i = 0; i < 4; i++) await book(db, clock, slot, { email: `group${i}@example.nl`, groupSize: 2 });
      // Nothing listens on this port: the connection is refused, as by a relay that is down.
      const down = { ...settings, sender: smtpSender({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, publicUrl: TEST_PUBLIC_URL }) };
      const report = await deliverDueMails(db, clock, down);
      assert.deepEqual(
        report.failures.map(({ error, attempts, gaveUp }) => ({ error, attempts, gaveUp })),
        [{ error: 'ESOCKET', attempts: 1, gaveUp: false }],
      );
      assert.deepEqual((await outboxRows(db)).map((r) => [r.status, r.attempts]).sort(), [
        ['pending', 0],
        ['pending', 0],
        ['pending', 0],
        ['pending', 1],
      ]);
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 3, 'the untried ones go as soon as the relay answers');
      clock.advance(retryDelayMs(1));
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 1, 'the tried one after its backoff');
      assert.equal(smtp.messages.length, 4);
    });

    test('a reminder that no longer holds when due is skipped, not sent: an option confirmed before its warning', async () => {
      const slot = await makeSlot(db, clock, activity);
      const { booking } = await book(db, clock, slot, { email: 'snel@example.nl' });
      await deliverDueMails(db, clock, settings);
      smtp.messages.length = 0;
      const reminder = { bookingId: booking.id, recipient: booking.email, language: 'nl' } as const;
      await enqueueBookingMail(db, clock, { ...reminder, kind: 'option_expiring', dedupeKey: `option_expiring:${booking.id}` });
      await enqueueBookingMail(db, clock, { ...reminder, kind: 'visit_reminder', dedupeKey: `visit_reminder:${booking.id}` });
      await enqueueBookingMail(db, clock, { ...reminder, kind: 'option_placed', dedupeKey: `option_placed:${booking.id}` });
      // The booking is confirmed: the visit reminder holds; the option's warning and "option placed" do not.
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 1, skipped: 2, failures: [] });
      assert.deepEqual(
        smtp.messages.map((m) => m.subject?.includes(booking.reference)),
        [true],
      );
      const rows = await db
        .selectFrom('mail_outbox')
        .select(['kind', 'status', 'sent_at'])
        .where('kind', 'in', ['option_expiring', 'option_placed', 'visit_reminder'])
        .orderBy('kind')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.kind, r.status, r.sent_at === null]),
        [
          ['option_expiring', 'skipped', true],
          ['option_placed', 'skipped', true],
          ['visit_reminder', 'sent', false],
        ],
      );
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] });
    });

    test('a mail enqueued twice with the same dedupe key goes out once', async () => {
      const slot = await makeSlot(db, clock, activity);
      const { booking } = await book(db, clock, slot);
      const mail = {
        kind: 'manage_link',
        bookingId: booking.id,
        recipient: booking.email,
        language: 'en',
        dedupeKey: `manage_link:${booking.id}:x`,
      } as const;
      await enqueueBookingMail(db, clock, mail);
      await enqueueBookingMail(db, clock, mail);
      // createBooking queued booking_received:<id> already.
      await enqueueBookingMail(db, clock, { ...mail, kind: 'booking_received', dedupeKey: `booking_received:${booking.id}` });
      assert.equal((await deliverDueMails(db, clock, settings)).sent, 2);
      assert.deepEqual(smtp.messages.map((m) => m.subject).sort(), [
        `Boeking ${booking.reference} bevestigd: Testactiviteit`,
        `Your link for booking ${booking.reference}`,
      ]);
      const linkMail = smtp.messages.find((m) => m.subject?.startsWith('Your link'));
      assert.equal(linkMail?.attachments.length, 0, 'no calendar with the link');
    });

    test('staff notices carry both languages, the back-office link and no organiser link', async () => {
      const slot = await makeSlot(db, clock, activity);
      const { booking } = await book(db, clock, slot);
      await enqueueBookingMail(db, clock, {
        kind: 'staff_booking_changed',
        bookingId: booking.id,
        recipient: 'staff@example.nl',
        language: 'nl',
        detail: { change: 'group_size', from_group_size: 2, to_group_size: 4 },
        dedupeKey: `staff_booking_changed:${booking.id}:1:staff@example.nl`,
      });
      await deliverDueMails(db, clock, settings);
      const notice = smtp.messages.find((m) => m.headers.get('to') && m.to && !Array.isArray(m.to) && m.to.text === 'staff@example.nl');
      assert.ok(notice);
      assert.equal(
        notice.subject,
        `Boeking ${booking.reference} gewijzigd: aantal personen gewijzigd van 2 naar 4 / Booking ${booking.reference} changed: group size changed from 2 to 4`,
      );
      assert.ok(notice.text?.includes(`${TEST_PUBLIC_URL}/admin/bookings/${booking.id}`));
      assert.ok(notice.text?.includes('Testactiviteit') && notice.text.includes('Test activity'));
      assert.ok(!/\/(b|p)\//.test(`${notice.text}${String(notice.html)}`), 'no manage or participant link');
      assert.equal(notice.attachments.length, 0);
    });

    test('a mail about a booking is queued with its facts only: enqueueMail takes no booking mail', () => {
      const accountMail: Parameters<typeof enqueueMail>[2] = {
        kind: 'account_exists',
        bookingId: null,
        recipient: 'x@example.nl',
        language: 'nl',
        dedupeKey: 'k',
      };
      // @ts-expect-error a booking's mail goes through enqueueBookingMail, which takes the booking's facts
      const bookingMail: Parameters<typeof enqueueMail>[2] = { ...accountMail, kind: 'manage_link', bookingId: 'b' };
      assert.notEqual(bookingMail.kind, accountMail.kind);
    });

    test('a mail whose booking is gone is given up at once, not retried', async () => {
      // Past the types (a booking mail has a booking): straight into the outbox, as a damaged row would be.
      await insertOutboxMail(db, {
        id: newId(),
        at: clock.now().toISOString(),
        kind: 'manage_link',
        bookingId: null,
        recipient: 'x@example.nl',
        language: 'nl',
        dedupeKey: 'orphan',
      });
      const report = await deliverDueMails(db, clock, settings);
      assert.deepEqual(
        report.failures.map(({ error, attempts, gaveUp }) => ({ error, attempts, gaveUp })),
        [{ error: 'booking not found', attempts: 1, gaveUp: true }],
      );
      assert.equal((await outboxRows(db))[0]?.status, 'failed');
      clock.advance(24 * 3600 * 1000);
      assert.deepEqual(await deliverDueMails(db, clock, settings), { sent: 0, skipped: 0, failures: [] });
      assert.equal(smtp.messages.length, 0);
    });

    test('without an SMTP server mails are written as .eml files, owner-only, in the order they were sent', async () => {
      const files = { ...settings, sender: testMailDrop(dataDir) };
      assert.equal(files.sender.target, join(dataDir, 'mail'));
      const slot = await makeSlot(db, clock, activity);
      const { booking } = await book(db, clock, slot, { language: 'en' });
      await deliverDueMails(db, clock, files);
      clock.advance(1000);
      await enqueueBookingMail(db, clock, {
        kind: 'manage_link',
        bookingId: booking.id,
        recipient: booking.email,
        language: 'en',
        dedupeKey: 'again',
      });
      await deliverDueMails(db, clock, files);
      const dir = join(dataDir, 'mail');
      const names = readdirSync(dir);
      assert.equal(names.length, 2);
      assert.ok(names.every((n) => n.endsWith('.eml')));
      const ordered = [...names].sort();
      const parsed = await Promise.all(ordered.map((n) => simpleParser(readFileSync(join(dir, n)))));
      assert.deepEqual(
        parsed.map((m) => m.subject),
        [`Booking ${booking.reference} confirmed: Test activity`, `Your link for booking ${booking.reference}`],
      );
      assert.equal(parsed[0]?.attachments[0]?.filename, `${booking.reference}.ics`);
      assert.equal(calendarOf(parsed[0]!).event.summary, 'Test activity');
      assert.ok(typeof parsed[0]?.html === 'string' && parsed[0].text?.includes(booking.reference));
      for (const name of names) assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600);
      assert.equal(smtp.messages.length, 0);
      assert.ok((await outboxRows(db)).every((r) => r.status === 'sent'));
    });
  });
}
