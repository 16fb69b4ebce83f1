import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server-process.js';
import { hasTool, missingRequirement, runTool } from '../../tools.js';

const DROP_IN = fileURLToPath(new URL('../../../deploy/sshd/groupz.conf', import.meta.url));
/** Two accounts of the test's own on this machine: one in the group the drop-in lets in, one not. */
const ADMIN = 'gz-ssh-admin';
const OUTSIDER = 'gz-ssh-outsider';

function ensureAccounts(): void {
  if (spawnSync('getent', ['group', 'groupz-ssh']).status !== 0) execFileSync('groupadd', ['--system', 'groupz-ssh']);
  for (const [user, groups] of [
    [ADMIN, ['--groups', 'groupz-ssh']],
    [OUTSIDER, []],
  ] as const) {
    if (spawnSync('id', ['-u', user]).status !== 0) {
      execFileSync('useradd', ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/bin/sh', ...groups, user]);
    }
    // A locked account ("!") may not log in even with a key when sshd runs without PAM: "no password".
    execFileSync('usermod', ['-p', '*', user]);
  }
}

if (process.getuid?.() !== 0 || !existsSync('/usr/sbin/sshd') || !hasTool('ssh') || !hasTool('ssh-keygen')) {
  missingRequirement('sshd, ssh and ssh-keygen, as root (the sshd drop-in test)', 'apt-get install -y openssh-server openssh-client');
} else {
  describe('the sshd drop-in, in a real sshd that includes it first (as Debian and Ubuntu do)', () => {
    let dir: string;
    let config: string;
    let port: number;
    let daemon: ChildProcess;
    let log = '';

    const ssh = (user: string, extra: string[] = [], command = ['true']) =>
      runTool(
        'ssh',
        [
          '-p',
          String(port),
          '-i',
          join(dir, `key-${user}`),
          '-o',
          'IdentitiesOnly=yes',
          '-o',
          'BatchMode=yes',
          '-o',
          `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
          '-o',
          'StrictHostKeyChecking=yes',
          ...extra,
          `${user}@127.0.0.1`,
          ...command,
        ],
        20,
      );

    before(async () => {
      ensureAccounts();
      dir = mkdtempSync(join(tmpdir(), 'groupz-sshd-dropin-'));
      chmodSync(dir, 0o755); // sshd reads the keys as the user logging in
      port = await freePort();
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host')]);
      writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host.pub'), 'utf8')}`);
      mkdirSync(join(dir, 'keys'));
      for (const user of [ADMIN, OUTSIDER, 'root']) {
        execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, `key-${user}`)]);
        writeFileSync(join(dir, 'keys', user), readFileSync(join(dir, `key-${user}.pub`)), { mode: 0o644 });
      }
      config = join(dir, 'sshd_config');
      writeFileSync(
        config,
        [
          `Include ${DROP_IN}`,
          `Port ${port}`,
          'ListenAddress 127.0.0.1',
          `HostKey ${join(dir, 'host')}`,
          `PidFile ${join(dir, 'sshd.pid')}`,
          `AuthorizedKeysFile ${join(dir, 'keys')}/%u`,
          'StrictModes no',
          'UsePAM no',
          // What the distributions' own sshd_config says after the Include: the drop-in must win.
          'PasswordAuthentication yes',
          'KbdInteractiveAuthentication yes',
          'X11Forwarding yes',
          '',
        ].join('\n'),
      );
      mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
      daemon = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      daemon.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const deadline = Date.now() + 10_000;
      while (!log.includes('Server listening')) {
        if (daemon.exitCode !== null || Date.now() > deadline) throw new Error(`sshd did not start: ${log}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });

    after(async () => {
      if (daemon?.exitCode === null) {
        const exited = once(daemon, 'exit');
        daemon.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    test('sshd -t accepts it, and in effect it turns off everything but keys for groupz-ssh', () => {
      const checked = spawnSync('/usr/sbin/sshd', ['-t', '-f', config], { encoding: 'utf8' });
      assert.equal(checked.status, 0, checked.stderr);
      assert.equal(checked.stderr, '');
      const effective = execFileSync('/usr/sbin/sshd', ['-T', '-f', config, '-C', `user=${ADMIN},host=client,addr=203.0.113.7`], {
        encoding: 'utf8',
      });
      for (const line of [
        'pubkeyauthentication yes',
        'authenticationmethods publickey',
        'passwordauthentication no',
        'kbdinteractiveauthentication no',
        'permitrootlogin no',
        'allowgroups groupz-ssh',
        'maxauthtries 3',
        'logingracetime 30',
        'x11forwarding no',
        'allowagentforwarding no',
        'allowtcpforwarding no',
        'disableforwarding yes',
        'loglevel VERBOSE',
      ]) {
        assert.ok(effective.split('\n').includes(line), line);
      }
    });

    test('an administrator (in groupz-ssh) logs in with a key, and the log names the key', async () => {
      const result = await ssh(ADMIN);
      assert.equal(result.code, 0, result.output + log);
      assert.match(log, new RegExp(`Accepted publickey for ${ADMIN} from 127\\.0\\.0\\.1 port \\d+ ssh2: ED25519 SHA256:`));
      assert.match(log, /Accepted key ED25519 SHA256:\S+ found at /, 'LogLevel VERBOSE');
    });

    test('a user with a key outside groupz-ssh is refused, and so is root', async () => {
      for (const user of [OUTSIDER, 'root']) {
        const result = await ssh(user);
        assert.equal(result.code, 255, `${user}: ${result.output}`);
        assert.match(result.output, /Permission denied/);
        assert.match(
          log,
          new RegExp(`User ${user} from 127\\.0\\.0\\.1 not allowed because none of user's groups are listed in AllowGroups`),
        );
      }
    });

    test('only a key is asked for: no password, no keyboard-interactive prompt', async () => {
      const result = await ssh(ADMIN, ['-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password,keyboard-interactive']);
      assert.equal(result.code, 255);
      assert.match(result.output, /Permission denied \(publickey\)\./);
    });

    test('no forwarding through the server', async () => {
      const result = await ssh(ADMIN, ['-W', `127.0.0.1:${port}`], []);
      assert.notEqual(result.code, 0);
      assert.match(result.output, /administratively prohibited/);
    });
  });
}
