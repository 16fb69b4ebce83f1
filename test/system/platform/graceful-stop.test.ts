import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { type LoadRecord, type Outcome, postJson, bookContinuously, tally } from '../../http-outcomes.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { STOP_GRACE_SECONDS } from '../../../src/cli/serve.command.js';
import { MAIL_DELIVERY_JOB } from '../../../src/core/mail/mail-delivery.service.js';
import { LEASE_AFTER_STOP_SECONDS } from '../../../src/core/jobs/scheduler.js';
import type { Activity } from '../../../src/core/catalog/activity.js';
import { MAX_GROUP_SIZE } from '../../../src/core/shared/group-size.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

const WORKERS = 8;

/** Waits until `done()`; fails after `seconds`. */
async function until(done: () => boolean, what: string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!done()) {
    assert.ok(Date.now() < deadline, `gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** SIGTERM; resolves with the exit code and how long the exit took. */
async function terminate(server: ServerProcess): Promise<{ code: number | null; ms: number }> {
  const start = Date.now();
  const exited = once(server.process, 'exit') as Promise<[number | null]>;
  server.process.kill('SIGTERM');
  const [code] = await exited;
  return { code, ms: Date.now() - start };
}

/** Every 201 stored, and nothing stored that was not answered 201. */
async function assertStored(database: TestDatabase, slotId: string, load: LoadRecord) {
  const rows = await database.db.selectFrom('bookings').select('reference').where('slot_id', '=', slotId).execute();
  const stored = new Set(rows.map((row) => row.reference));
  assert.deepEqual(
    load.references.filter((reference) => !stored.has(reference)),
    [],
    'every booking answered 201 is stored',
  );
  assert.equal(rows.length, load.references.length, 'every booking stored was answered 201');
}

/** An SMTP server that takes messages, but while `holding` never answers their data. */
async function holdingSmtp() {
  const received: string[] = [];
  let held = 0;
  let holding = true;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The platform's pooled connections end at the close, not 30 seconds later (as in test/mail-server.ts).
    closeTimeout: 50,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (holding) held++;
        else {
          received.push(Buffer.concat(chunks).toString());
          callback();
        }
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    held: () => held,
    release: () => (holding = false),
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

const answered201 = (outcome: Outcome) => outcome.kind === 'answered' && outcome.status === 201;

/**
 * Round robin over the live instances, the way a load balancer sends requests: over keep-alive
 * connections to each, and to another instance only when the connection was refused (nothing was
 * sent).
 */
function forwarder(live: ServerProcess[]) {
  const agents = new Map<ServerProcess, Agent>();
  let next = 0;
  let retries = 0;
  return {
    retries: () => retries,
    async send(body: unknown): Promise<Outcome> {
      for (let attempt = 1; ; attempt++) {
        const server = live[next++ % live.length]!;
        if (!agents.has(server)) agents.set(server, new Agent({ keepAlive: true }));
        const outcome = await postJson(`${server.url}/api/v1/bookings`, body, agents.get(server)!);
        if (outcome.kind !== 'refused' || attempt >= 100) return outcome;
        retries++;
      }
    },
    close: () => agents.forEach((agent) => agent.destroy()),
  };
}

for (const dialect of testDialects()) {
  describe(`a platform process stopped with SIGTERM under a booking load, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let activity: Activity;
    const servers: ServerProcess[] = [];
    before(async () => {
      database = await dialect.create();
      activity = await makeActivity(database.db, systemClock);
    });
    after(async () => {
      await Promise.all(servers.map((server) => server.stop('SIGKILL')));
      await database.close();
    });
    // A slot of its own for each test, to count what it stored.
    const date = addLocalDays(localDateOf(new Date()), 30);
    const newSlot = async (time: string) =>
      (await makeSlot(database.db, systemClock, activity, { date, time, capacity: MAX_GROUP_SIZE })).id;
    const start = async (env: Record<string, string> = database.env) => {
      const server = await startServer({ ...env, ...BOOKING_LIMITS_OFF });
      servers.push(server);
      return server;
    };

    test('answers every request it took in whole, keeps every 201 and exits 0 within the grace', { timeout: 120_000 }, async (t) => {
      const slotId = await newSlot('10:00');
      const server = await start();
      // Keep-alive connections, as browsers hold them: busy ones at the SIGTERM are answered and closed.
      const agent = new Agent({ keepAlive: true, maxSockets: WORKERS });
      const url = `${server.url}/api/v1/bookings`;
      let exit: { code: number | null; ms: number } | undefined;
      const { record: load, done } = bookContinuously({
        workers: WORKERS,
        slotId,
        send: (body) => postJson(url, body, agent),
        keepGoing: () => exit === undefined,
        endOnRefusal: true,
      });
      await until(() => load.references.length >= 100, '100 bookings');
      exit = await terminate(server);
      await done;
      agent.destroy();

      const counts = tally(load.outcomes);
      t.diagnostic(`outcomes: ${JSON.stringify(counts)}; exit ${exit.code} after ${exit.ms} ms`);
      assert.ok(load.references.length > 20, `the load was under way: ${JSON.stringify(counts)}`);
      assert.deepEqual(
        load.outcomes.filter((o) => !answered201(o) && o.kind !== 'refused' && o.kind !== 'unanswered'),
        [],
        'every answer begun is whole and a 201',
      );
      const closing = load.outcomes.filter((o) => o.kind === 'answered' && o.connection === 'close');
      assert.ok(closing.length > 0, 'requests under way at the SIGTERM were answered, with Connection: close');
      await assertStored(database, slotId, load);
      assert.equal(exit.code, 0, server.stderr());
      assert.ok(exit.ms < (STOP_GRACE_SECONDS + 5) * 1000, `exited after ${exit.ms} ms`);
    });

    test('a rolling restart of two instances under load drops no request', { timeout: 240_000 }, async (t) => {
      const slotId = await newSlot('14:00');
      const live = [await start(), await start()];
      const balancer = forwarder(live);
      let loading = true;
      const { record: load, done } = bookContinuously({
        workers: WORKERS,
        slotId,
        send: (body) => balancer.send(body),
        keepGoing: () => loading,
      });
      const exits: { code: number | null; ms: number }[] = [];
      for (const old of [...live]) {
        const booked = load.references.length;
        await until(() => load.references.length >= booked + 50, '50 more bookings');
        // The new instance joins; the old one leaves the rotation as it gets its SIGTERM (see
        // docs/operations.md, Stopping): requests the balancer sent it already are answered, a
        // connection it refuses goes to another instance.
        live.push(await start());
        live.splice(live.indexOf(old), 1);
        exits.push(await terminate(old));
      }
      const booked = load.references.length;
      await until(() => load.references.length >= booked + 50, '50 bookings on the new instances');
      loading = false;
      await done;
      balancer.close();

      t.diagnostic(
        `outcomes: ${JSON.stringify(tally(load.outcomes))}; ${balancer.retries()} refused connections retried; exits ${JSON.stringify(exits)}`,
      );
      assert.deepEqual(
        load.outcomes.filter((o) => !answered201(o)),
        [],
        'every request is answered 201',
      );
      await assertStored(database, slotId, load);
      assert.deepEqual(
        exits.map((e) => e.code),
        [0, 0],
      );
      assert.ok(
        exits.every((e) => e.ms < (STOP_GRACE_SECONDS + 5) * 1000),
        'each exits within the grace and its closing',
      );
    });

    test(
      'shortens the lease of a job run it cut short, so that the next instance runs the job soon after',
      { timeout: 120_000 },
      async () => {
        const smtp = await holdingSmtp();
        // A database of its own: the outbox holds no mail of the loads above.
        const own = await dialect.create();
        try {
          const slotId = (await makeSlot(own.db, systemClock, await makeActivity(own.db, systemClock), { date, capacity: 10 })).id;
          const env = { ...own.env, GROUPZ_SMTP_URL: smtp.url };
          const first = await start(env);
          const book = async (email: string) => {
            const booked = await postJson(`${first.url}/api/v1/bookings`, bookingRequest(slotId, { email }), false);
            assert.equal(booked.kind === 'answered' && booked.status, 201, JSON.stringify(booked));
          };
          await book('held@example.nl');
          // The outbox job sends the booking's mail, and waits for the server to take it.
          await until(() => smtp.held() > 0, 'the mail run to wait on the SMTP server');
          // A mail for the next run (the held one stays claimed by its run for 5 minutes).
          await book('next@example.nl');
          const lease = () => own.db.selectFrom('job_leases').selectAll().where('name', '=', MAIL_DELIVERY_JOB).executeTakeFirstOrThrow();
          const taken = await lease();
          assert.ok(taken.expires_at > new Date().toISOString(), 'the run under way holds the lease');

          const exit = await terminate(first);
          assert.equal(exit.code, 0, first.stderr());
          assert.ok(exit.ms >= STOP_GRACE_SECONDS * 1000 - 100, `the stop waited its grace for the run: ${exit.ms} ms`);
          assert.ok(exit.ms < (STOP_GRACE_SECONDS + 5) * 1000, `exited after ${exit.ms} ms`);
          const given = await lease();
          assert.equal(given.holder, taken.holder);
          // Ended shortly after the process (never while the run it cut short may still run), not at its full length.
          const exited = Date.now();
          const ends = Date.parse(given.expires_at);
          assert.ok(ends > exited, `the lease outlasts the process: ${given.expires_at}`);
          assert.ok(ends <= exited + LEASE_AFTER_STOP_SECONDS * 1000, `the lease ends soon after the stop, not at ${taken.expires_at}`);

          // The next instance runs the job once that has passed, not once the lease (10 minutes) would have expired.
          smtp.release();
          const second = await start(env);
          await until(() => smtp.received.some((mail) => mail.includes('next@example.nl')), 'the next instance to send the mail', 60);
          await terminate(second);
        } finally {
          await smtp.close();
          await own.close();
        }
      },
    );
  });
}
