import { rmSync } from 'node:fs';
import type { Db } from '../../db/schema.js';
import { type Job, runJobOnce } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { BACKUP_LOCATIONS, type BackupLocation, type BackupSettings, type BackupTrigger, type LocationOutcome } from './backup.js';
import { alertFailedBackup, alertStaleBackups } from './backup-alerts.service.js';
import { failInterruptedRuns, finishBackupRun, insertBackupRun, lastBackupStart, latestBackupRuns } from './backup-runs.repository.js';
import { backupDue, checkPartFor } from './backup-schedule.js';
import { type StagedBackup, stageBackup, stagingDir, type StagingSource } from './backup-staging.js';
import type { BackupAccess, BackupProgress } from './backup-store.js';

/** What a backup run needs: the live database, where the data dir is, the settings and where snapshots go. */
export interface BackupContext extends StagingSource, BackupAccess {
  db: Db;
  clock: Clock;
}

export type BackupStep = 'staging' | 'backup' | 'retention' | 'check';

export interface BackupObserver {
  onStep?(location: BackupLocation | undefined, step: BackupStep): void;
  onProgress?(location: BackupLocation, progress: BackupProgress): void;
}

export const BACKUP_JOB = 'backup';

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/** The locations with a repository, local first. */
export function configuredLocations(settings: BackupSettings): BackupLocation[] {
  return BACKUP_LOCATIONS.filter((location) => settings.repositories[location]);
}

/** Stores the staged snapshot in one location, then applies retention and checks the repository. */
async function backUpTo(
  context: BackupContext,
  location: BackupLocation,
  staged: StagedBackup,
  observer: BackupObserver,
): Promise<{ snapshotId: string; addedBytes: number }> {
  const repository = context.store.repository(location)!;
  observer.onStep?.(location, 'backup');
  await repository.ensure();
  const made = await repository.snapshot(staged.dir, staged.sizeBytes, {
    onProgress: (progress) => observer.onProgress?.(location, progress),
  });
  observer.onStep?.(location, 'retention');
  await repository.applyRetention(context.settings.retention);
  observer.onStep?.(location, 'check');
  const parts = context.settings.checkSubsets;
  await repository.check(checkPartFor(context.clock.now(), parts), parts);
  return made;
}

/**
 * One backup run: a consistent copy of the database and the data dir's files, stored in each
 * configured location, each location on its own: one failing never stops the other. Every
 * location's outcome is recorded; a failure is mailed to the admins.
 */
export async function runBackup(context: BackupContext, trigger: BackupTrigger, observer: BackupObserver = {}): Promise<LocationOutcome[]> {
  const { db, clock, settings } = context;
  const runId = newId();
  const rows = configuredLocations(settings).map((location) => ({ id: newId(), location }));
  for (const row of rows) {
    await insertBackupRun(db, { id: row.id, runId, location: row.location, trigger, startedAt: clock.now().toISOString() });
  }
  let staged: StagedBackup | undefined;
  let stagingError: string | undefined;
  try {
    observer.onStep?.(undefined, 'staging');
    staged = await stageBackup(context, clock.now());
  } catch (error) {
    stagingError = `cannot copy the data: ${messageOf(error)}`;
  }
  const outcomes: LocationOutcome[] = [];
  try {
    for (const row of rows) {
      let outcome: LocationOutcome;
      try {
        if (!staged) throw new Error(stagingError);
        const made = await backUpTo(context, row.location, staged, observer);
        outcome = {
          location: row.location,
          ok: true,
          snapshotId: made.snapshotId,
          sizeBytes: staged.sizeBytes,
          addedBytes: made.addedBytes,
        };
        await finishBackupRun(db, row.id, { status: 'succeeded', finishedAt: clock.now().toISOString(), ...outcome });
      } catch (error) {
        outcome = { location: row.location, ok: false, error: messageOf(error) };
        await finishBackupRun(db, row.id, { status: 'failed', finishedAt: clock.now().toISOString(), error: outcome.error });
        await alertFailedBackup(db, clock, { runRowId: row.id, location: row.location, error: outcome.error });
      }
      outcomes.push(outcome);
    }
  } finally {
    // Also after a staging that failed halfway: the folder may hold a database copy and keys.
    rmSync(stagingDir(settings), { recursive: true, force: true });
  }
  return outcomes;
}

/** Whether the nightly run is due now (see backupDue). */
export async function isBackupDue(context: BackupContext, now: Date): Promise<boolean> {
  const successes = await Promise.all(
    configuredLocations(context.settings).map(
      async (location) => (await latestBackupRuns(context.db, location)).lastSuccess?.finishedAt ?? undefined,
    ),
  );
  return backupDue(now, context.settings.time, await lastBackupStart(context.db), successes);
}

/** The backup job's lease: longer than the longest run we expect; restic's own locks guard the rest. */
const BACKUP_LEASE_SECONDS = 6 * 3600;

/**
 * A run now (`groupz backup run`), under the nightly job's lease, so never beside another run of
 * any instance; 'busy' when one is going on.
 */
export async function runBackupNow(context: BackupContext, observer: BackupObserver = {}): Promise<LocationOutcome[] | 'busy'> {
  let outcomes: LocationOutcome[] = [];
  const job = {
    name: BACKUP_JOB,
    everySeconds: 0,
    leaseSeconds: BACKUP_LEASE_SECONDS,
    run: async () => {
      outcomes = await runBackup(context, 'manual', observer);
    },
  };
  return (await runJobOnce(context.db, context.clock, newId(), job)) === 'busy' ? 'busy' : outcomes;
}

/**
 * The scheduler's job: every minute, under the lease (one instance at a time), it closes runs cut
 * off earlier, runs the backup when due (nightly at GROUPZ_BACKUP_TIME, and at once when a
 * location is more than a day behind), and warns the admins about locations without a recent
 * success.
 */
export function backupJob(context: BackupContext, onOutcome: (outcome: LocationOutcome) => void = () => {}): Job {
  return {
    name: BACKUP_JOB,
    everySeconds: 60,
    leaseSeconds: BACKUP_LEASE_SECONDS,
    run: async (now) => {
      await failInterruptedRuns(context.db, now.toISOString());
      if (await isBackupDue(context, now)) (await runBackup(context, 'schedule')).forEach(onOutcome);
      await alertStaleBackups(context.db, context.clock, context.settings);
    },
  };
}
