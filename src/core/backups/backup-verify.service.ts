import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupLocation, BackupManifest } from './backup.js';
import { chooseLocation, chooseSnapshot, type RestoredSnapshot, withRestoredSnapshot } from './backup-snapshot.js';
import { type BackupAccess, BackupStoreError, type Snapshot } from './backup-store.js';
import { checkDatabaseCopy, type CopyCheck } from './database-check.js';
import type { PostgresTools } from './postgres-tools.js';
import { configuredLocations } from './backup-run.service.js';

export interface VerifyReport {
  location: BackupLocation;
  snapshot: Snapshot;
  manifest: BackupManifest | undefined;
  checks: CopyCheck[];
  ok: boolean;
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, entry) => sum + (entry.isDirectory() ? countFiles(join(dir, entry.name)) : 1),
    0,
  );
}

/** What a restored snapshot holds, checked against its manifest: the manifest, the files, the database copy. */
export async function checkRestoredSnapshot(restored: RestoredSnapshot, postgres: PostgresTools): Promise<CopyCheck[]> {
  const { dir, manifest } = restored;
  if (!manifest) return [{ name: 'manifest', ok: false, detail: restored.manifestProblem ?? 'missing' }];
  const tables = Object.keys(manifest.tables).length;
  const checks: CopyCheck[] = [
    {
      name: 'manifest',
      ok: true,
      detail: `${manifest.dialect}, made ${manifest.createdAt}, ${tables} tables, migration ${manifest.migration ?? 'none'}`,
    },
  ];
  const files = join(dir, 'files');
  checks.push(
    existsSync(files)
      ? { name: 'files', ok: true, detail: `files/ holds ${countFiles(files)} files of the data dir` }
      : { name: 'files', ok: false, detail: 'the snapshot holds no files/ folder' },
  );
  return [...checks, ...(await checkDatabaseCopy(dir, manifest, postgres))];
}

/**
 * Restores a snapshot (the newest, unless `snapshotId` names one) of a location into a temporary
 * folder and checks what it holds, without touching the live database; the folder is removed after.
 */
export async function verifyBackup(
  access: BackupAccess,
  request: { from?: BackupLocation | undefined; snapshotId?: string | undefined },
): Promise<VerifyReport> {
  const repository = chooseLocation(access, request.from);
  const snapshot = await chooseSnapshot(repository, request.snapshotId);
  try {
    return await withRestoredSnapshot(access.settings, repository, snapshot, async (restored) => {
      const checks = await checkRestoredSnapshot(restored, access.postgres);
      return { location: repository.location, snapshot, manifest: restored.manifest, checks, ok: checks.every((check) => check.ok) };
    });
  } catch (error) {
    // The store itself could not give the snapshot back (a damaged pack, say): that is the finding.
    if (!(error instanceof BackupStoreError)) throw error;
    const other = configuredLocations(access.settings).find((location) => location !== repository.location);
    const hint = other ? `; the ${other} location may hold a sound copy (--from ${other})` : '';
    return {
      location: repository.location,
      snapshot,
      manifest: undefined,
      checks: [{ name: 'restore', ok: false, detail: `${error.message}${hint}` }],
      ok: false,
    };
  }
}
