import type { BackupLocation, BackupSettings, RetentionPolicy } from './backup.js';
import type { PostgresTools } from './postgres-tools.js';

/** A Groupz snapshot in a repository. */
export interface Snapshot {
  id: string;
  shortId: string;
  /** When it was made, ISO 8601 UTC. */
  time: string;
  /** The size of what it holds, as recorded when it was made. */
  sizeBytes: number | undefined;
}

export interface BackupProgress {
  /** 0 to 1. */
  done: number;
  bytesDone: number;
  totalBytes: number;
}

/** The store could not do what was asked (it failed, or could not be started); the message says what it reported. */
export class BackupStoreError extends Error {}

/** The location holds no repository yet: the first run makes it. */
export class NoRepositoryError extends BackupStoreError {}

/** One location's repository of snapshots. */
export interface BackupRepository {
  readonly location: BackupLocation;
  /** Creates the repository unless it exists. */
  ensure(): Promise<void>;
  /** The Groupz snapshots, oldest first; a NoRepositoryError when there is no repository. Never waits for a run. */
  list(): Promise<Snapshot[]>;
  /**
   * Stores the contents of `dir` (as the snapshot's root) as a new snapshot, recording `sizeBytes`;
   * `time` backdates it (tests of retention). Returns its id and the bytes it added.
   */
  snapshot(
    dir: string,
    sizeBytes: number,
    options?: { time?: Date; onProgress?: (progress: BackupProgress) => void },
  ): Promise<{ snapshotId: string; addedBytes: number }>;
  /** Forgets the snapshots the policy does not keep, and frees what only they used. */
  applyRetention(policy: RetentionPolicy): Promise<void>;
  /** Checks the repository's structure and reads part `part` of `parts` of its data (all when parts is 1). */
  check(part: number, parts: number): Promise<void>;
  /** Restores a snapshot's contents into `target` (created if needed). */
  restore(snapshotId: string, target: string): Promise<void>;
}

/** Where snapshots are kept: a repository per configured location (restic, see src/adapters/restic/). */
export interface BackupStore {
  /** The programs it needs that are not installed, each named with how to install it. */
  missingPrograms(): string[];
  /** The location's repository; undefined where none is configured. */
  repository(location: BackupLocation): BackupRepository | undefined;
}

/** What reading and writing backups takes: the settings and the outside systems, built by the caller. */
export interface BackupAccess {
  settings: BackupSettings;
  store: BackupStore;
  postgres: PostgresTools;
}
