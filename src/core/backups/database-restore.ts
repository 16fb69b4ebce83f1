import { copyFileSync, openSync, fsyncSync, closeSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';

/** Problems `PRAGMA integrity_check` finds in a SQLite file; empty when it is sound. */
export function sqliteIntegrityProblems(file: string): string[] {
  const database = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = database.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
  } finally {
    database.close();
  }
}

/**
 * Puts a restored SQLite file in place of the live one. Every connection must be closed first.
 * The file is checked, copied beside the target and synced, the old WAL files are removed (they
 * belong to the old database) and the copy is renamed over the target: a crash leaves either the
 * old database or the restored one.
 */
export function replaceSqliteFile(restored: string, target: string): void {
  const problems = sqliteIntegrityProblems(restored);
  if (problems.length > 0) throw new Error(`the restored database is damaged: ${problems.slice(0, 3).join('; ')}`);
  const staged = `${target}.restoring`;
  copyFileSync(restored, staged);
  const fd = openSync(staged, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staged, target);
  const dir = openSync(dirname(target), 'r');
  fsyncSync(dir);
  closeSync(dir);
}
