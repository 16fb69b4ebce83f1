import { accessSync, constants, statSync } from 'node:fs';
import type { BackupAccess } from './backup-store.js';

function fileProblem(setting: string, file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile() ? undefined : `${setting}: ${file} is not a file`;
  } catch (error) {
    return `${setting}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/**
 * What would make every backup fail, found before the first one: unreadable files, a password
 * file others can read, a program the store needs (restic) or, for PostgreSQL, pg_dump and its
 * friends not installed. Empty when all is in place.
 */
export function backupSetupProblems(access: BackupAccess, dialect: 'sqlite' | 'postgres'): string[] {
  const { settings } = access;
  const problems = [
    fileProblem('GROUPZ_BACKUP_PASSWORD_FILE', settings.passwordFile),
    fileProblem('GROUPZ_BACKUP_SSH_KEY_FILE', settings.sshKeyFile),
    fileProblem('GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE', settings.sshKnownHostsFile),
  ];
  if (!problems[0]) {
    const { mode, size } = statSync(settings.passwordFile);
    if (mode & 0o004) problems.push(`GROUPZ_BACKUP_PASSWORD_FILE: ${settings.passwordFile} is readable by every user (chmod 600 or 640)`);
    if (size === 0) problems.push(`GROUPZ_BACKUP_PASSWORD_FILE: ${settings.passwordFile} is empty`);
  }
  problems.push(...access.store.missingPrograms());
  if (dialect === 'postgres') problems.push(...access.postgres.missingPrograms());
  return problems.filter((problem): problem is string => problem !== undefined);
}
