import type { Command } from './command.js';
import { openRuntime } from './runtime.js';

export const migrateCommand: Command = {
  summary: 'bring the database schema up to date',
  usage: `Usage: groupz migrate

Applies every pending migration to the database named by GROUPZ_DATABASE_URL (or the SQLite file
in GROUPZ_DATA_DIR). Exits 1 if any migration fails.`,
  async run() {
    const { database } = await openRuntime();
    await database.close();
    process.stdout.write(`database (${database.dialect}) is up to date\n`);
    return 0;
  },
};
