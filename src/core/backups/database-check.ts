import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupManifest } from './backup.js';
import { DUMP_FILES, sqliteFileContents } from './database-dump.js';
import { sqliteIntegrityProblems } from './database-restore.js';
import type { PostgresTools } from './postgres-tools.js';

/** One thing checked about a snapshot's database copy, and what was found. */
export interface CopyCheck {
  name: string;
  ok: boolean;
  detail: string;
}

function messageOf(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return (stderr || (error instanceof Error ? error.message : String(error))).split('\n').slice(-3).join(' | ').slice(0, 500);
}

/** The differences between the rows counted in the copy and those the manifest recorded. */
function countDifferences(found: Record<string, number>, expected: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(found), ...Object.keys(expected)])].sort();
  return names.flatMap((name) => {
    if (!(name in found)) return [`${name} is missing (the manifest says ${expected[name]} rows)`];
    if (!(name in expected)) return [`${name} (${found[name]} rows) is not in the manifest`];
    return found[name] === expected[name] ? [] : [`${name} has ${found[name]} rows, the manifest says ${expected[name]}`];
  });
}

function countsCheck(found: Record<string, number>, manifest: BackupManifest): CopyCheck {
  const differences = countDifferences(found, manifest.tables);
  const rows = Object.values(found).reduce((sum, n) => sum + n, 0);
  return differences.length === 0
    ? { name: 'row counts', ok: true, detail: `${Object.keys(found).length} tables, ${rows} rows, as the manifest says` }
    : {
        name: 'row counts',
        ok: false,
        detail: differences.slice(0, 5).join('; ') + (differences.length > 5 ? `; and ${differences.length - 5} more` : ''),
      };
}

async function checkSqliteCopy(file: string, manifest: BackupManifest): Promise<CopyCheck[]> {
  let problems: string[];
  try {
    problems = sqliteIntegrityProblems(file);
  } catch (error) {
    problems = [messageOf(error)];
  }
  const integrity = {
    name: 'integrity',
    ok: problems.length === 0,
    detail: problems.length === 0 ? 'PRAGMA integrity_check: ok' : problems.slice(0, 3).join('; '),
  };
  if (!integrity.ok) return [integrity];
  const contents = await sqliteFileContents(file);
  const schema = {
    name: 'schema',
    ok: contents.migration === manifest.migration,
    detail: `latest migration ${contents.migration ?? 'none'}${contents.migration === manifest.migration ? '' : `, the manifest says ${manifest.migration ?? 'none'}`}`,
  };
  return [integrity, schema, countsCheck(contents.tables, manifest)];
}

async function checkPostgresCopy(archive: string, manifest: BackupManifest, postgres: PostgresTools): Promise<CopyCheck[]> {
  let entries: number;
  try {
    entries = await postgres.countEntries(archive);
  } catch (error) {
    return [{ name: 'archive', ok: false, detail: `pg_restore --list fails: ${messageOf(error)}` }];
  }
  const archiveCheck = { name: 'archive', ok: true, detail: `pg_restore --list reads ${entries} entries` };
  try {
    return [archiveCheck, countsCheck(await postgres.countRows(archive), manifest)];
  } catch (error) {
    return [archiveCheck, { name: 'row counts', ok: false, detail: `the archive's data cannot be read: ${messageOf(error)}` }];
  }
}

/**
 * Checks the database copy of a restored snapshot against its manifest, without touching any
 * database: SQLite's integrity check, schema and row counts; PostgreSQL's archive listing and the
 * row counts of its data.
 */
export async function checkDatabaseCopy(dir: string, manifest: BackupManifest, postgres: PostgresTools): Promise<CopyCheck[]> {
  const expected = DUMP_FILES[manifest.dialect];
  const file = join(dir, expected);
  if (manifest.databaseFile !== expected || !existsSync(file)) {
    return [
      { name: 'database file', ok: false, detail: `the snapshot holds no ${expected} (the manifest names ${manifest.databaseFile})` },
    ];
  }
  return manifest.dialect === 'sqlite' ? checkSqliteCopy(file, manifest) : checkPostgresCopy(file, manifest, postgres);
}
