// A system image for `deploy/provision.sh --root`: accounts, an administrator with a key, a fake
// Node.js release with its SHASUMS256.txt, and the `groupz` command run from the sources (the app is
// not built under --root).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const checkout = fileURLToPath(new URL('../../..', import.meta.url));
export const PROVISION = join(checkout, 'deploy/provision.sh');
/** Numeric ids of the seeded accounts: files under the root belong to these, nothing on the host does. */
export const IDS = { groupz: 64990, alice: 64991, groupzSsh: 64992 };
export const NODE_RELEASE = 'v99.1.0';

export interface ProvisionRoot {
  dir: string;
  root: string;
  /** The options every run needs besides the ones a test varies. */
  base: string[];
  /** file:// URL of the fake Node.js releases. */
  nodeDist: string;
  /** Rewrites SHASUMS256.txt to claim another checksum for the release's tarball. */
  corruptChecksum(): void;
  close(): void;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function fakeNodeRelease(dir: string): string {
  const dist = join(dir, 'dist');
  const name = `node-${NODE_RELEASE}-linux-x64`;
  mkdirSync(join(dir, 'pkg', name, 'bin'), { recursive: true });
  writeFileSync(join(dir, 'pkg', name, 'bin', 'node'), `#!/bin/sh\necho ${NODE_RELEASE}\n`, { mode: 0o755 });
  mkdirSync(join(dist, NODE_RELEASE), { recursive: true });
  const tarball = join(dist, NODE_RELEASE, `${name}.tar.gz`);
  execFileSync('tar', ['-C', join(dir, 'pkg'), '-czf', tarball, name]);
  const sum = createHash('sha256').update(readFileSync(tarball)).digest('hex');
  writeFileSync(join(dist, NODE_RELEASE, 'SHASUMS256.txt'), `${'0'.repeat(64)}  node-${NODE_RELEASE}.tar.gz\n${sum}  ${name}.tar.gz\n`);
  // index.tab as nodejs.org publishes it: newest first, the LTS codename in the tenth column.
  const row = (version: string, lts: string) => [version, '2026-10-01', 'linux-x64', '-', '-', '-', '-', '-', '-', lts, '-'].join('\t');
  writeFileSync(
    join(dist, 'index.tab'),
    [
      ['version', 'date', 'files', 'npm', 'v8', 'uv', 'zlib', 'openssl', 'modules', 'lts', 'security'].join('\t'),
      row('v100.0.0', '-'),
      row(NODE_RELEASE, 'Testing'),
      '',
    ].join('\n'),
  );
  return dist;
}

/** A fresh image: the accounts useradd would have made, alice (key, sudo with a password), optionally an sshd_config. */
export function makeProvisionRoot(options: { sshdConfig?: boolean } = {}): ProvisionRoot {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-provision-'));
  const root = join(dir, 'root');
  mkdirSync(join(root, 'etc'), { recursive: true });
  writeFileSync(
    join(root, 'etc/passwd'),
    `root:x:0:0:root:/root:/bin/bash\ngroupz:x:${IDS.groupz}:${IDS.groupz}::/var/lib/groupz:/usr/sbin/nologin\nalice:x:${IDS.alice}:${IDS.alice}::/home/alice:/bin/bash\n`,
  );
  writeFileSync(
    join(root, 'etc/group'),
    `root:x:0:\nsudo:x:27:alice\ngroupz:x:${IDS.groupz}:\nalice:x:${IDS.alice}:\ngroupz-ssh:x:${IDS.groupzSsh}:alice\n`,
  );
  writeFileSync(join(root, 'etc/shadow'), 'root:*:20000:0:99999:7:::\nalice:$y$j9T$salt$hash:20000:0:99999:7:::\n', { mode: 0o640 });
  mkdirSync(join(root, 'home/alice/.ssh'), { recursive: true });
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice', '-f', join(dir, 'alice')]);
  writeFileSync(join(root, 'home/alice/.ssh/authorized_keys'), readFileSync(join(dir, 'alice.pub')));
  if (options.sshdConfig) {
    mkdirSync(join(root, 'etc/ssh/sshd_config.d'), { recursive: true });
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(root, 'etc/ssh/ssh_host_ed25519_key')]);
    // As Debian's and Ubuntu's: the drop-in folder first, then the distribution's own settings.
    writeFileSync(
      join(root, 'etc/ssh/sshd_config'),
      `Include ${root}/etc/ssh/sshd_config.d/*.conf\nHostKey ${root}/etc/ssh/ssh_host_ed25519_key\nKbdInteractiveAuthentication no\nUsePAM yes\nX11Forwarding yes\nSubsystem sftp /usr/lib/openssh/sftp-server\n`,
    );
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  }
  const nodeDist = `file://${fakeNodeRelease(dir)}`;
  const cli = join(dir, 'groupz');
  writeFileSync(
    cli,
    `#!/bin/sh
# The groupz command from the sources (the app is not built under --root).
cd ${checkout} && exec ${process.execPath} --import tsx src/cli/run-from-source.ts "$@"
`,
  );
  chmodSync(cli, 0o755);
  return {
    dir,
    root,
    base: ['--root', root, '--groupz-cli', cli, '--node-dist', nodeDist],
    nodeDist,
    corruptChecksum: () => {
      const file = join(dir, 'dist', NODE_RELEASE, 'SHASUMS256.txt');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^[0-9a-f]{64}(?=  node-v[\d.]+-linux)/m, 'f'.repeat(64)));
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Runs provision.sh with these arguments, outside any SSH session unless `env` says otherwise. */
export function provision(args: string[], env: Record<string, string> = {}): RunResult {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(SSH_|SUDO_)/.test(key)));
  const result = spawnSync('bash', [PROVISION, ...args], { env: { ...clean, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every path under `dir` with its type, mode, owner and content (or link target): equal snapshots, equal trees. */
export function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      const stat = lstatSync(full);
      const owner = `${(stat.mode & 0o7777).toString(8)} ${stat.uid}:${stat.gid}`;
      if (stat.isSymbolicLink()) entries[full.slice(dir.length)] = `link ${owner} -> ${readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        entries[full.slice(dir.length)] = `dir ${owner}`;
        walk(full);
      } else entries[full.slice(dir.length)] = `file ${owner} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
    }
  };
  if (existsSync(dir)) walk(dir);
  return entries;
}
