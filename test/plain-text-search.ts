import { sql } from 'kysely';
import { POSTGRES_TABLES, SQLITE_TABLES } from '../src/core/backups/database-dump.js';
import type { DialectName } from '../src/db/connect.js';
import type { Db } from '../src/db/schema.js';

/**
 * The tables of the database whose rows hold `needle` anywhere (every column of every row as text,
 * case-insensitive): what a dump of the database would show of it.
 */
export async function tablesHolding(db: Db, dialect: DialectName, needle: string): Promise<string[]> {
  const { rows: tables } = await sql.raw<{ name: string }>(dialect === 'sqlite' ? SQLITE_TABLES : POSTGRES_TABLES).execute(db);
  const found: string[] = [];
  for (const { name } of tables) {
    const { rows } = await sql.raw<Record<string, unknown>>(`SELECT * FROM "${name}"`).execute(db);
    const text = JSON.stringify(rows, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('latin1') : value)).toLowerCase();
    if (text.includes(needle.toLowerCase())) found.push(name);
  }
  return found;
}
