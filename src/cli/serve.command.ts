import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { diskSpaceOf } from '../adapters/disk/disk-space.js';
import { sharpImages } from '../adapters/images/sharp-images.js';
import { mollieProvider } from '../adapters/mollie/mollie-provider.js';
import { buildApp } from '../app.js';
import { auditSite } from '../audit/audit.js';
import { deriveLinkKey } from '../core/shared/link-key.js';
import { bookingLifecycleJob } from '../core/booking-flows/booking-lifecycle.service.js';
import { balanceReminderJob } from '../core/booking-flows/balance-reminder.service.js';
import { systemClock } from '../core/shared/clock.js';
import { addDemoPhotos, seedDemoCatalogue } from '../core/demo/demo-catalogue.js';
import { startInstanceHeartbeat } from '../core/jobs/instance-heartbeat.service.js';
import { type Job, startScheduler } from '../core/jobs/scheduler.js';
import { jobWatchJob } from '../core/job-watch/job-watch.service.js';
import { applyRetention, retentionJob } from '../core/privacy/retention.service.js';
import { mailDropPruner } from '../adapters/mail-drop/mail-drop-pruning.js';
import { MAIL_DELIVERY_JOB, mailDeliveryJob } from '../core/mail/mail-delivery.service.js';
import { mailDrop } from '../adapters/mail-drop/mail-drop.js';
import { smtpSender } from '../adapters/smtp/smtp-sender.js';
import { selfAuditJob } from '../core/self-audit/self-audit.service.js';
import { backupJob } from '../core/backups/backup-run.service.js';
import { backupSetupProblems } from '../core/backups/backup-preflight.js';
import { ConfigError, loadConfig } from '../config.js';
import { backupAccess, backupContextOf, logBackupOutcome } from './backup-context.js';
import { staffSweepJob } from '../core/staff/staff-sweep.service.js';
import { refundJob } from '../core/booking-flows/refund.service.js';
import { paymentCheckJob } from '../core/booking-flows/payment-check.service.js';
import { voucherExpiryJob } from '../core/vouchers/voucher-expiry.service.js';
import { databaseWatch } from '../core/watch/database-watch.service.js';
import { checkDiskSpace } from '../core/watch/disk-watch.service.js';
import { startWatchLoop } from '../core/watch/watch-loop.js';
import { setBackgroundCheckpoints } from '../db/sqlite-checkpoints.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { watchEventLoopLoad } from '../server/event-loop-load.js';
import { limitHeapGrowth } from '../server/heap-growth.js';
import { startServing } from '../server/serving.js';
import { createLogger } from '../web/plugins/logging.js';
import type { Command } from './command.js';
import { openRuntime } from './runtime.js';
import { secretKeyOf } from './secret-key.js';
import { listenForStopSignals } from './stop-signals.js';

/** How long a stop waits for the requests and job runs under way (docs/operations.md). */
export const STOP_GRACE_SECONDS = 10;

/**
 * How long after the platform listens the jobs' first runs wait: a start's first requests are then
 * not queued behind them (docs/performance.md, "Cold start (7 December 2026, afternoon)").
 */
export const FIRST_RUNS_AFTER_MS = 1_000;

/**
 * How long after `serve` begins SQLite's checkpoint worker starts: the thread's start (a JavaScript
 * isolate, about 80 ms of CPU: docs/performance.md, "Cold start (7 December 2026, afternoon)") then
 * does not compete with the app's and the first requests'.
 */
export const CHECKPOINTS_AFTER_MS = 1_000;

/** How long each of a stop's last steps (the heartbeat's removal, closing the database) may take: within LEASE_AFTER_STOP_SECONDS together. */
const CLOSE_STEP_MS = 2_000;

/** Waits for `step` for at most `ms`. */
async function atMost(ms: number, step: Promise<unknown> | undefined): Promise<'done' | 'gave up'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'gave up'>((resolve) => (timer = setTimeout(() => resolve('gave up'), ms)));
  try {
    return await Promise.race([Promise.resolve(step).then(() => 'done' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

export const serveCommand: Command = {
  summary: 'run the platform (migrates the database first)',
  usage: `Usage: groupz serve

Runs the platform. With GROUPZ_TLS=off (the default) plain HTTP on GROUPZ_HOST:PORT (default
127.0.0.1:3000); with GROUPZ_TLS=files or acme HTTPS on GROUPZ_HTTPS_PORT and, on GROUPZ_HTTP_PORT,
ACME challenges and redirects to https. Applies pending migrations first and, with
GROUPZ_DEMO=auto on a database without venues, loads the demo catalogue (and on every start adds
the demo pictures still missing). Runs the background jobs (their first runs a second after it
listens), each on one instance at a time: every minute it deletes expired back-office sessions and
the decayed counters of the sign-in throttle and of the booking limits (after three hours without
a booking), expires options at their deadline, sends option and
visit reminders and completes past visits, ends unpaid payment windows, sends pending refunds and
asks Mollie about payments left open for more than 10 minutes; every hour it expires the balance of gift
vouchers past their date and removes or anonymises the personal data past its period
(GROUPZ_RETENTION_*; also once before it starts serving, so a restored backup is brought up to date); every 15 seconds, and half a second
after a request that may have queued one, it sends the mails of the outbox
(over GROUPZ_SMTP_URL, or as .eml files into <data dir>/mail/). With an https GROUPZ_PUBLIC_URL,
audits that address (as \`groupz audit\` does) once it listens and every 24 hours after. With a
backup repository configured, backs up nightly at GROUPZ_BACKUP_TIME (as \`groupz backup run\`
does), at once when a location is more than a day behind, and mails the admins about failures.
Every GROUPZ_WATCH_INTERVAL seconds it looks at the free space of the data directory and mails
the admins once when it falls below GROUPZ_DISK_WARN_PERCENT or GROUPZ_DISK_WARN_SIZE, and once
when it is back; with PostgreSQL, likewise when the database stops answering and answers again.
Every minute it looks for a job stuck in a run (longer than its lease) or failing run after run
(for three of its intervals, at least ten minutes): it logs "job stuck", mails the admins once
and shows it on the back office's Security page.
While it runs, it records itself (host, pid) in the database every 10 seconds, so that
\`groupz backup restore\` refuses to replace the data under it. On SIGTERM or SIGINT it stops
taking connections, lets the requests and job runs under way finish (at most 10 seconds), gives
the job leases back, closes the database and exits (during the start: once the migrations are
done, before it listens). A repeat of the signal within a second is the same request; a later
second signal ends it at once. Settings: see docs/configuration.md.`,
  async run() {
    // First: the heap of a long-running process under load (src/server/heap-growth.ts).
    limitHeapGrowth();
    const config = loadConfig();
    // Like the certificate files: a backup that would fail every night stops the start instead.
    const backupProblems = config.backup
      ? backupSetupProblems(backupAccess(config.backup), config.databaseUrl ? 'postgres' : 'sqlite')
      : [];
    if (backupProblems.length > 0) throw new ConfigError(backupProblems);
    const log = createLogger(config.logLevel);
    // From here: a signal while the migrations run lets them finish (on SQLite they are no one
    // transaction), and the start then ends before it listens.
    const signals = listenForStopSignals();
    // The long-running process: SQLite's WAL is copied in a worker thread, off the event loop.
    setBackgroundCheckpoints(true, delay(CHECKPOINTS_AFTER_MS, undefined, { ref: false }));
    const { database } = await openRuntime(config, (bookings) => log.debug({ bookings }, 'bookings committed together'));
    let stopHeartbeat: (() => Promise<void>) | undefined;
    try {
      stopHeartbeat = await startInstanceHeartbeat(database.db, systemClock, (error) => log.error({ err: error }, 'heartbeat failed'));
      if (config.demo === 'auto') await seedDemoCatalogue(database.db, systemClock);
      const auth = {
        secretKey: secretKeyOf(config),
        idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
        absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
      };
      const selfAudit = config.publicUrl.startsWith('https:') ? (now: Date) => auditSite({ url: config.publicUrl, now }) : undefined;
      // Mollie through its official client, at GROUPZ_MOLLIE_API_URL (Mollie's own; tests: a local stand-in).
      const payments = {
        provider: mollieProvider(config.payments.apiUrl),
        platformKey: config.payments.apiKey,
        windowMinutes: config.payments.windowMinutes,
      };
      // Personal data past its period goes before anything is served: after a restore from a backup or a
      // crash too. Not under the job's lease, which a killed instance may still hold: the run is safe to
      // repeat and to overlap, each removal being conditional on what the row still holds.
      const retentionContext = { limits: config.retention, pruneMailFiles: mailDropPruner(config.dataDir) };
      await applyRetention(database.db, systemClock, retentionContext).catch((error: unknown) =>
        log.error({ err: error }, 'retention before serving failed; the hourly job tries again'),
      );
      // A change a request made may have queued mail: the outbox job runs half a second later (once
      // for all the changes of that half second) instead of at its next poll, which stays for the
      // mails other processes and the jobs queue, and for retries.
      let wakeMailDelivery = () => {};
      // Over SMTP when a server is set; otherwise as .eml files into <data dir>/mail/.
      const message = { publicUrl: config.publicUrl, dkim: config.dkim };
      const mailSender = config.smtpUrl
        ? smtpSender({ ...message, smtpUrl: config.smtpUrl })
        : mailDrop({ ...message, dataDir: config.dataDir });
      const mailSettings = {
        sender: mailSender,
        linkKey: deriveLinkKey(auth.secretKey),
        publicUrl: config.publicUrl,
        from: config.mailFrom,
        // Opens gift vouchers' sealed codes as their mails go out (the outbox keeps none).
        secretKey: auth.secretKey,
      };
      // Whether requests come in while the event loop or the database has its hands full (a rush): the outbox gives way then.
      const eventLoopLoad = watchEventLoopLoad({ waiting: database.waiting });
      const paymentContext = { settings: payments, secretKey: auth.secretKey, publicUrl: config.publicUrl };
      const jobs: Job[] = [
        bookingLifecycleJob(database.db, systemClock, paymentContext),
        // Refunds Mollie did not take at once, and the status of those it has, every minute.
        refundJob(database.db, systemClock, paymentContext),
        // Payments whose webhook may be lost (a balance, one pending at the bank), asked about every minute.
        paymentCheckJob(database.db, systemClock, paymentContext),
        staffSweepJob(database.db, systemClock, auth),
        balanceReminderJob(database.db, systemClock),
        retentionJob(database.db, systemClock, retentionContext),
        voucherExpiryJob(database.db, systemClock),
        mailDeliveryJob(
          database.db,
          systemClock,
          mailSettings,
          ({ id, kind, attempts, error, gaveUp }) =>
            gaveUp
              ? log.error({ outboxId: id, kind, attempts, error }, 'mail failed; given up')
              : log.warn({ outboxId: id, kind, attempts, error }, 'mail attempt failed; will retry'),
          // A run that stopped with mails still due: the next follows at once, not at the poll.
          () => wakeMailDelivery(),
          // A mail can wait seconds, an answer cannot: while the loop is busy, the outbox waits (at most MAX_GIVE_WAY_MS).
          eventLoopLoad.busy,
        ),
        ...(selfAudit ? [selfAuditJob(database.db, selfAudit)] : []),
        ...(config.backup ? [backupJob(backupContextOf(config, database), logBackupOutcome(log))] : []),
      ];
      // Watches the others: a run far longer than its lease, or failures run after run, is logged and mailed to the admins.
      const watch = jobWatchJob(database.db, systemClock, jobs, ({ name, problem, since }) =>
        log.error({ job: name, problem, since }, 'job stuck'),
      );
      const signal = signals.requested();
      if (signal) {
        log.info({ signal }, 'stopping before listening');
        eventLoopLoad.stop();
        await stopHeartbeat();
        await database.close();
        log.info('stopped');
        return 0;
      }
      const serving = await startServing(config, systemClock, log, async (https) => {
        const app = await buildApp({
          db: database.db,
          clock: systemClock,
          publicUrl: config.publicUrl,
          auth,
          loggerInstance: log,
          https,
          selfAudit,
          backup: config.backup,
          bookingLimits: config.bookingLimits,
          payments,
          retention: config.retention,
          mailRelay: config.smtpUrl ? new URL(config.smtpUrl).hostname : undefined,
          afterChange: () => wakeMailDelivery(),
          jobs,
        });
        // Requests come in: while they do and the loop or the database is busy, the outbox gives way.
        app.server.on('request', eventLoopLoad.noteRequest);
        return app;
      });
      // The demo's pictures take seconds to render: they follow once the platform listens. On every
      // start, so that pictures a stop interrupted are added the next time (those there are kept).
      if (config.demo === 'auto') {
        addDemoPhotos(database.db, systemClock, sharpImages).catch((error: unknown) => log.error({ err: error }, 'demo photos failed'));
      }
      // Started once the platform listens, so that the first self-audit finds it serving.
      const scheduler = startScheduler(
        database.db,
        systemClock,
        [...jobs, watch],
        (job, error) => log.error({ err: error, job }, 'job failed'),
        delay(FIRST_RUNS_AFTER_MS, undefined, { ref: false }),
      );
      // Not a job under a lease: every instance looks at its own data directory (those sharing one
      // share its condition in the database, so the admins get one mail).
      // With PostgreSQL nothing may have made the data directory yet (SQLite's file is in it).
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      const diskWatch = { host: hostname(), path: config.dataDir, read: diskSpaceOf(config.dataDir), limits: config.watch.disk };
      const stopWatches = [
        startWatchLoop(
          config.watch.intervalSeconds,
          () => checkDiskSpace(database.db, systemClock, diskWatch),
          (error) =>
            isDatabaseUnavailable(error)
              ? log.warn({ err: error }, 'free space not recorded: the database does not answer')
              : log.error({ err: error }, 'looking at the free space failed'),
        ),
      ];
      // PostgreSQL is another server: while it does not answer, the admins are mailed directly (the outbox is in it).
      if (database.dialect === 'postgres') {
        const reachability = databaseWatch(database.db, systemClock, {
          host: diskWatch.host,
          pid: process.pid,
          sender: mailSender,
          from: config.mailFrom,
          publicUrl: config.publicUrl,
        });
        let answered = true;
        const stopWatch = startWatchLoop(
          config.watch.intervalSeconds,
          async () => {
            const answers = (await reachability.look()) === 'answers';
            if (answers !== answered) answers ? log.info('the database answers again') : log.warn('the database does not answer');
            answered = answers;
          },
          (error) => log.error({ err: error }, 'warning about the database failed'),
        );
        stopWatches.push(stopWatch);
      }
      let wakeDue = false;
      wakeMailDelivery = () => {
        if (wakeDue) return;
        wakeDue = true;
        setTimeout(() => {
          wakeDue = false;
          scheduler.runNow(MAIL_DELIVERY_JOB);
        }, 500).unref();
      };
      // No new connections; the requests and job runs under way finish, for at most STOP_GRACE_SECONDS
      // (then they are cut); the job leases go back, the database closes, the process exits.
      const stop = async (signal: string) => {
        log.info({ signal, graceSeconds: STOP_GRACE_SECONDS }, 'stopping');
        const graceMs = STOP_GRACE_SECONDS * 1000;
        // A look under way (the first one, right after the start, say) ends before the database closes.
        const looks = Promise.all(stopWatches.map((stopWatch) => stopWatch()));
        try {
          await Promise.all([scheduler.stop(graceMs), serving.close(graceMs), atMost(graceMs, looks)]);
          eventLoopLoad.stop();
          // Bounded, as a run given up on may hold a connection: the process ends before its lease does.
          const removed = stopHeartbeat?.().catch((error: unknown) =>
            log.error({ err: error }, 'cannot remove this instance from the database'),
          );
          if ((await atMost(CLOSE_STEP_MS, removed)) === 'gave up') log.warn('removing this instance from the database took too long');
          if ((await atMost(CLOSE_STEP_MS, database.close())) === 'gave up') log.warn('closing the database took too long');
          log.info('stopped');
          process.exitCode = 0;
        } catch (error) {
          log.error({ err: error }, 'stopping failed');
          process.exitCode = 1;
        }
        // What may still hold the event loop (a job run given up on, the demo pictures) ends here.
        process.exit();
      };
      log.info({ mail: mailSender.target }, 'mail delivery started');
      if (!config.smtpUrl && config.publicUrl.startsWith('https:')) {
        log.warn('GROUPZ_SMTP_URL is not set: mails (manage links, backup alerts) are only written into <data dir>/mail/ and reach nobody');
      }
      if (config.backup) {
        const { repositories, time } = config.backup;
        log.info(
          {
            local: repositories.local ?? null,
            remote: repositories.remote?.replace(/(\/\/[^/:@]*:)[^@/]*@/, '$1***@') ?? null,
            nightlyAt: `${time} Europe/Amsterdam`,
          },
          'backups on',
        );
      } else {
        log.warn('backups are off: set GROUPZ_BACKUP_LOCAL_REPO, GROUPZ_BACKUP_REMOTE_REPO and GROUPZ_BACKUP_PASSWORD_FILE');
      }
      log.info({ publicUrl: config.publicUrl, tls: config.tls.mode, database: database.dialect }, 'Groupz is running');
      // A signal that came while it started stops it now. A repeated one (under `npm start`, say) is
      // the same request; a second one later ends the process at once.
      signals.onStop((signal) => void stop(signal));
      return 0;
    } catch (error) {
      await stopHeartbeat?.();
      await database.close();
      throw error;
    }
  },
};
