import { buildApp } from '../app.js';
import { bookingLifecycleJob } from '../core/bookings/booking-lifecycle.service.js';
import { type Job, startScheduler } from '../core/jobs/scheduler.js';
import { systemClock } from '../core/shared/clock.js';
import { seedDemoCatalogue } from '../core/demo/demo-catalogue.js';
import { startSessionSweeper } from '../core/staff/session.service.js';
import { loggerOptions } from '../web/plugins/logging.js';
import type { Command } from './command.js';
import { openRuntime } from './runtime.js';
import { secretKeyOf } from './secret-key.js';

export const serveCommand: Command = {
  summary: 'run the platform (migrates the database first)',
  usage: `Usage: groupz serve

Runs the platform on GROUPZ_HOST:PORT (default 127.0.0.1:3000). Applies pending migrations first
and, with GROUPZ_DEMO=auto on a database without venues, loads the demo catalogue.
Deletes expired back-office sessions every minute. Runs the background jobs (each on one instance
at a time): every minute, expires options at their deadline, sends option and visit reminders and
completes past visits. Stops cleanly on SIGINT or SIGTERM. Settings: see the README.`,
  async run() {
    const { config, database } = await openRuntime();
    if (config.demo === 'auto') await seedDemoCatalogue(database.db, systemClock);
    const auth = {
      secretKey: secretKeyOf(config),
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
    };
    const app = await buildApp({
      db: database.db,
      clock: systemClock,
      publicUrl: config.publicUrl,
      auth,
      logger: loggerOptions(config.logLevel),
    });
    const stopSweeper = startSessionSweeper(database.db, systemClock, auth, (error) =>
      app.log.error({ err: error }, 'session sweep failed'),
    );
    const jobs: Job[] = [bookingLifecycleJob(database.db, systemClock)];
    const stopScheduler = startScheduler(database.db, systemClock, jobs, (job, error) => app.log.error({ err: error, job }, 'job failed'));
    const stop = async (signal: string) => {
      app.log.info({ signal }, 'stopping');
      stopSweeper();
      stopScheduler();
      await app.close();
      await database.close();
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    app.log.info({ publicUrl: config.publicUrl, database: database.dialect }, 'Groupz is running');
    return 0;
  },
};
