import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';

/** SQLite: writes a copy of the database, as one read transaction sees it, into a new file. */
export async function vacuumInto(db: Db, file: string): Promise<void> {
  await sql`VACUUM INTO ${file}`.execute(db);
}
