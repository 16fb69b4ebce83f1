import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // What kind of outing an activity is, from a fixed list, so visitors can filter on it. Activities
  // made before categories existed are 'other' until staff choose one in the back office.
  await db.schema
    .alterTable('activities')
    .addColumn('category', 'text', (column) => column.notNull().defaultTo('other'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('activities').dropColumn('category').execute();
}
