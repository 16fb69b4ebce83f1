import { sql } from 'kysely';
import type { Db } from './schema.js';

/** Throws unless the database answers: what /healthz reports on. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
