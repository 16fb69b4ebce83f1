import { type Config, ConfigError, loadConfig } from '../config.js';
import { connectDatabase, type DatabaseHandle } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * Config (loaded here unless given) and a migrated database, for commands that need them; problems
 * go to stderr. `onGroupCommit`: told the size of each group of bookings committed together (SQLite).
 */
export async function openRuntime(
  config: Config = loadConfig(),
  onGroupCommit?: (jobs: number) => void,
): Promise<{ config: Config; database: DatabaseHandle }> {
  const database = connectDatabase({ url: config.databaseUrl, sqliteFile: config.sqliteFile, ...(onGroupCommit && { onGroupCommit }) });
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
