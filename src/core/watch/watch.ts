/** A file system's space as statfs reports it, in bytes: what the platform may still use, and its size. */
export interface DiskSpace {
  free: number;
  total: number;
}

/** Reads the free space of the data directory's file system (src/adapters/disk/disk-space.ts; tests pass their own). */
export type DiskSpaceReader = () => Promise<DiskSpace>;

/** Space is low below either limit; a limit of 0 is off (GROUPZ_DISK_WARN_PERCENT, GROUPZ_DISK_WARN_SIZE). */
export interface DiskThresholds {
  percent: number;
  bytes: number;
}

export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = { percent: 10, bytes: 1024 ** 3 };

/** The watch over the data directory's free space and, with PostgreSQL, the database's answers. */
export interface WatchSettings {
  disk: DiskThresholds;
  /** Seconds between looks (GROUPZ_WATCH_INTERVAL). */
  intervalSeconds: number;
}

/**
 * Once low, space counts as back only above both limits with a tenth to spare: free space that
 * hovers at a limit would otherwise mail the admins at every look.
 */
export const RECOVERY_MARGIN = 1.1;

export function isLow(space: DiskSpace, limits: DiskThresholds): boolean {
  return (limits.percent > 0 && space.free * 100 < space.total * limits.percent) || (limits.bytes > 0 && space.free < limits.bytes);
}

export function isRecovered(space: DiskSpace, limits: DiskThresholds): boolean {
  return !isLow(space, { percent: limits.percent * RECOVERY_MARGIN, bytes: limits.bytes * RECOVERY_MARGIN });
}
