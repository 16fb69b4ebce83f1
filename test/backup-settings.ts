import type { BackupLocation, BackupSettings } from '../src/core/backups/backup.js';

/**
 * Backup settings with these repositories (the production defaults otherwise), for tests that read
 * the runs and never start restic: the paths are not touched.
 */
export function backupSettingsFor(repositories: Partial<Record<BackupLocation, string>>): BackupSettings {
  return {
    repositories: { local: repositories.local, remote: repositories.remote },
    passwordFile: '/nonexistent/backup-password',
    sshKeyFile: undefined,
    sshKnownHostsFile: undefined,
    time: '03:00',
    retention: { keepDays: 14, daily: 30, weekly: 12, monthly: 12 },
    checkSubsets: 7,
    workDir: '/nonexistent/backup',
  };
}
