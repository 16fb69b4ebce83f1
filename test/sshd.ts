import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';
import { hasTool } from './tools.js';

export const INSTALL_BACKUP_TOOLS = 'apt-get install -y restic openssh-server openssh-client';

/** The user the test sshd lets in: a system account the suite creates when missing (as root). */
export const SFTP_USER = 'groupz-backup-test';

/** Whether restic, sshd and ssh are here and this process may run sshd as root and add the test user. */
export function backupToolsAvailable(): boolean {
  return (
    hasTool('restic') &&
    hasTool('ssh') &&
    hasTool('ssh-keygen') &&
    spawnSync('/usr/sbin/sshd', ['-V']).error === undefined &&
    process.getuid?.() === 0
  );
}

/** An sshd on 127.0.0.1 of the test's own: its host key, one client key, and a repository folder. */
export interface TestSshd {
  port: number;
  /** The client's private key (GROUPZ_BACKUP_SSH_KEY_FILE). */
  keyFile: string;
  /** A known_hosts file with this sshd's host key (GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE). */
  knownHostsFile: string;
  /** An sftp: repository URL for a folder of the test user's. */
  repository(name: string): string;
  /** The folder behind repository(name), on this machine. */
  repositoryPath(name: string): string;
  /** Stops the daemon (connections are refused after); start() brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes every file. */
  close(): Promise<void>;
}

function ensureTestUser(): { uid: number; gid: number; home: string } {
  if (spawnSync('id', ['-u', SFTP_USER]).status !== 0) {
    execFileSync('useradd', ['--system', '--create-home', '--home-dir', `/var/lib/${SFTP_USER}`, '--shell', '/bin/sh', SFTP_USER]);
  }
  // A locked account ("!" as password) may not log in at all, even with a key: make it "no password".
  execFileSync('usermod', ['-p', '*', SFTP_USER]);
  const uid = Number(execFileSync('id', ['-u', SFTP_USER]).toString());
  const gid = Number(execFileSync('id', ['-g', SFTP_USER]).toString());
  return { uid, gid, home: `/var/lib/${SFTP_USER}` };
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startTestSshd(): Promise<TestSshd> {
  const user = ensureTestUser();
  const dir = mkdtempSync(join(tmpdir(), 'groupz-sshd-'));
  chmodSync(dir, 0o755);
  const repositories = join(user.home, `repos-${dir.split('-').pop()}`);
  mkdirSync(repositories, { recursive: true, mode: 0o700 });
  chownSync(repositories, user.uid, user.gid);
  const hostKey = join(dir, 'host_ed25519');
  const keyFile = join(dir, 'client_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, readFileSync(`${keyFile}.pub`), { mode: 0o644 });
  const port = await freePort();
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8').trim()}\n`);
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      `AllowUsers ${SFTP_USER}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin no',
      'UsePAM no',
      'StrictModes no',
      'Subsystem sftp internal-sftp',
      'LogLevel VERBOSE',
    ].join('\n') + '\n',
  );
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  let daemon: ChildProcess | undefined;
  let log = '';
  const start = async () => {
    daemon = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    daemon.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await listening(port))) {
      if (daemon.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start: ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async () => {
    if (!daemon || daemon.exitCode !== null) return;
    const exited = once(daemon, 'exit');
    daemon.kill('SIGTERM');
    await exited;
  };
  await start();
  return {
    port,
    keyFile,
    knownHostsFile,
    repository: (name) => `sftp://${SFTP_USER}@127.0.0.1:${port}/${join(repositories, name)}`,
    repositoryPath: (name) => join(repositories, name),
    stop,
    start,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
      rmSync(repositories, { recursive: true, force: true });
    },
  };
}
