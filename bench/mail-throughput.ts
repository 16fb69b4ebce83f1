import { randomBytes } from 'node:crypto';
import mailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { smtpSender } from '../src/adapters/smtp/smtp-sender.js';
import { connectWithoutDelay } from '../src/adapters/smtp/smtp-socket.js';
import { deliverDueMails, MAIL_CONCURRENCY, type MailDeliverySettings } from '../src/core/mail/mail-delivery.service.js';
import { systemClock } from '../src/core/shared/clock.js';
import { deriveLinkKey } from '../src/core/shared/link-key.js';
import { addStaff } from '../src/core/staff/staff.service.js';
import type { Db } from '../src/db/schema.js';
import { bookAsFastAsPossible } from './booking-runs.js';
import { bookInProcess, IN_PROCESS_CALLERS } from './in-process-bookings.js';
import { markStaffSetUp, pendingMailIds } from './mail.repository.js';
import { MAX_SLOT_CAPACITY, seedActivity, seedSlots, seedVenue } from './seed.js';
import { SlotPool } from './slot-pool.js';
import { type ReceivedMail, startSmtpSink } from './smtp-sink.js';

/** Bookings the phase places for each second of `--duration`: 1,000 (2,000 mails) at the default 5. */
export const MAIL_BOOKINGS_PER_SECOND = 200;
/** As bookInProcess's: the host the mails' links and Message-IDs name. */
const PUBLIC_URL = 'http://127.0.0.1';
const FROM = 'Groupz <no-reply@127.0.0.1>';
const SLOTS = 10;
/** Long enough for any machine to place the bookings; the phase reports how many it placed. */
const BOOKING_SECONDS = 60;

export interface MailFigures {
  /** Bookings placed in-process, each queueing a mail to its organiser and a notice to the venue's manager. */
  bookings: number;
  /** Mails waiting in the outbox when the delivery started. */
  queued: number;
  /** Mails deliverDueMails reported sent. */
  sent: number;
  /** Failed attempts (such a mail waits a minute for its next, so it is missing). */
  failures: number;
  /** Messages the SMTP server accepted. */
  received: number;
  /** Queued mails whose Message-ID never arrived. */
  missing: number;
  /** Messages beyond the first with the same Message-ID. */
  duplicates: number;
  meanBytes: number;
  /** From the first call of deliverDueMails until the outbox was empty. */
  seconds: number;
  mailsPerSecond: number;
  /** The pool's connections, and the mails under way at once. */
  connections: number;
  /** The same messages, byte for byte, sent straight through one pooled nodemailer transport of the same size. */
  reference: { received: number; seconds: number; mailsPerSecond: number };
  /** mailsPerSecond / reference.mailsPerSecond */
  share: number;
  /** Every queued mail arrived exactly once. */
  passed: boolean;
}

/**
 * The SMTP server's own limit, as near as a client gets: the messages sent again as they were
 * received, MAIL_CONCURRENCY at a time over one pool of as many connections, opened as the
 * platform opens them (smtp-socket.ts), without rendering or the outbox.
 */
async function sendStraight(url: string, mails: readonly ReceivedMail[]): Promise<number> {
  const transport = mailer.createTransport(
    new SMTPPool({ url, pool: true, maxConnections: MAIL_CONCURRENCY, getSocket: connectWithoutDelay }),
  );
  const queue = [...mails];
  const start = performance.now();
  const sender = async () => {
    for (let mail = queue.shift(); mail; mail = queue.shift())
      await transport.sendMail({ envelope: { from: mail.from, to: mail.to }, raw: mail.raw });
  };
  await Promise.all(Array.from({ length: MAIL_CONCURRENCY }, sender));
  const seconds = (performance.now() - start) / 1000;
  transport.close();
  return seconds;
}

/**
 * The mail outbox's throughput: a venue with one manager takes `seconds` × MAIL_BOOKINGS_PER_SECOND
 * bookings in-process, then deliverDueMails runs as `groupz serve` runs it (again at once while a run
 * ends with mails still due) over the platform's SMTP sender to a server on loopback until the
 * outbox is empty; then the reference (sendStraight). Counts every queued mail's Message-ID at the
 * server. Must run while no platform process sends the outbox's mails. Returns the bookings'
 * references, for the oversell check.
 */
export async function measureMail(db: Db, seconds: number): Promise<{ figures: MailFigures; references: string[] }> {
  const sink = await startSmtpSink();
  const venue = await seedVenue(db, 'bench-mail');
  const slots = await seedSlots(db, await seedActivity(db, venue, 'mail'), SLOTS, MAX_SLOT_CAPACITY, 7);
  const manager = { email: 'manager@bench-mail.test', name: 'Bench Manager', role: 'manager' as const, venue: venue.slug };
  await markStaffSetUp(db, (await addStaff(db, systemClock, manager, null)).member.id);
  const linkKey = deriveLinkKey(randomBytes(32));
  const pool = new SlotPool(slots, 'spread');
  const count = seconds * MAIL_BOOKINGS_PER_SECOND;
  const booked = await bookAsFastAsPossible(bookInProcess(db, linkKey), pool, IN_PROCESS_CALLERS, BOOKING_SECONDS, count);

  const queued = (await pendingMailIds(db)).map((id) => `<${id}@${new URL(PUBLIC_URL).hostname}>`);
  const settings: MailDeliverySettings = {
    sender: smtpSender({ smtpUrl: sink.url, publicUrl: PUBLIC_URL }),
    linkKey,
    publicUrl: PUBLIC_URL,
    from: FROM,
    secretKey: randomBytes(32),
  };
  let sent = 0;
  let failures = 0;
  const start = performance.now();
  for (let more = true; more;) {
    const report = await deliverDueMails(db, systemClock, settings);
    sent += report.sent;
    failures += report.failures.length;
    more = report.more === true;
  }
  const deliverySeconds = (performance.now() - start) / 1000;

  const arrived = sink.messageIds;
  const missing = queued.filter((id) => !arrived.has(id)).length;
  const duplicates = [...arrived.values()].reduce((sum, n) => sum + n - 1, 0);
  const mails = sink.received;
  sink.reset();
  const referenceSeconds = await sendStraight(sink.url, mails);
  const reference = { received: sink.received.length, seconds: referenceSeconds, mailsPerSecond: mails.length / referenceSeconds };
  await sink.close();
  const mailsPerSecond = sent / deliverySeconds;
  return {
    figures: {
      bookings: booked.bookings,
      queued: queued.length,
      sent,
      failures,
      received: mails.length,
      missing,
      duplicates,
      meanBytes: mails.reduce((sum, m) => sum + m.raw.length, 0) / Math.max(1, mails.length),
      seconds: deliverySeconds,
      mailsPerSecond,
      connections: MAIL_CONCURRENCY,
      reference,
      share: mailsPerSecond / reference.mailsPerSecond,
      passed: queued.length > 0 && missing === 0 && duplicates === 0,
    },
    references: booked.references,
  };
}
