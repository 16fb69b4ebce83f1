import { spawn } from 'node:child_process';
import type { BackupLocation, BackupSettings, RetentionPolicy } from '../../core/backups/backup.js';
import { type BackupProgress, BackupStoreError, NoRepositoryError, type Snapshot } from '../../core/backups/backup-store.js';

/** How to reach one repository: restic's repository string, its password file, and options. */
export interface ResticAccess {
  location: BackupLocation;
  repository: string;
  passwordFile: string;
  cacheDir: string;
  /** restic `-o` options, e.g. the ssh command of an sftp repository. */
  options: string[];
}

/** A restic command that failed: its exit code and the last lines it wrote to stderr. */
export class ResticError extends BackupStoreError {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`restic ${command} failed${exitCode === null ? '' : ` (exit ${exitCode})`}: ${lastLines(stderr) || 'no output'}`);
  }
}

/** Tag on every Groupz snapshot; `size:<bytes>` beside it records the snapshot's size. */
export const SNAPSHOT_TAG = 'groupz';
/** The host name every snapshot is made under, so any server can restore it and retention sees one series. */
export const SNAPSHOT_HOST = 'groupz';

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
}

export function resticAccess(settings: BackupSettings, location: BackupLocation): ResticAccess | undefined {
  const repository = settings.repositories[location];
  if (!repository) return undefined;
  const sftp = sftpCommand(repository, settings);
  return {
    location,
    repository,
    passwordFile: settings.passwordFile,
    cacheDir: `${settings.workDir}/cache`,
    options: sftp ? [`sftp.command=${sftp}`] : [],
  };
}

/** Double-quoted for restic's own splitting of the command line. */
function quoted(value: string): string {
  return `"${value.replace(/(["\\])/g, '\\$1')}"`;
}

/**
 * The ssh command restic runs for an `sftp:user@host:/path` or `sftp://user@host:port/path`
 * repository: the configured key and known_hosts, a strict host key check, no prompts, and
 * timeouts so that an unreachable host fails the run instead of hanging it.
 */
function sftpCommand(repository: string, settings: BackupSettings): string | undefined {
  let target: string;
  let port: string | undefined;
  if (repository.startsWith('sftp://')) {
    const url = new URL(repository);
    target = `${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.hostname}`;
    port = url.port || undefined;
  } else if (repository.startsWith('sftp:')) {
    target = repository.slice('sftp:'.length).split(':')[0]!;
  } else {
    return undefined;
  }
  const parts = ['ssh'];
  if (port) parts.push('-p', port);
  if (settings.sshKeyFile) parts.push('-i', quoted(settings.sshKeyFile), '-o', 'IdentitiesOnly=yes');
  if (settings.sshKnownHostsFile) parts.push('-o', quoted(`UserKnownHostsFile=${settings.sshKnownHostsFile}`));
  parts.push('-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=15');
  parts.push('-o', 'ServerAliveInterval=15', '-o', 'ServerAliveCountMax=4', quoted(target), '-s', 'sftp');
  return parts.join(' ');
}

/** The environment restic runs in: ours without RESTIC_* (which would override the access given). */
function resticEnvironment(access: ResticAccess): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('RESTIC_')));
  return { ...env, RESTIC_REPOSITORY: access.repository, RESTIC_PASSWORD_FILE: access.passwordFile };
}

/** How long a command that finds the repository locked by another restic keeps trying, and how often. */
const LOCK_WAIT_MS = 10 * 60 * 1000;
const LOCK_RETRY_MS = 3000;

function lockedByOther(error: unknown): boolean {
  return error instanceof ResticError && /repository is already locked|lock was created at/.test(error.stderr);
}

/**
 * Runs `restic <args>`, and while the repository is locked by another restic (a listing, a
 * verify, a run of another instance) tries again every few seconds for up to ten minutes: restic
 * 0.14 cannot wait for a lock itself.
 */
export async function resticWhenUnlocked(
  access: ResticAccess,
  args: string[],
  options: { cwd?: string; onLine?: (line: string) => void } = {},
): Promise<string> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await restic(access, args, options);
    } catch (error) {
      if (!lockedByOther(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}

/**
 * Runs `restic <args>` against the repository and returns what it printed on stdout. Each stdout
 * line also goes to `onLine` as it comes (progress). A non-zero exit throws a ResticError.
 */
export function restic(
  access: ResticAccess,
  args: string[],
  options: { cwd?: string; onLine?: (line: string) => void } = {},
): Promise<string> {
  // restic reads each -o value as a CSV field: quoted, with its quotes doubled.
  const global = ['--cache-dir', access.cacheDir, ...access.options.flatMap((option) => ['-o', `"${option.replaceAll('"', '""')}"`])];
  const child = spawn('restic', [...global, ...args], {
    cwd: options.cwd,
    env: resticEnvironment(access),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (!options.onLine) return;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    lines.forEach((line) => options.onLine!(line));
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const command = args.find((arg) => !arg.startsWith('-')) ?? '';
    child.on('error', (error) =>
      reject(new ResticError(command, null, `cannot start restic (${error.message}): is it installed? apt-get install restic`)),
    );
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new ResticError(command, code, stderr))));
  });
}

function noRepository(error: unknown): boolean {
  return error instanceof ResticError && /Is there a repository at the following location\?/.test(error.stderr);
}

/** Creates the repository unless it exists. */
export async function ensureRepository(access: ResticAccess): Promise<void> {
  try {
    await restic(access, ['cat', 'config']);
  } catch (error) {
    if (!noRepository(error)) throw error;
    await restic(access, ['init']);
  }
}

interface SnapshotJson {
  id: string;
  short_id: string;
  time: string;
  tags?: string[];
}

/** The Groupz snapshots in the repository, oldest first (sizes from their `size:` tags); a NoRepositoryError when there is none. */
export async function listSnapshots(access: ResticAccess): Promise<Snapshot[]> {
  let output: string;
  try {
    // Reading needs no lock, so a listing never gets in the way of a run (restic's locks are not waited for).
    output = await restic(access, ['--no-lock', 'snapshots', '--json', '--tag', SNAPSHOT_TAG]);
  } catch (error) {
    if (noRepository(error)) throw new NoRepositoryError(`there is no restic repository at ${access.repository} yet`, { cause: error });
    throw error;
  }
  const snapshots = JSON.parse(output) as SnapshotJson[] | null;
  return (snapshots ?? [])
    .map((s) => {
      const size = s.tags?.find((tag) => tag.startsWith('size:'));
      return { id: s.id, shortId: s.short_id, time: new Date(s.time).toISOString(), sizeBytes: size ? Number(size.slice(5)) : undefined };
    })
    .sort((a, b) => a.time.localeCompare(b.time));
}

/**
 * Backs up the contents of `dir` (as the snapshot's root) and returns the new snapshot's id and
 * the bytes it added to the repository. `time` backdates the snapshot (tests of retention).
 */
export async function backupDirectory(
  access: ResticAccess,
  dir: string,
  sizeBytes: number,
  options: { time?: Date; onProgress?: (progress: BackupProgress) => void } = {},
): Promise<{ snapshotId: string; addedBytes: number }> {
  const args = ['backup', '--json', '--host', SNAPSHOT_HOST, '--tag', `${SNAPSHOT_TAG},size:${sizeBytes}`];
  if (options.time) args.push('--time', options.time.toISOString().slice(0, 19).replace('T', ' '));
  let summary: Record<string, unknown> | undefined;
  await resticWhenUnlocked(access, [...args, '.'], {
    cwd: dir,
    onLine: (line) => {
      const message = parseJsonLine(line);
      if (message?.message_type === 'summary') summary = message;
      if (message?.message_type === 'status' && options.onProgress) {
        options.onProgress({
          done: Number(message.percent_done ?? 0),
          bytesDone: Number(message.bytes_done ?? 0),
          totalBytes: Number(message.total_bytes ?? 0),
        });
      }
    },
  });
  if (typeof summary?.snapshot_id !== 'string') throw new ResticError('backup', 0, 'restic reported no snapshot');
  return { snapshotId: summary.snapshot_id, addedBytes: Number(summary.data_added ?? 0) };
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Applies the retention policy to the Groupz snapshots and prunes what they no longer use. */
export async function applyRetention(access: ResticAccess, policy: RetentionPolicy): Promise<void> {
  // Removes only locks left by restic processes that died; a live run's lock stays.
  await restic(access, ['unlock']);
  await resticWhenUnlocked(access, [
    'forget',
    '--prune',
    '--tag',
    SNAPSHOT_TAG,
    '--group-by',
    'host',
    '--keep-within',
    `${policy.keepDays}d`,
    '--keep-daily',
    String(policy.daily),
    '--keep-weekly',
    String(policy.weekly),
    '--keep-monthly',
    String(policy.monthly),
  ]);
}

/** Checks the repository's structure and reads part `part` of `parts` of its data (all when parts is 1). */
export async function checkRepository(access: ResticAccess, part: number, parts: number): Promise<void> {
  await resticWhenUnlocked(access, ['check', parts === 1 ? '--read-data' : `--read-data-subset=${part}/${parts}`]);
}

/** Restores a snapshot's contents into `target` (created if needed). */
export async function restoreSnapshot(access: ResticAccess, snapshotId: string, target: string): Promise<void> {
  await restic(access, ['--no-lock', 'restore', snapshotId, '--target', target]);
}
