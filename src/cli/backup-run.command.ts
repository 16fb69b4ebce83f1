import { loadConfig } from '../config.js';
import type { BackupLocation } from '../core/backups/backup.js';
import { type BackupObserver, type BackupStep, runBackupNow } from '../core/backups/backup-run.service.js';
import { backupAccessOf, formatBytes } from './backup-cli.js';
import { backupContextOf } from './backup-context.js';
import type { Command } from './command.js';
import { openRuntime } from './runtime.js';

const STEPS: Record<BackupStep, string> = {
  staging: 'copying the database and files',
  backup: 'storing the snapshot',
  retention: 'applying the retention policy',
  check: 'checking the repository',
};

/**
 * Progress on stderr: on a terminal one line that keeps being rewritten, with restic's percentage;
 * otherwise (a log, a pipe) one line per step.
 */
function progressReporter(): BackupObserver & { end(): void } {
  const terminal = process.stderr.isTTY === true;
  const label = (location: BackupLocation | undefined, step: BackupStep) => (location ? `${location}: ${STEPS[step]}` : STEPS[step]);
  let shown = false;
  const show = (text: string) => {
    shown = text !== '';
    process.stderr.write(`\r\x1b[2K${text}`);
  };
  return {
    onStep: (location, step) => (terminal ? show(label(location, step)) : process.stderr.write(`${label(location, step)}\n`)),
    onProgress: (location, progress) => {
      if (terminal) show(`${label(location, 'backup')} ${Math.floor(progress.done * 100)}% of ${formatBytes(progress.totalBytes)}`);
    },
    end: () => {
      if (shown) show('');
    },
  };
}

export const backupRunCommand: Command = {
  summary: 'back up now, to every configured location',
  usage: `Usage: groupz backup run

Backs up now, as the nightly run does: a consistent copy of the database (SQLite: VACUUM INTO;
PostgreSQL: pg_dump) and the data dir's other files (secret key, certificates, mail files) go as a
restic snapshot to each configured location (GROUPZ_BACKUP_LOCAL_REPO, GROUPZ_BACKUP_REMOTE_REPO),
each on its own; then the retention policy is applied and part of each repository is checked.
Safe while the platform runs; refused while another backup runs. Shows the steps on stderr, and prints one line per location: the
snapshot and its size, or the error (also mailed to the admins). Exit status: 0 when every
location succeeded, 1 otherwise.`,
  async run() {
    const config = loadConfig();
    if (!backupAccessOf(config, 'backup run')) return 1;
    const { database } = await openRuntime(config);
    const progress = progressReporter();
    try {
      const outcomes = await runBackupNow(backupContextOf(config, database), progress);
      progress.end();
      if (outcomes === 'busy') {
        process.stderr.write(
          'groupz backup run: a backup is running already (the nightly one, or another backup run); nothing was started\n',
        );
        return 1;
      }
      const width = Math.max(...outcomes.map((outcome) => outcome.location.length));
      for (const outcome of outcomes) {
        const result = outcome.ok
          ? `snapshot ${outcome.snapshotId.slice(0, 8)}, ${formatBytes(outcome.sizeBytes)} (${formatBytes(outcome.addedBytes)} new in the repository)`
          : `FAILED: ${outcome.error}`;
        process.stdout.write(`${outcome.location.padEnd(width)}  ${result}\n`);
      }
      return outcomes.every((outcome) => outcome.ok) ? 0 : 1;
    } finally {
      progress.end();
      await database.close();
    }
  },
};
