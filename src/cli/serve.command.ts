import { buildApp } from '../app.js';
import { systemClock } from '../core/shared/clock.js';
import { seedDemoCatalogue } from '../core/demo/demo-catalogue.js';
import { startSessionSweeper } from '../core/staff/session.service.js';
import { startServing } from '../server/serving.js';
import { createLogger } from '../web/plugins/logging.js';
import type { Command } from './command.js';
import { openRuntime } from './runtime.js';
import { secretKeyOf } from './secret-key.js';

export const serveCommand: Command = {
  summary: 'run the platform (migrates the database first)',
  usage: `Usage: groupz serve

Runs the platform. With GROUPZ_TLS=off (the default) plain HTTP on GROUPZ_HOST:PORT (default
127.0.0.1:3000); with GROUPZ_TLS=files or acme HTTPS on GROUPZ_HTTPS_PORT and, on GROUPZ_HTTP_PORT,
ACME challenges and redirects to https. Applies pending migrations first and, with
GROUPZ_DEMO=auto on a database without venues, loads the demo catalogue. Deletes expired
back-office sessions every minute. Stops cleanly on SIGINT or SIGTERM. Settings: see the README.`,
  async run() {
    const { config, database } = await openRuntime();
    const log = createLogger(config.logLevel);
    try {
      if (config.demo === 'auto') await seedDemoCatalogue(database.db, systemClock);
      const auth = {
        secretKey: secretKeyOf(config),
        idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
        absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
      };
      const serving = await startServing(config, systemClock, log, (https) =>
        buildApp({ db: database.db, clock: systemClock, publicUrl: config.publicUrl, auth, loggerInstance: log, https }),
      );
      const stopSweeper = startSessionSweeper(database.db, systemClock, auth, (error) => log.error({ err: error }, 'session sweep failed'));
      const stop = async (signal: string) => {
        log.info({ signal }, 'stopping');
        stopSweeper();
        await serving.close();
        await database.close();
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
      log.info({ publicUrl: config.publicUrl, tls: config.tls.mode, database: database.dialect }, 'Groupz is running');
      return 0;
    } catch (error) {
      await database.close();
      throw error;
    }
  },
};
