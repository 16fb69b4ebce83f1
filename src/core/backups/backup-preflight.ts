import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import type { BackupSettings } from './backup.js';

function fileProblem(setting: string, file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile() ? undefined : `${setting}: ${file} is not a file`;
  } catch (error) {
    return `${setting}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

function toolMissing(tool: string, install: string): string | undefined {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).error ? `${tool} is not installed (${install})` : undefined;
}

/**
 * What would make every backup fail, found before the first one: unreadable files, a password
 * file others can read, a missing restic (or, for PostgreSQL, pg_dump and friends). Empty when
 * all is in place.
 */
export function backupSetupProblems(settings: BackupSettings, dialect: 'sqlite' | 'postgres'): string[] {
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
  problems.push(toolMissing('restic', 'apt-get install restic'));
  if (dialect === 'postgres') {
    for (const tool of ['pg_dump', 'pg_restore', 'psql']) problems.push(toolMissing(tool, 'apt-get install postgresql-client'));
  }
  return problems.filter((problem): problem is string => problem !== undefined);
}
