import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The platform's self-audits of its own public address: when, which URL, whether every check
  // passed, and the checks themselves as a JSON array ({ id, title, ok, severity, finding }).
  // Only the latest runs are kept.
  await db.schema
    .createTable('self_audits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('checks', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('self_audits_at').on('self_audits').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('self_audits').execute();
}
