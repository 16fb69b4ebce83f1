import { type Config, ConfigError, loadConfig } from '../config.js';
import { connectDatabase, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

/** Config (loaded here unless given) and a migrated database, for commands that need them; problems go to stderr. */
export async function openRuntime(config: Config = loadConfig()): Promise<{ config: Config; database: DatabaseHandle }> {
  const database = connectDatabase({ url: config.databaseUrl, sqliteFile: config.sqliteFile });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { config, database };
}

/** Turns a failure into an exit code and a message a person can act on. */
export function reportFailure(error: unknown): number {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  process.stderr.write(`groupz: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}
