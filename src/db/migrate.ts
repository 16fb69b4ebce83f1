import { Migrator } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Db } from './schema.js';

export class MigrationError extends Error {}

/** Brings the schema to the latest version; throws (and so exits 1 in the CLI) on any failure. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  // Nothing to do is found by reading alone: a platform starts on a full disk, or while another
  // process writes, as long as no migration is pending (the migrator's own run takes its lock, a write).
  if ((await migrator.getMigrations()).every((migration) => migration.executedAt)) return [];
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new MigrationError(failed ? `migration ${failed.migrationName} failed: ${cause}` : `cannot migrate the database: ${cause}`);
  }
  return results.map((r) => r.migrationName);
}
