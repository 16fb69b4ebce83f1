import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. A condition of the platform that admins are warned about
// once when it arises and told once when it clears (low free space on an instance's data
// directory): `raised` 1 while it holds, `since` when it last arose or cleared, `checked_at` the
// last look, `detail` what that look saw (JSON). The conditional update of `raised` lets one of
// several instances, never two, queue the mails of a change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('platform_conditions')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('raised', 'integer', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('platform_conditions').execute();
}
