import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * The rows of `table` in an SQLite database file alone, without its WAL: what a checkpoint has
 * copied into the file (0 while the table itself is still only in the WAL).
 */
export function rowsInFileAlone(file: string, table: string): number {
  const alone = join(dirname(file), 'alone.sqlite');
  copyFileSync(file, alone);
  const copy = new SQLite(alone, { readonly: true });
  try {
    if (!copy.prepare(`select 1 from sqlite_master where name = ?`).get(table)) return 0;
    return (copy.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  } finally {
    copy.close();
  }
}
