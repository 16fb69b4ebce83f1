import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { POSTGRES_TABLES, SQLITE_TABLES } from '../src/core/backups/database-dump.js';
import { connectDatabase, type DialectName } from '../src/db/connect.js';

function serialize(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return { bytes: value.toString('hex') };
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** One row as text, its columns in name order, so that the text does not depend on column order. */
function rowText(row: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(row)
      .sort()
      .map((column) => [column, serialize(row[column])]),
  );
}

/**
 * Every table of the database with its rows: `<rows>:<sha256 of every row, serialized and sorted>`.
 * Two databases with equal digests hold the same rows, value for value. Opens its own connection.
 */
export async function tableDigests(target: {
  dialect: DialectName;
  url?: string | undefined;
  sqliteFile: string;
}): Promise<Record<string, string>> {
  const database = connectDatabase({ url: target.url, sqliteFile: target.sqliteFile });
  try {
    const { rows: tables } = await sql
      .raw<{ name: string }>(target.dialect === 'sqlite' ? SQLITE_TABLES : POSTGRES_TABLES)
      .execute(database.db);
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await sql.raw<Record<string, unknown>>(`SELECT * FROM "${name}"`).execute(database.db);
      const texts = rows.map(rowText).sort();
      digests[name] = `${rows.length}:${createHash('sha256').update(texts.join('\n')).digest('hex')}`;
    }
    return digests;
  } finally {
    await database.close();
  }
}
