import type { Db } from '../src/db/schema.js';

/**
 * Runs `work` while the audit log's table is away, so every audit insert fails as the database
 * fails it (no mock), then puts the table back. For showing that a change and its audit entry
 * commit together or not at all.
 */
export async function withoutAuditLog<T>(db: Db, work: () => Promise<T>): Promise<T> {
  await db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
  try {
    return await work();
  } finally {
    await db.schema.alterTable('audit_log_away').renameTo('audit_log').execute();
  }
}
