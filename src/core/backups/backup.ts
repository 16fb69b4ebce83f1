/** The two places every backup goes: the server itself and a second location. */
export const BACKUP_LOCATIONS = ['local', 'remote'] as const;
export type BackupLocation = (typeof BACKUP_LOCATIONS)[number];

export type BackupTrigger = 'schedule' | 'manual';

/** Which snapshots `restic forget` keeps; see docs/backups.md. */
export interface RetentionPolicy {
  /** Every snapshot of this many days (at least 14). */
  keepDays: number;
  daily: number;
  weekly: number;
  monthly: number;
}

/** The backup settings (GROUPZ_BACKUP_*), resolved. */
export interface BackupSettings {
  /** restic repository per location; undefined where none is configured. */
  repositories: Record<BackupLocation, string | undefined>;
  passwordFile: string;
  sshKeyFile: string | undefined;
  sshKnownHostsFile: string | undefined;
  /** HH:MM, Europe/Amsterdam. */
  time: string;
  retention: RetentionPolicy;
  /** The nightly check reads 1/checkSubsets of the data, another part each night. */
  checkSubsets: number;
  /** Where a run stages its files and restic keeps its cache (inside the data dir, never backed up). */
  workDir: string;
}

/** One location's outcome of a run. */
export type LocationOutcome =
  | { location: BackupLocation; ok: true; snapshotId: string; sizeBytes: number; addedBytes: number }
  | { location: BackupLocation; ok: false; error: string };

/** What the snapshot holds beside the database: written as manifest.json at its root. */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  dialect: 'sqlite' | 'postgres';
  /** The file in the snapshot holding the database: `database.sqlite` or `database.pgdump`. */
  databaseFile: string;
  /** The latest migration applied to the database when it was copied. */
  migration: string | null;
  /** Rows per table at the moment of the copy. */
  tables: Record<string, number>;
}
