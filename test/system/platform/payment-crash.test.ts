import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, type TestDialect, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { integrityProblems } from '../../integrity.js';
import { mollieEnv, TEST_MOLLIE_KEY } from '../../mollie/payments.js';
import { type MollieStandIn, startMollieStandIn } from '../../mollie/stand-in.js';
import { type ServerProcess, startServer } from '../../server-process.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';
import { connectDatabase, type DatabaseHandle } from '../../../src/db/connect.js';

const PAID_IN_FULL = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 } as const;

/** How the paid payment reaches Groupz after the restart. */
const WAYS = ['the return page', 'the next webhook'] as const;
/** When the kill comes: while Groupz handles the webhook, or before any webhook arrived. */
const KILLS = ['during the webhook', 'before the webhook'] as const;

interface Paying {
  reference: string;
  /** The manage page's path. */
  manage: string;
  providerId: string;
  /** The return page's path. */
  returnPath: string;
}

function crashSuite(dialect: TestDialect) {
  describe(`a server killed -9 between Mollie's "paid" and recording it, restarted, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let mollie: MollieStandIn;
    let reading: DatabaseHandle | undefined;
    const servers: ServerProcess[] = [];
    let slotId = '';
    /** The server the stand-in's webhook calls go to now (the URL Mollie keeps names the killed one's port). */
    let current: ServerProcess | undefined;

    before(async () => {
      database = await dialect.create();
      mollie = await startMollieStandIn({ keys: [TEST_MOLLIE_KEY], webhooks: 'drop' });
      mollie.deliverWebhooksWith(async (url, body) => {
        const target = new URL(url);
        const res = await fetch(`${current!.url}${target.pathname}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
          redirect: 'manual',
        });
        await res.arrayBuffer();
        return res.status;
      });
      const activity = await makeActivity(database.db, systemClock, { payment: PAID_IN_FULL });
      slotId = (await makeSlot(database.db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 100 })).id;
      if (dialect.name === 'sqlite') await database.db.destroy();
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      if (reading && reading !== database) await reading.close();
      await mollie?.close();
      await database?.close().catch(() => undefined);
    });

    async function serve(): Promise<ServerProcess> {
      const server = await startServer({ ...database.env, ...mollieEnv(mollie, TEST_MOLLIE_KEY) });
      servers.push(server);
      current = server;
      return server;
    }

    async function kill(server: ServerProcess): Promise<void> {
      if (server.process.exitCode === null && server.process.signalCode === null) {
        server.process.kill('SIGKILL');
        await once(server.process, 'exit');
      }
      assert.equal(server.process.signalCode, 'SIGKILL');
    }

    /** Books through the API and opens the pay link: the payment is open at the stand-in. */
    async function startPaying(server: ServerProcess): Promise<Paying> {
      const res = await fetch(`${server.url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingRequest(slotId, { groupSize: 4 })),
      });
      const created = (await res.json()) as { reference: string; manageUrl: string; status: string; payment: { url: string } | null };
      assert.equal(res.status, 201, JSON.stringify(created));
      assert.equal(created.status, 'awaiting_payment');
      const pay = await fetch(created.payment!.url, { redirect: 'manual' });
      assert.equal(pay.status, 303);
      const providerId = String(pay.headers.get('location')).split('/').pop()!;
      const returnPath = new URL(mollie.payment(providerId)!.redirectUrl).pathname;
      return { reference: created.reference, manage: new URL(created.manageUrl).pathname, providerId, returnPath };
    }

    /** The booking's status and its money as the database holds them; history and mails counted. */
    async function stored(db: DatabaseHandle, reference: string) {
      const booking = await db.db
        .selectFrom('bookings')
        .select(['id', 'status'])
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      const payments = await db.db.selectFrom('payments').select(['status']).where('booking_id', '=', booking.id).execute();
      const history = await db.db.selectFrom('activity_log').select('action').where('target', '=', reference).execute();
      const mails = await db.db.selectFrom('mail_outbox').select('kind').where('booking_id', '=', booking.id).execute();
      return {
        status: booking.status,
        payments: payments.map((p) => p.status),
        history: history.map((h) => h.action),
        mails: mails.map((m) => m.kind),
      };
    }

    for (const killed of KILLS) {
      for (const way of WAYS) {
        test(`killed ${killed}, settled by ${way}: nothing lost, confirmed once`, { timeout: 120_000 }, async () => {
          const first = await serve();
          const paying = await startPaying(first);
          mollie.setStatus(paying.providerId, 'paid');
          if (killed === 'during the webhook') {
            // The webhook and the kill at once: Groupz may have recorded it, or not; Mollie saw no answer or a 200.
            const call = mollie.callWebhook(paying.providerId);
            first.process.kill('SIGKILL');
            await call;
          }
          await kill(first);

          const second = await serve();
          if (way === 'the return page') {
            const page = await fetch(`${second.url}${paying.returnPath}`);
            const html = await page.text();
            assert.equal(page.status, 200);
            assert.match(html, /data-outcome="paid"/);
          } else {
            assert.equal(await mollie.callWebhook(paying.providerId), 200);
          }
          // Mollie reports again (it retries until it gets a 200): nothing changes twice.
          assert.equal(await mollie.callWebhook(paying.providerId), 200);
          reading ??=
            dialect.name === 'sqlite' ? connectDatabase({ sqliteFile: join(database.env.GROUPZ_DATA_DIR!, 'groupz.sqlite') }) : database;
          const after = await stored(reading, paying.reference);
          assert.equal(after.status, 'confirmed');
          assert.deepEqual(after.payments, ['paid']);
          const confirmedEntries = after.history.filter((action) => action !== 'booking.created');
          assert.equal(new Set(confirmedEntries).size, confirmedEntries.length, `each entry once: ${after.history.join(', ')}`);
          assert.equal(new Set(after.mails).size, after.mails.length, `each mail once: ${after.mails.join(', ')}`);
          const manage = await (await fetch(`${second.url}${paying.manage}`)).text();
          assert.match(manage, /data-status="paid"/);
          assert.deepEqual(await integrityProblems(reading), []);
          await second.stop();
        });
      }
    }
  });
}

for (const dialect of testDialects()) crashSuite(dialect);
