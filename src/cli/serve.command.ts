import { buildApp } from '../app.js';
import { systemClock } from '../core/shared/clock.js';
import { seedDemoCatalogue } from '../core/demo/demo-catalogue.js';
import { loggerOptions } from '../web/plugins/logging.js';
import type { Command } from './command.js';
import { openRuntime } from './runtime.js';

export const serveCommand: Command = {
  summary: 'run the platform (migrates the database first)',
  usage: `Usage: groupz serve

Runs the platform on GROUPZ_HOST:PORT (default 127.0.0.1:3000). Applies pending migrations first
and, with GROUPZ_DEMO=auto on a database without venues, loads the demo catalogue.
Stops cleanly on SIGINT or SIGTERM. Settings: see the README.`,
  async run() {
    const { config, database } = await openRuntime();
    if (config.demo === 'auto') await seedDemoCatalogue(database.db, systemClock);
    const app = await buildApp({
      db: database.db,
      clock: systemClock,
      publicUrl: config.publicUrl,
      logger: loggerOptions(config.logLevel),
    });
    const stop = async (signal: string) => {
      app.log.info({ signal }, 'stopping');
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
