import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per backup run and location ('local' or 'remote'): how it went, the restic snapshot
  // it made and its size, or the error. A run's two rows share `run_id`.
  await db.schema
    .createTable('backup_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('snapshot_id', 'text')
    .addColumn('size_bytes', 'integer')
    .addColumn('added_bytes', 'integer')
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('backup_runs_location_started').on('backup_runs').columns(['location', 'started_at']).execute();
  // Each running platform process, seen every few seconds: a restore refuses while one is alive.
  await db.schema
    .createTable('platform_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('pid', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('platform_instances').execute();
  await db.schema.dropTable('backup_runs').execute();
}
