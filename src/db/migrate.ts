import { Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Db } from './schema.js';

export class MigrationError extends Error {}

/** Brings the schema to the latest version; throws (and so exits 1 in the CLI) on any failure. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  if (await upToDate(db, migrator)) return [];
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new MigrationError(failed ? `migration ${failed.migrationName} failed: ${cause}` : `cannot migrate the database: ${cause}`);
  }
  return results.map((r) => r.migrationName);
}

/**
 * Whether the database has run exactly this code's migrations, found by reading alone: a platform
 * then starts on a full disk, or while another process writes (the migrator's own run takes its
 * lock, a write). A migration the database ran that this code does not know (a newer version's,
 * before a rollback of the release) is for the migrator to refuse.
 */
async function upToDate(db: Db, migrator: Migrator): Promise<boolean> {
  const known = await migrator.getMigrations();
  if (!known.every((migration) => migration.executedAt)) return false;
  const recorded = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db);
  return Number(recorded.rows[0]!.n) === known.length;
}
