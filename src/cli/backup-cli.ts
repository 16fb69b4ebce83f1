import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import { BACKUP_LOCATIONS, type BackupLocation } from '../core/backups/backup.js';
import type { BackupAccess } from '../core/backups/backup-store.js';
import { VENUE_ZONE } from '../core/shared/time.js';
import { backupSetupProblems } from '../core/backups/backup-preflight.js';
import { formatBytes as formatSize } from '../core/i18n/format.js';
import { backupAccess } from './backup-context.js';

/** The configured backups, or (written to stderr) why there are none or they cannot work. */
export function backupAccessOf(config: Config, command: string): BackupAccess | undefined {
  if (config.backup) {
    const access = backupAccess(config.backup);
    const problems = backupSetupProblems(access, config.databaseUrl ? 'postgres' : 'sqlite');
    if (problems.length === 0) return access;
    process.stderr.write(`groupz ${command}: the backup cannot run:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    return undefined;
  }
  process.stderr.write(
    `groupz ${command}: no backup is configured. Set GROUPZ_BACKUP_LOCAL_REPO and/or GROUPZ_BACKUP_REMOTE_REPO (the restic repositories) and GROUPZ_BACKUP_PASSWORD_FILE (see docs/backups.md).\n`,
  );
  return undefined;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * The command's options, `--from` checked to be a location; undefined (the problem and the usage
 * written to stderr: exit 2) when they are not valid.
 */
export function parseBackupOptions<T extends Options>(command: string, usage: string, args: string[], options: T) {
  const refuse = (problem: string) => {
    process.stderr.write(`groupz ${command}: ${problem}\n\n${usage}\n`);
    return undefined;
  };
  try {
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
    const from = (values as { from?: string }).from;
    if (from !== undefined && !(BACKUP_LOCATIONS as readonly string[]).includes(from))
      return refuse(`--from must be ${BACKUP_LOCATIONS.join(' or ')}`);
    return { ...values, from: from as BackupLocation | undefined };
  } catch (error) {
    return refuse((error as Error).message);
  }
}

/** A size as the back office shows it (decimal units: 1 kB is 1000 bytes); '?' when unknown. */
export function formatBytes(bytes: number | undefined): string {
  return bytes === undefined ? '?' : formatSize(bytes, 'en');
}

/** An instant as Amsterdam's local date and time. */
export function amsterdamTime(instant: string): string {
  return DateTime.fromISO(instant, { zone: VENUE_ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

/** How long ago: minutes, hours or days. */
export function formatAge(instant: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(instant)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}

/** One snapshot in a line: its short id, when (Amsterdam time) and its size. */
export function describeSnapshot(snapshot: { shortId: string; time: string; sizeBytes: number | undefined }): string {
  return `snapshot ${snapshot.shortId}, made ${amsterdamTime(snapshot.time)} (Amsterdam time), ${formatBytes(snapshot.sizeBytes)}`;
}
