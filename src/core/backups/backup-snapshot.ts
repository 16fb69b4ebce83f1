import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../shared/ids.js';
import type { BackupLocation, BackupManifest, BackupSettings } from './backup.js';
import { configuredLocations } from './backup-run.service.js';
import { listSnapshots, type ResticAccess, resticAccess, ResticError, type ResticSnapshot, restoreSnapshot } from './restic.js';

/** The repository to read: `from`, or else local, or else the only one configured. */
export function chooseLocation(settings: BackupSettings, from: BackupLocation | undefined): ResticAccess {
  const location = from ?? configuredLocations(settings)[0]!;
  const access = resticAccess(settings, location);
  if (!access) {
    const setting = location === 'local' ? 'GROUPZ_BACKUP_LOCAL_REPO' : 'GROUPZ_BACKUP_REMOTE_REPO';
    throw new Error(`no ${location} backup location is configured (${setting})`);
  }
  return access;
}

/** The repository's Groupz snapshots, oldest first; a repository not made yet is said so plainly. */
export async function readSnapshots(access: ResticAccess): Promise<ResticSnapshot[]> {
  try {
    return await listSnapshots(access);
  } catch (error) {
    if (!(error instanceof ResticError) || !/Is there a repository at the following location\?/.test(error.stderr)) throw error;
    throw new Error(`there is no restic repository at ${access.repository} yet (groupz backup run makes it)`);
  }
}

/** The Groupz snapshot whose id starts with `id`, or the newest one. */
export async function chooseSnapshot(access: ResticAccess, id: string | undefined): Promise<ResticSnapshot> {
  const snapshots = await readSnapshots(access);
  if (id === undefined) {
    const newest = snapshots.at(-1);
    if (!newest) throw new Error(`the ${access.location} repository holds no Groupz snapshot yet`);
    return newest;
  }
  if (!/^[0-9a-f]{4,64}$/.test(id))
    throw new Error(`a snapshot is named by at least 4 characters of its id (0-9, a-f), not "${id}" (see groupz backup list)`);
  const matches = snapshots.filter((snapshot) => snapshot.id.startsWith(id));
  if (matches.length === 1) return matches[0]!;
  throw new Error(
    matches.length > 1
      ? `${id} names ${matches.length} snapshots in the ${access.location} repository; give more of its id`
      : `the ${access.location} repository holds no Groupz snapshot ${id} (see groupz backup list)`,
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
  access: ResticAccess,
  snapshot: ResticSnapshot,
  use: (restored: RestoredSnapshot) => Promise<T>,
): Promise<T> {
  const dir = join(settings.workDir, `restore-${newId()}`);
  mkdirSync(settings.workDir, { recursive: true, mode: 0o700 });
  try {
    await restoreSnapshot(access, snapshot.id, dir);
    return await use({ dir, ...readManifest(dir) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
