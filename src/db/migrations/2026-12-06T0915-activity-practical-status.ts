import type { Kysely } from 'kysely';

// Frozen: imports nothing from the app. Portable types only (text, integer), see src/db/schema.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Practical information shown on an activity's page: the ages it suits (0 = all ages, no upper
  // limit when null), what to bring and accessibility (nl/en, null when nothing to say), and
  // wheelchair access ('yes', 'partly', 'no'; 'unknown' until staff say).
  // And whether visitors see it: 'published', 'unpublished' or 'archived'. Existing activities
  // stay published.
  const columns: [string, 'text' | 'integer', 'null' | number | string][] = [
    ['min_age', 'integer', 0],
    ['max_age', 'integer', 'null'],
    ['bring_nl', 'text', 'null'],
    ['bring_en', 'text', 'null'],
    ['wheelchair', 'text', 'unknown'],
    ['accessibility_nl', 'text', 'null'],
    ['accessibility_en', 'text', 'null'],
    ['status', 'text', 'published'],
  ];
  for (const [name, type, fallback] of columns) {
    await db.schema
      .alterTable('activities')
      .addColumn(name, type, (column) => (fallback === 'null' ? column : column.notNull().defaultTo(fallback)))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['status', 'accessibility_en', 'accessibility_nl', 'wheelchair', 'bring_en', 'bring_nl', 'max_age', 'min_age']) {
    await db.schema.alterTable('activities').dropColumn(name).execute();
  }
}
