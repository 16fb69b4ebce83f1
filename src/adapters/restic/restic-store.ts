import type { BackupSettings } from '../../core/backups/backup.js';
import type { BackupStore } from '../../core/backups/backup-store.js';
import { notInstalled } from '../installed-program.js';
import {
  applyRetention,
  backupDirectory,
  checkRepository,
  ensureRepository,
  listSnapshots,
  resticAccess,
  restoreSnapshot,
} from './restic.js';

/** The backup store in restic repositories: one per location configured in `settings`. */
export function resticStore(settings: BackupSettings): BackupStore {
  return {
    missingPrograms: () => [notInstalled('restic', 'apt-get install restic')].filter((problem) => problem !== undefined),
    repository(location) {
      const access = resticAccess(settings, location);
      if (!access) return undefined;
      return {
        location,
        ensure: () => ensureRepository(access),
        list: () => listSnapshots(access),
        snapshot: (dir, sizeBytes, options) => backupDirectory(access, dir, sizeBytes, options),
        applyRetention: (policy) => applyRetention(access, policy),
        check: (part, parts) => checkRepository(access, part, parts),
        restore: (snapshotId, target) => restoreSnapshot(access, snapshotId, target),
      };
    },
  };
}
