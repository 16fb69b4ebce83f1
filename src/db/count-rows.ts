import type { Database, Executor } from './schema.js';

/** How many rows a table holds. */
export async function countRows(db: Executor, table: keyof Database): Promise<number> {
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
