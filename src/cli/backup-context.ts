import type { Logger } from 'pino';
import { postgresTools } from '../adapters/postgres-tools/postgres-tools.js';
import { resticStore } from '../adapters/restic/restic-store.js';
import type { Config } from '../config.js';
import type { BackupSettings, LocationOutcome } from '../core/backups/backup.js';
import type { BackupContext } from '../core/backups/backup-run.service.js';
import type { BackupAccess } from '../core/backups/backup-store.js';
import { systemClock } from '../core/shared/clock.js';
import type { DatabaseHandle } from '../db/connect.js';

/** The backups of these settings: snapshots in restic repositories, PostgreSQL copied with its own tools. */
export function backupAccess(settings: BackupSettings): BackupAccess {
  return { settings, store: resticStore(settings), postgres: postgresTools };
}

/** What a backup needs, from the configuration (which must have backups on) and the open database. */
export function backupContextOf(config: Config, database: DatabaseHandle): BackupContext {
  if (!config.backup) throw new Error('backups are not configured');
  return {
    ...backupAccess(config.backup),
    db: database.db,
    clock: systemClock,
    source: { db: database.db, dialect: database.dialect, url: config.databaseUrl },
    dataDir: config.dataDir,
    sqliteFile: config.sqliteFile,
  };
}

/** Logs each location's outcome of a scheduled run: info on success, error on failure. */
export function logBackupOutcome(log: Logger): (outcome: LocationOutcome) => void {
  return (outcome) =>
    outcome.ok
      ? log.info({ location: outcome.location, snapshot: outcome.snapshotId, bytes: outcome.sizeBytes }, 'backup stored')
      : log.error({ location: outcome.location, error: outcome.error }, 'backup failed');
}
