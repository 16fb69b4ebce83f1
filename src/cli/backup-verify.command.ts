import { loadConfig } from '../config.js';
import { verifyBackup } from '../core/backups/backup-verify.service.js';
import { backupAccessOf, describeSnapshot, parseBackupOptions } from './backup-cli.js';
import type { Command } from './command.js';

const usage = `Usage: groupz backup verify [--from local|remote] [--snapshot ID]

Restores a snapshot (the newest, or the one whose id starts with ID) of a backup location (local
by default, else the only one configured) into a temporary folder under <data dir>/backup/, and
checks it without touching the live database: its manifest.json, its files/ folder, and the
database copy: SQLite: PRAGMA integrity_check, the schema and the rows of every table against the
manifest; PostgreSQL: pg_restore reads the archive, and the rows of every table in it equal the
manifest's. The temporary folder is removed afterwards. Prints each check. Exit status: 0 when
every check passes, 1 otherwise, 2 on a usage error.`;

export const backupVerifyCommand: Command = {
  summary: 'restore a snapshot to a temporary folder and check it',
  usage,
  takesArguments: true,
  async run(args) {
    const options = parseBackupOptions('backup verify', usage, args, { from: { type: 'string' }, snapshot: { type: 'string' } });
    if (!options) return 2;
    const access = backupAccessOf(loadConfig(), 'backup verify');
    if (!access) return 1;
    const report = await verifyBackup(access, { from: options.from, snapshotId: options.snapshot });
    process.stdout.write(`${report.location}: ${describeSnapshot(report.snapshot)}\n`);
    const width = Math.max(...report.checks.map((check) => check.name.length));
    for (const check of report.checks)
      process.stdout.write(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.name.padEnd(width)}  ${check.detail}\n`);
    process.stdout.write(report.ok ? 'The snapshot is sound.\n' : 'The snapshot FAILED verification.\n');
    return report.ok ? 0 : 1;
  },
};
