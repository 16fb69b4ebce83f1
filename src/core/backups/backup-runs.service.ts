import type { Db } from '../../db/schema.js';
import type { BackupLocation } from './backup.js';
import { type BackupRunRow, type LatestBackupRuns, latestBackupRuns, listBackupRuns } from './backup-runs.repository.js';

/** A location's newest run and its newest success (which may be the same run), for the back office. */
export async function readLatestBackupRuns(db: Db, location: BackupLocation): Promise<LatestBackupRuns> {
  return latestBackupRuns(db, location);
}

/** The newest runs first, both locations, at most `limit`. */
export async function listRecentBackupRuns(db: Db, limit: number): Promise<BackupRunRow[]> {
  return listBackupRuns(db, limit);
}
