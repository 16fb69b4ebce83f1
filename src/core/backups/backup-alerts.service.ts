import type { Db } from '../../db/schema.js';
import { alertAdmins } from '../staff/admin-alerts.service.js';
import type { Clock } from '../shared/clock.js';
import { localDateOf } from '../shared/time.js';
import { BACKUP_LOCATIONS, type BackupSettings } from './backup.js';
import { latestBackupRuns } from './backup-runs.repository.js';
import { BACKUP_STALE_HOURS } from './backup-schedule.js';

/** Whether an instant lies more than BACKUP_STALE_HOURS before `now`: a last success that old is stale. */
export function pastStaleLimit(now: Date, at: string): boolean {
  return now.getTime() - new Date(at).getTime() > BACKUP_STALE_HOURS * 3600 * 1000;
}

/** Mails every admin that a location failed in a run (once per run and location). */
export async function alertFailedBackup(
  db: Db,
  clock: Clock,
  failure: { runRowId: string; location: string; error: string },
): Promise<void> {
  await alertAdmins(db, clock, 'backup_failed', { location: failure.location, error: failure.error }, failure.runRowId);
}

/**
 * Mails every admin about each configured location whose last success is older than
 * BACKUP_STALE_HOURS (or that never succeeded while its first run is that old): at most once a
 * day per location. Returns the stale locations.
 */
export async function alertStaleBackups(db: Db, clock: Clock, settings: BackupSettings): Promise<string[]> {
  const now = clock.now();
  const stale: string[] = [];
  for (const location of BACKUP_LOCATIONS) {
    if (!settings.repositories[location]) continue;
    const { lastSuccess, first } = await latestBackupRuns(db, location);
    const since = lastSuccess?.finishedAt ?? first?.startedAt;
    if (!since || !pastStaleLimit(now, since)) continue;
    stale.push(location);
    await alertAdmins(
      db,
      clock,
      'backup_stale',
      { location, last_success_at: lastSuccess?.finishedAt ?? null },
      `${location}:${localDateOf(now)}`,
    );
  }
  return stale;
}
