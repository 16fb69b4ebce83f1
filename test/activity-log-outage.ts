import type { Db } from '../src/db/schema.js';

/**
 * Runs `work` while the activity log's table is away, so every entry written to it fails as the database
 * fails it (no mock), then puts the table back. For showing that a change and its activity log entry
 * commit together or not at all.
 */
export async function withoutActivityLog<T>(db: Db, work: () => Promise<T>): Promise<T> {
  await db.schema.alterTable('activity_log').renameTo('activity_log_away').execute();
  try {
    return await work();
  } finally {
    await db.schema.alterTable('activity_log_away').renameTo('activity_log').execute();
  }
}
