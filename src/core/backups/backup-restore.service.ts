import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { connectDatabase, type DatabaseHandle } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { migrations } from '../../db/migrations/index.js';
import { runningInstances } from '../jobs/instance-heartbeat.service.js';
import type { Clock } from '../shared/clock.js';
import type { BackupLocation, BackupManifest } from './backup.js';
import { chooseLocation, chooseSnapshot, withRestoredSnapshot } from './backup-snapshot.js';
import type { BackupAccess, Snapshot } from './backup-store.js';
import { checkRestoredSnapshot } from './backup-verify.service.js';
import { dumpDatabase } from './database-dump.js';
import { replaceSqliteFile } from './database-restore.js';
import { databaseHoldings, type DatabaseHoldings, forgetPastInstances, settleRunsOfSnapshot } from './restore.repository.js';

/** Where the restore puts things (the configured database and data dir), and where it reads the snapshot. */
export interface RestoreTarget extends BackupAccess {
  clock: Clock;
  /** PostgreSQL's connection URL; undefined for SQLite. */
  url: string | undefined;
  sqliteFile: string;
  dataDir: string;
}

export interface RestoreRequest {
  from?: BackupLocation | undefined;
  /** The snapshot's id or a prefix of it; the newest when undefined. */
  snapshotId?: string | undefined;
  /** Replace a database that holds venues, bookings or staff. */
  overwrite: boolean;
}

export type RestoreStep = 'restore' | 'check' | 'keep' | 'replace' | 'files' | 'migrate';

export interface RestoreReport {
  location: BackupLocation;
  snapshot: Snapshot;
  manifest: BackupManifest;
  /** What the database held before, and holds now. */
  replaced: DatabaseHoldings;
  restored: DatabaseHoldings;
  /** Where the copy of the database (and of the files the restore overwrote) was kept. */
  preRestoreDir: string;
  filesRestored: number;
  migrations: string[];
  interruptedRuns: number;
}

export type RestoreRefusalReason = 'platform_running' | 'database_holds_data' | 'dialect_mismatch' | 'schema_unknown' | 'copy_unsound';

/** Why the restore did not start; nothing was changed. */
export class RestoreRefused extends Error {
  constructor(
    readonly reason: RestoreRefusalReason,
    message: string,
  ) {
    super(message);
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function describeHoldings(holdings: DatabaseHoldings): string {
  return `${plural(holdings.venues, 'venue', 'venues')}, ${plural(holdings.bookings, 'booking', 'bookings')} and ${plural(holdings.staff, 'staff account', 'staff accounts')}`;
}

async function refuseWhileRunning(database: DatabaseHandle, clock: Clock): Promise<void> {
  const running = await runningInstances(database.db, clock);
  if (running.length === 0) return;
  const now = clock.now().getTime();
  const list = running
    .map((i) => `host ${i.hostname}, pid ${i.pid}, seen ${Math.round((now - Date.parse(i.seenAt)) / 1000)} s ago`)
    .join('; ');
  throw new RestoreRefused(
    'platform_running',
    `the platform is running on this database (${list}): stop it first (e.g. systemctl stop groupz); if it stopped without a clean shutdown, try again once it was last seen 30 s ago`,
  );
}

/** The files of the snapshot's `files/`, relative to it. */
function filesIn(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesIn(path, base) : [relative(base, path)];
  });
}

/**
 * Keeps the live database (SQLite: VACUUM INTO; PostgreSQL: pg_dump) and the data dir's files the
 * restore will overwrite in `<data dir>/pre-restore-<time>/`, which backups leave out.
 */
async function keepCurrentData(database: DatabaseHandle, target: RestoreTarget, restoredFiles: string[]): Promise<string> {
  const dir = join(target.dataDir, `pre-restore-${target.clock.now().toISOString().replaceAll(':', '-')}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  await dumpDatabase({ db: database.db, dialect: database.dialect, url: target.url }, dir, target.postgres);
  for (const file of restoredFiles) {
    const current = join(target.dataDir, file);
    if (!existsSync(current) || !statSync(current).isFile()) continue;
    const kept = join(dir, 'files', file);
    mkdirSync(dirname(kept), { recursive: true, mode: 0o700 });
    copyFileSync(current, kept);
  }
  return dir;
}

/** The restored database brought up to date: migrated, the run that made the snapshot settled, past processes and sessions forgotten. */
async function settleRestoredDatabase(
  target: RestoreTarget,
  made: { location: BackupLocation; snapshot: Snapshot },
): Promise<{ migrations: string[]; interruptedRuns: number; restored: DatabaseHoldings }> {
  const database = connectDatabase({ url: target.url, sqliteFile: target.sqliteFile });
  try {
    const applied = await migrateToLatest(database.db);
    const { location, snapshot } = made;
    const interruptedRuns = await settleRunsOfSnapshot(database.db, {
      location,
      snapshotId: snapshot.shortId,
      sizeBytes: snapshot.sizeBytes,
      at: snapshot.time,
    });
    await forgetPastInstances(database.db);
    return { migrations: applied, interruptedRuns, restored: await databaseHoldings(database.db) };
  } finally {
    await database.close();
  }
}

/**
 * Restores a snapshot over the configured database and data dir. Refuses, changing nothing, while
 * a platform instance is running on the database, when the database holds data and `overwrite` is
 * not given, when the snapshot is of the other database kind or of a newer schema, or when its
 * database copy fails the checks of `groupz backup verify`. Otherwise keeps a copy of the current
 * data first, replaces the database, copies the snapshot's files into the data dir (overwriting,
 * deleting nothing) and migrates the restored database. Closes `database` in every case.
 */
export async function restoreBackup(
  database: DatabaseHandle,
  target: RestoreTarget,
  request: RestoreRequest,
  onStep: (step: RestoreStep) => void = () => {},
): Promise<RestoreReport> {
  let open = true;
  const close = async () => {
    if (open) await database.close();
    open = false;
  };
  try {
    await refuseWhileRunning(database, target.clock);
    const replaced = await databaseHoldings(database.db);
    if (!request.overwrite && replaced.venues + replaced.bookings + replaced.staff > 0) {
      throw new RestoreRefused('database_holds_data', `the database holds ${describeHoldings(replaced)}, which the restore would replace`);
    }
    const repository = chooseLocation(target, request.from);
    const snapshot = await chooseSnapshot(repository, request.snapshotId);
    onStep('restore');
    return await withRestoredSnapshot(target.settings, repository, snapshot, async (restored) => {
      const { manifest } = restored;
      if (manifest && manifest.dialect !== database.dialect) {
        throw new RestoreRefused(
          'dialect_mismatch',
          `snapshot ${snapshot.shortId} holds a ${manifest.dialect} database and the configured database is ${database.dialect}`,
        );
      }
      if (manifest?.migration && !(manifest.migration in migrations)) {
        throw new RestoreRefused(
          'schema_unknown',
          `snapshot ${snapshot.shortId} was made by a newer Groupz (migration ${manifest.migration}): install that version first`,
        );
      }
      onStep('check');
      const failed = (await checkRestoredSnapshot(restored, target.postgres)).filter((check) => !check.ok);
      if (!manifest || failed.length > 0) {
        throw new RestoreRefused(
          'copy_unsound',
          `snapshot ${snapshot.shortId} fails its checks: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`,
        );
      }
      const files = filesIn(join(restored.dir, 'files'));
      onStep('keep');
      const preRestoreDir = await keepCurrentData(database, target, files);
      await refuseWhileRunning(database, target.clock);
      await close();
      try {
        onStep('replace');
        const copy = join(restored.dir, manifest.databaseFile);
        if (database.dialect === 'sqlite') replaceSqliteFile(copy, target.sqliteFile);
        else await target.postgres.replace(copy, target.url!, restored.dir);
        onStep('files');
        cpSync(join(restored.dir, 'files'), target.dataDir, { recursive: true, force: true });
        onStep('migrate');
        const settled = await settleRestoredDatabase(target, { location: repository.location, snapshot });
        return { location: repository.location, snapshot, manifest, replaced, preRestoreDir, filesRestored: files.length, ...settled };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`the restore failed: ${message}; the data as it was before is kept in ${preRestoreDir}`, { cause: error });
      }
    });
  } finally {
    await close();
  }
}
