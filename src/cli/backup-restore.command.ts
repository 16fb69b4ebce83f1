import { loadConfig } from '../config.js';
import { describeHoldings, restoreBackup, RestoreRefused, type RestoreStep } from '../core/backups/backup-restore.service.js';
import { systemClock } from '../core/shared/clock.js';
import { backupAccessOf, describeSnapshot, parseBackupOptions } from './backup-cli.js';
import type { Command } from './command.js';
import { openRuntime } from './runtime.js';

const usage = `Usage: groupz backup restore [--snapshot ID] [--from local|remote] [--yes]

Puts a snapshot back: the newest, or the one whose id starts with ID (see groupz backup list), of a
backup location (local by default, else the only one configured). Stop the platform first (e.g.
systemctl stop groupz): the restore refuses while any instance runs on the database. It refuses too
to replace a database that holds venues, bookings or staff accounts unless --yes is given, a
snapshot of the other database kind (SQLite or PostgreSQL) or made by a newer Groupz, and a
snapshot that fails the checks of groupz backup verify. It then keeps a copy of the current
database (and of the data dir's files it overwrites) in <data dir>/pre-restore-<time>/, replaces
the database, copies the snapshot's files (secret key, certificates, mail files) into the data dir,
overwriting but deleting nothing, and migrates the restored database to this version's schema. Exit
status: 0 when restored, 1 when refused or failed, 2 on a usage error.`;

const STEPS: Record<RestoreStep, string> = {
  restore: 'restoring the snapshot into a temporary folder',
  check: 'checking the snapshot',
  keep: 'keeping a copy of the current data',
  replace: 'replacing the database',
  files: 'copying the files into the data dir',
  migrate: 'migrating the restored database',
};

/** What an operator does about each refusal. */
const REMEDIES: Partial<Record<RestoreRefused['reason'], string>> = {
  database_holds_data: 'add --yes to replace it (a copy is kept first)',
  dialect_mismatch: 'restore it on a platform configured for that database (GROUPZ_DATABASE_URL)',
};

export const backupRestoreCommand: Command = {
  summary: 'put a snapshot back in place of the database and files',
  usage,
  takesArguments: true,
  async run(args) {
    const options = parseBackupOptions('backup restore', usage, args, {
      snapshot: { type: 'string' },
      from: { type: 'string' },
      yes: { type: 'boolean' },
    });
    if (!options) return 2;
    const config = loadConfig();
    const access = backupAccessOf(config, 'backup restore');
    if (!access) return 1;
    const { database } = await openRuntime(config);
    const target = { ...access, clock: systemClock, url: config.databaseUrl, sqliteFile: config.sqliteFile, dataDir: config.dataDir };
    try {
      const request = { from: options.from, snapshotId: options.snapshot, overwrite: options.yes === true };
      const report = await restoreBackup(database, target, request, (step) => process.stderr.write(`${STEPS[step]}\n`));
      const migrated =
        report.migrations.length > 0 ? `migrated to this version (${report.migrations.join(', ')})` : 'already at this version';
      process.stdout.write(
        [
          `Restored ${report.location} ${describeSnapshot(report.snapshot)}.`,
          `  database (${report.manifest.dialect}): ${describeHoldings(report.replaced)} replaced by ${describeHoldings(report.restored)}; schema ${migrated}`,
          `  files: ${report.filesRestored} copied into ${config.dataDir}`,
          ...(report.interruptedRuns > 0
            ? [
                `  the run that made the snapshot is recorded as a success here; its outcome at the other location is unknown (marked failed): ${report.interruptedRuns}`,
              ]
            : []),
          `  the data as it was before: ${report.preRestoreDir}`,
          'Start the platform again (e.g. systemctl start groupz).',
        ].join('\n') + '\n',
      );
      return 0;
    } catch (error) {
      if (!(error instanceof RestoreRefused)) throw error;
      const remedy = REMEDIES[error.reason];
      process.stderr.write(`groupz backup restore: refused: ${error.message}${remedy ? `; ${remedy}` : ''}. Nothing was changed.\n`);
      return 1;
    }
  },
};
