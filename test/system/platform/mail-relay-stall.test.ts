import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { startSmtpServer, type TestSmtpServer } from '../../mail-server.js';
import { BOOKING_LIMITS_OFF, freePort, type ServerProcess, startServer } from '../../server-process.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

/**
 * Bookings per phase, and how many are under way at once. The bounds on the stalled phase are
 * generous (a loaded machine): a booking that waited for the relay would take its 30-second timeout.
 */
const BOOKINGS = 40;
const CONCURRENCY = 4;
/** The SMTP client's greeting timeout (src/adapters/smtp/smtp-sender.ts), and some margin. */
const GREETING_WAIT_MS = 45_000;

/** A relay that accepts TCP connections and never says a word; it counts the connections. */
async function startSilentRelay(port: number) {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    accepted: () => accepted,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
      await once(server, 'close');
    },
  };
}

/** Whom the relay's mails were addressed to. */
function recipients(smtp: TestSmtpServer): Set<string> {
  return new Set(smtp.messages.map((mail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '')));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

for (const dialect of testDialects()) {
  describe(`bookings while the mail relay stalls, over HTTP against a server process on ${dialect.name}`, () => {
    let database: TestDatabase;
    let relayPort: number;
    let smtp: TestSmtpServer | undefined;
    let silent: Awaited<ReturnType<typeof startSilentRelay>> | undefined;
    let server: ServerProcess;
    before(async () => {
      database = await dialect.create();
      relayPort = await freePort();
      smtp = await startSmtpServer(relayPort);
      server = await startServer({ ...database.env, ...BOOKING_LIMITS_OFF, GROUPZ_SMTP_URL: smtp.url });
    });
    after(async () => {
      await server.stop();
      await smtp?.close();
      await silent?.close();
      await database.close();
    });

    /** BOOKINGS bookings, CONCURRENCY at a time: each one's latency in ms, the whole in ms, the emails. */
    async function bookMany(slotId: string, phase: string, count = BOOKINGS) {
      const latencies: number[] = [];
      const emails = Array.from({ length: count }, (_, i) => `${phase}.${i}.${dialect.name}@example.nl`);
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < emails.length) {
            const email = emails[next++]!;
            const start = performance.now();
            const res = await fetch(`${server.url}/api/v1/bookings`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(bookingRequest(slotId, { email, groupSize: 2 })),
            });
            assert.equal(res.status, 201, await res.text());
            latencies.push(performance.now() - start);
          }
        }),
      );
      const total = performance.now() - started;
      latencies.sort((a, b) => a - b);
      return { emails, total, p50: percentile(latencies, 50), p95: percentile(latencies, 95), perSecond: (count * 1000) / total };
    }

    /** Waits until the outbox holds no mail still to send; retries' backoff is moved to now, as if it had passed. */
    async function allMailsSent() {
      const deadline = Date.now() + 45_000;
      for (;;) {
        await database.db
          .updateTable('mail_outbox')
          .set({ next_attempt_at: new Date().toISOString() })
          .where('status', '=', 'pending')
          .execute();
        const left = await database.db.selectFrom('mail_outbox').select('id').where('status', '!=', 'sent').execute();
        if (left.length === 0) return;
        assert.ok(Date.now() < deadline, `${left.length} mails not sent: ${server.logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }

    const figures = (f: Awaited<ReturnType<typeof bookMany>>) =>
      `p50 ${f.p50.toFixed(0)} ms, p95 ${f.p95.toFixed(0)} ms, ${f.perSecond.toFixed(1)} bookings/s`;

    test('bookings keep their pace with a relay that never answers; once it works again every queued mail arrives', async (t) => {
      const activity = await makeActivity(database.db, systemClock);
      const slot = await makeSlot(database.db, systemClock, activity, {
        date: addLocalDays(localDateOf(new Date()), 30),
        capacity: 4 * BOOKINGS * 2,
      });
      const warmup = await bookMany(slot.id, 'warmup');
      const healthy = await bookMany(slot.id, 'healthy');
      await allMailsSent();

      // The relay hangs: same port, connections accepted, not a byte sent back.
      assert.deepEqual(recipients(smtp!), new Set([...warmup.emails, ...healthy.emails]), 'the healthy relay had every mail');
      await smtp!.close();
      smtp = undefined;
      silent = await startSilentRelay(relayPort);
      // A first booking wakes the outbox job, which the relay then holds while the others are measured.
      const first = await bookMany(slot.id, 'first', 1);
      const held = Date.now() + 20_000;
      while (silent.accepted() === 0) {
        assert.ok(Date.now() < held, `the outbox job never reached the stalled relay: ${server.logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const stalled = await bookMany(slot.id, 'stalled');
      t.diagnostic(`healthy relay: ${figures(healthy)}`);
      t.diagnostic(`stalled relay: ${figures(stalled)}`);
      assert.ok(stalled.p95 <= healthy.p95 * 3 + 1000, `stalled ${figures(stalled)} against healthy ${figures(healthy)}`);
      assert.ok(stalled.perSecond >= healthy.perSecond / 4, `stalled ${figures(stalled)} against healthy ${figures(healthy)}`);

      // The client gives up on the silent relay at its greeting timeout, and tries no other mail in that run.
      const deadline = Date.now() + GREETING_WAIT_MS;
      while (!server.logs().includes('ETIMEDOUT')) {
        assert.ok(Date.now() < deadline, `no timeout logged: ${server.logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const stalledMails = await database.db
        .selectFrom('mail_outbox')
        .select(['status', 'attempts', 'last_error'])
        .where('recipient', 'in', [...first.emails, ...stalled.emails])
        .execute();
      assert.equal(stalledMails.length, BOOKINGS + 1);
      assert.deepEqual(
        stalledMails.filter((mail) => mail.attempts > 0),
        [{ status: 'pending', attempts: 1, last_error: 'ETIMEDOUT' }],
        'one mail tried in the run the relay held, kept for a retry; the others untried',
      );
      assert.ok(
        stalledMails.every((mail) => mail.status === 'pending'),
        'no mail of the stalled phase went anywhere',
      );

      // A working relay on the same port: the queued mails go, the retried ones once their backoff
      // has passed (moved to now here rather than waited for; the minute is the unit tests' concern).
      await silent.close();
      silent = undefined;
      smtp = await startSmtpServer(relayPort);
      await allMailsSent();
      assert.deepEqual(
        recipients(smtp),
        new Set([...first.emails, ...stalled.emails]),
        'the working relay got every mail queued while the other stalled',
      );
      assert.ok(!server.logs().includes('given up'), 'no mail given up');
    });
  });
}
