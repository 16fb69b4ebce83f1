import { sql } from 'kysely';
import type { Database, Tx } from './schema.js';

/** The tables whose rows a transaction locks, each with a column its no-op update writes back. */
const LOCK_COLUMNS = {
  venues: 'name',
  activities: 'slug',
  slots: 'booked_persons',
  bookings: 'status',
  resources: 'capacity',
} as const satisfies { [T in keyof Database]?: keyof Database[T] & string };

/**
 * Locks one row until the transaction ends, by an update that writes a column back unchanged: on
 * PostgreSQL a second transaction locking the same row waits here for the first to end; on SQLite
 * it takes the database's write lock, so the transaction's reads after it see no later write.
 */
export async function lockRow(trx: Tx, table: keyof typeof LOCK_COLUMNS, id: string): Promise<void> {
  const column = sql.ref(LOCK_COLUMNS[table]);
  await sql`update ${sql.table(table)} set ${column} = ${column} where id = ${id}`.execute(trx);
}
