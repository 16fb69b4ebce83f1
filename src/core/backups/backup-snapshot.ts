import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../shared/ids.js';
import type { BackupLocation, BackupManifest, BackupSettings } from './backup.js';
import { configuredLocations } from './backup-run.service.js';
import { type BackupAccess, type BackupRepository, NoRepositoryError, type Snapshot } from './backup-store.js';

/** The repository to read: `from`, or else local, or else the only one configured. */
export function chooseLocation(access: Pick<BackupAccess, 'settings' | 'store'>, from: BackupLocation | undefined): BackupRepository {
  const location = from ?? configuredLocations(access.settings)[0]!;
  const repository = access.store.repository(location);
  if (!repository) {
    const setting = location === 'local' ? 'GROUPZ_BACKUP_LOCAL_REPO' : 'GROUPZ_BACKUP_REMOTE_REPO';
    throw new Error(`no ${location} backup location is configured (${setting})`);
  }
  return repository;
}

/** The repository's Groupz snapshots, oldest first; a repository not made yet is said so plainly. */
export async function readSnapshots(repository: BackupRepository): Promise<Snapshot[]> {
  try {
    return await repository.list();
  } catch (error) {
    if (!(error instanceof NoRepositoryError)) throw error;
    throw new Error(`${error.message} (groupz backup run makes it)`);
  }
}

/** The Groupz snapshot whose id starts with `id`, or the newest one. */
export async function chooseSnapshot(repository: BackupRepository, id: string | undefined): Promise<Snapshot> {
  const snapshots = await readSnapshots(repository);
  if (id === undefined) {
    const newest = snapshots.at(-1);
    if (!newest) throw new Error(`the ${repository.location} repository holds no Groupz snapshot yet`);
    return newest;
  }
  if (!/^[0-9a-f]{4,64}$/.test(id))
    throw new Error(`a snapshot is named by at least 4 characters of its id (0-9, a-f), not "${id}" (see groupz backup list)`);
  const matches = snapshots.filter((snapshot) => snapshot.id.startsWith(id));
  if (matches.length === 1) return matches[0]!;
  throw new Error(
    matches.length > 1
      ? `${id} names ${matches.length} snapshots in the ${repository.location} repository; give more of its id`
      : `the ${repository.location} repository holds no Groupz snapshot ${id} (see groupz backup list)`,
  );
}

/** A snapshot's contents restored into a folder of the backup work dir. */
export interface RestoredSnapshot {
  dir: string;
  /** undefined when manifest.json is missing or unreadable; `manifestProblem` says why. */
  manifest: BackupManifest | undefined;
  manifestProblem: string | undefined;
}

function readManifest(dir: string): Pick<RestoredSnapshot, 'manifest' | 'manifestProblem'> {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format !== 1 || !['sqlite', 'postgres'].includes(manifest.dialect) || typeof manifest.tables !== 'object') {
      return { manifest: undefined, manifestProblem: 'manifest.json is not a Groupz manifest of format 1' };
    }
    return { manifest, manifestProblem: undefined };
  } catch (error) {
    return { manifest: undefined, manifestProblem: `manifest.json cannot be read: ${(error as Error).message}` };
  }
}

/**
 * Restores the snapshot into a fresh folder under the backup work dir (never backed up), hands it
 * to `use`, and removes the folder afterwards, whatever happens.
 */
export async function withRestoredSnapshot<T>(
  settings: BackupSettings,
  repository: BackupRepository,
  snapshot: Snapshot,
  use: (restored: RestoredSnapshot) => Promise<T>,
): Promise<T> {
  const dir = join(settings.workDir, `restore-${newId()}`);
  mkdirSync(settings.workDir, { recursive: true, mode: 0o700 });
  try {
    await repository.restore(snapshot.id, dir);
    return await use({ dir, ...readManifest(dir) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
