import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, openSync, fsyncSync, closeSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import { POSTGRES_TABLES } from './database-dump.js';

const run = promisify(execFile);

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

/**
 * Replaces the PostgreSQL database's tables with those of a pg_dump archive, in one transaction:
 * the current tables are dropped and the archive's SQL replayed by psql; any error rolls all of it
 * back and leaves the database as it was.
 */
export async function replacePostgresDatabase(archive: string, url: string, workDir: string): Promise<void> {
  const script = join(workDir, 'restore.sql');
  await run('pg_restore', ['--no-owner', '--no-acl', `--file=${script}`, archive], { maxBuffer: 16 * 1024 * 1024 });
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let tables: string[];
  try {
    tables = (await client.query<{ name: string }>(POSTGRES_TABLES)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
  const wrapper = join(workDir, 'replace.sql');
  const drop =
    tables.length > 0 ? `DROP TABLE IF EXISTS ${tables.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ')} CASCADE;\n` : '';
  writeFileSync(wrapper, `${drop}\\i '${script.replaceAll("'", "''")}'\n`, { mode: 0o600 });
  try {
    await run('psql', ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${url}`, `--file=${wrapper}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    for (const file of [script, wrapper]) if (existsSync(file)) rmSync(file);
  }
}
