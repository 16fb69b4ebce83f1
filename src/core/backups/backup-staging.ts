import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { BackupManifest, BackupSettings } from './backup.js';
import { type DatabaseSource, dumpDatabase } from './database-dump.js';
import type { PostgresTools } from './postgres-tools.js';

/** The data dir's files a backup copies besides the database: everything but these. */
function keptInBackup(path: string, dataDir: string, settings: BackupSettings, sqliteFile: string): boolean {
  const inside = (dir: string) => path === dir || path.startsWith(`${dir}${sep}`);
  if (inside(settings.workDir)) return false;
  if (Object.values(settings.repositories).some((repository) => repository && inside(resolve(repository)))) return false;
  // The live SQLite files: the dump is their consistent copy.
  if (['', '-wal', '-shm', '-journal'].some((suffix) => path === `${sqliteFile}${suffix}`)) return false;
  // Copies a restore set aside (see backup-restore.service.ts).
  return !relative(dataDir, path)
    .split(sep)
    .some((part) => part.startsWith('pre-restore-'));
}

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

/** What a snapshot is staged from: the live database (and how to dump PostgreSQL), the data dir, the settings. */
export interface StagingSource {
  source: DatabaseSource;
  postgres: PostgresTools;
  dataDir: string;
  sqliteFile: string;
  settings: BackupSettings;
}

export interface StagedBackup {
  dir: string;
  manifest: BackupManifest;
  sizeBytes: number;
}

/** The folder a run stages its snapshot in, emptied first. */
export function stagingDir(settings: BackupSettings): string {
  return join(settings.workDir, 'staging');
}

/**
 * Stages what a snapshot holds, as its root: the database copy (`database.sqlite` or
 * `database.pgdump`), `manifest.json` (when, which schema, rows per table) and `files/`, the data
 * dir's other files (secret key, certificates, mail files).
 */
export async function stageBackup(from: StagingSource, now: Date): Promise<StagedBackup> {
  const { source, settings } = from;
  const dir = stagingDir(settings);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dump = await dumpDatabase(source, dir, from.postgres);
  // Entry by entry: the staging folder itself lies inside the data dir.
  const dataDir = resolve(from.dataDir);
  const kept = (path: string) => keptInBackup(resolve(path), dataDir, settings, resolve(from.sqliteFile));
  mkdirSync(join(dir, 'files'), { mode: 0o700 });
  for (const name of readdirSync(dataDir).filter((entry) => kept(join(dataDir, entry)))) {
    cpSync(join(dataDir, name), join(dir, 'files', name), { recursive: true, filter: kept });
  }
  const manifest: BackupManifest = {
    format: 1,
    createdAt: now.toISOString(),
    dialect: source.dialect,
    databaseFile: basename(dump.file),
    migration: dump.migration,
    tables: dump.tables,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return { dir, manifest, sizeBytes: sizeOf(dir) };
}
