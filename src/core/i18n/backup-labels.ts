import type { BackupLocation } from '../backups/backup.js';
import type { LabelKey } from './labels.messages.js';

/** How each backup location is named: on the backups page and in the alerts to admins. */
export const LOCATION_LABELS: Record<BackupLocation, LabelKey> = {
  local: 'backups.location.local',
  remote: 'backups.location.remote',
};

/** The command that makes a backup at once, as the backups page and the alerts name it. */
export const BACKUP_RUN_COMMAND = 'groupz backup run';
