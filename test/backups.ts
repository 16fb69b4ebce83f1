import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BackupSettings } from '../src/core/backups/backup.js';
import type { BackupContext } from '../src/core/backups/backup-run.service.js';
import { backupAccess } from '../src/cli/backup-context.js';
import type { Clock } from '../src/core/shared/clock.js';
import type { TestDatabase } from './databases.js';
import type { TestSshd } from './sshd.js';

/** Backup settings for a test: a password file, the given repositories, the defaults otherwise. */
export function testBackupSettings(
  dir: string,
  repositories: BackupSettings['repositories'],
  sshd?: TestSshd,
  overrides: Partial<BackupSettings> = {},
): BackupSettings {
  mkdirSync(dir, { recursive: true });
  const passwordFile = join(dir, 'backup-password');
  writeFileSync(passwordFile, 'correct horse battery staple\n', { mode: 0o600 });
  return {
    repositories,
    passwordFile,
    sshKeyFile: sshd?.keyFile,
    sshKnownHostsFile: sshd?.knownHostsFile,
    time: '03:00',
    retention: { keepDays: 14, daily: 30, weekly: 12, monthly: 12 },
    checkSubsets: 7,
    workDir: join(dir, 'backup'),
    ...overrides,
  };
}

/** The backups of these settings as the platform builds them: restic, PostgreSQL's tools. */
export { backupAccess };

/** What runBackup needs for a test database, whose data dir is its GROUPZ_DATA_DIR. */
export function testBackupContext(database: TestDatabase, clock: Clock, settings: BackupSettings): BackupContext {
  const dataDir = database.env.GROUPZ_DATA_DIR!;
  return {
    // Where the platform keeps it: inside the data dir (which a backup must then leave out).
    ...backupAccess({ ...settings, workDir: join(dataDir, 'backup') }),
    db: database.db,
    clock,
    source: { db: database.db, dialect: database.dialect, url: database.env.GROUPZ_DATABASE_URL || undefined },
    dataDir,
    sqliteFile: join(dataDir, 'groupz.sqlite'),
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'groupz-backup-test-'));
}
