import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import { BAD_ALLOWLIST_ENTRIES } from '../../allowlist.js';
import { hasTool, missingRequirement } from '../../tools.js';
import {
  IDS,
  makeProvisionRoot,
  NODE_RELEASE,
  PROVISION,
  provision,
  type ProvisionRoot,
  type RunResult,
  snapshot,
} from './provision-fixture.js';

const OPTIONS = [
  '--public-url',
  'https://bookings.example.nl',
  '--acme-email',
  'ops@example.nl',
  '--ssh-allow',
  '203.0.113.7,2001:db8::/32',
  '--admin',
  'alice',
];
/** What provision.sh does only because something changed: a run that found nothing to do prints none of it. */
const TRIGGERED = /(not run|would run): .*(daemon-reload|restart|reload|npm|useradd|groupadd|usermod|gpasswd|chown)/;
const SSHD = existsSync('/usr/sbin/sshd');
const deployFile = (path: string) => readFileSync(new URL(path, new URL('../../../deploy/', import.meta.url)), 'utf8');

const read = (image: ProvisionRoot, path: string) => readFileSync(join(image.root, path), 'utf8');
const secretOf = (image: ProvisionRoot) => /^GROUPZ_SECRET_KEY=(.*)$/m.exec(read(image, 'etc/groupz/groupz.env'))?.[1];
const output = (run: RunResult) => run.stdout + run.stderr;
const ok = (run: RunResult) => assert.equal(run.code, 0, output(run));
/** The paths whose entry differs between two snapshots. */
const changed = (a: Record<string, string>, b: Record<string, string>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((path) => a[path] !== b[path]).sort();

if (!hasTool('shellcheck')) {
  missingRequirement('shellcheck (the lint of deploy/provision.sh)', 'apt-get install -y shellcheck');
} else {
  test('shellcheck finds nothing in provision.sh and the groupz wrapper', () => {
    const result = spawnSync('shellcheck', [PROVISION, PROVISION.replace('provision.sh', 'groupz.sh')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });
}

if (process.getuid?.() !== 0 || !['curl', 'openssl', 'ssh-keygen', 'tar', 'nft'].every(hasTool)) {
  missingRequirement(
    'root with curl, openssl, ssh-keygen, tar and nft (provision.sh under --root)',
    'run as root; apt-get install -y curl openssl openssh-client tar nftables',
  );
} else {
  describe('provision.sh, twice on a fresh system image (--root)', () => {
    let image: ProvisionRoot;
    let first: RunResult;
    let second: RunResult;
    let afterFirst: Record<string, string>;
    let afterSecond: Record<string, string>;

    before(() => {
      image = makeProvisionRoot({ sshdConfig: SSHD });
      first = provision([...image.base, ...OPTIONS]);
      afterFirst = snapshot(image.root);
      second = provision([...image.base, ...OPTIONS]);
      afterSecond = snapshot(image.root);
    });
    after(() => image.close());

    test('the first run writes every file with its mode and owner, and the commands that apply them', () => {
      ok(first);
      const { groupz } = IDS;
      const expected: Record<string, string> = {
        '/etc/groupz': `dir 750 0:${groupz}`,
        '/var/lib/groupz': `dir 700 ${groupz}:${groupz}`,
        '/var/backups/groupz': `dir 700 ${groupz}:${groupz}`,
        '/opt/groupz': 'dir 755 0:0',
        '/usr/local/bin/node': `link 777 0:0 -> /usr/local/lib/nodejs/node-${NODE_RELEASE}-linux-x64/bin/node`,
      };
      for (const [path, entry] of Object.entries(expected)) assert.equal(afterFirst[path], entry, path);
      const modes: Record<string, string> = {
        '/etc/groupz/groupz.env': `640 0:${groupz}`,
        '/etc/groupz/backup-password': `640 0:${groupz}`,
        '/etc/groupz/provision.conf': '600 0:0',
        '/etc/nftables.conf': '644 0:0',
        '/etc/ssh/sshd_config.d/00-groupz.conf': '644 0:0',
        '/etc/systemd/system/groupz.service': '644 0:0',
        '/etc/apt/apt.conf.d/20auto-upgrades': '644 0:0',
        '/usr/local/bin/groupz': '755 0:0',
        [`/usr/local/lib/nodejs/node-${NODE_RELEASE}-linux-x64/bin/node`]: '755 0:0',
        '/opt/groupz/package.json': '644 0:0',
      };
      for (const [path, mode] of Object.entries(modes)) assert.match(afterFirst[path] ?? 'missing', new RegExp(`^file ${mode} `), path);
      assert.equal(read(image, 'etc/ssh/sshd_config.d/00-groupz.conf'), deployFile('sshd/groupz.conf'));
      assert.equal(read(image, 'etc/systemd/system/groupz.service'), deployFile('systemd/groupz.service'));
      assert.equal(read(image, 'etc/apt/apt.conf.d/20auto-upgrades'), deployFile('apt/20auto-upgrades'));
      assert.equal(read(image, 'opt/groupz/package.json'), deployFile('../package.json'));
      assert.match(read(image, 'etc/nftables.conf'), /ssh_allow_v4 \{[^}]*elements = \{ 203\.0\.113\.7 \}/);
      assert.match(read(image, 'etc/nftables.conf'), /ssh_allow_v6 \{[^}]*elements = \{ 2001:db8::\/32 \}/);
      assert.match(read(image, 'etc/groupz/backup-password'), /^[A-Za-z0-9+/]{43}=\n$/);
      assert.match(first.stdout, /matches SHASUMS256\.txt/);
      assert.match(first.stdout, /nft -c accepts the firewall ruleset/);
      for (const command of [
        /npm ci/,
        /npm prune --omit=dev/,
        /systemctl reload-or-restart nftables\.service/,
        /systemctl try-reload-or-restart ssh\.service/,
        /systemctl daemon-reload/,
        /systemctl restart groupz\.service/,
      ]) {
        assert.match(first.stdout, new RegExp(`^--root, not run: .*${command.source}`, 'm'));
      }
      if (SSHD) assert.doesNotMatch(first.stdout + first.stderr, /not run: sshd -t/, 'sshd -t checked the drop-in in the image');
    });

    test('the second run finds nothing to do: every file, mode and owner is as before, no command is triggered', () => {
      ok(second);
      assert.match(second.stdout, /No change: this server already matches/);
      assert.deepEqual(changed(afterFirst, afterSecond), []);
      assert.doesNotMatch(second.stdout, TRIGGERED);
    });

    test('the settings are ones groupz serve accepts, and say what was asked', () => {
      const config = loadConfig({ GROUPZ_CONFIG_FILE: join(image.root, 'etc/groupz/groupz.env') });
      assert.equal(config.publicUrl, 'https://bookings.example.nl');
      assert.equal(config.dataDir, '/var/lib/groupz');
      assert.equal(config.demo, 'off');
      assert.equal(config.tls.mode, 'acme');
      assert.equal(config.secretKey?.length, 32);
      assert.deepEqual(config.backup?.repositories, { local: '/var/backups/groupz', remote: undefined });
      assert.equal(config.backup?.passwordFile, '/etc/groupz/backup-password');
    });

    test('the secret key is 64 hex characters, generated once and never printed', () => {
      const key = secretOf(image);
      assert.match(key ?? '', /^[0-9a-f]{64}$/);
      for (const run of [first, second]) assert.ok(!output(run).includes(key!), 'the key is not in the output');
    });
  });

  describe('provision.sh on a provisioned image, with other options', () => {
    let image: ProvisionRoot;
    before(() => {
      image = makeProvisionRoot();
      ok(provision([...image.base, ...OPTIONS]));
    });
    after(() => image.close());

    test('a new --ssh-allow alone (the rest as recorded) changes the firewall and the record, and keeps the key', () => {
      const key = secretOf(image);
      const before = snapshot(image.root);
      const run = provision([...image.base, '--ssh-allow', '198.51.100.0/24']);
      ok(run);
      assert.deepEqual(changed(before, snapshot(image.root)), ['/etc/groupz/provision.conf', '/etc/nftables.conf']);
      assert.match(read(image, 'etc/nftables.conf'), /elements = \{ 198\.51\.100\.0\/24 \}/);
      assert.doesNotMatch(read(image, 'etc/nftables.conf'), /203\.0\.113\.7/);
      assert.match(run.stdout, /^-\s+elements = \{ 203\.0\.113\.7 \}$/m, 'the diff of the ruleset');
      assert.match(run.stdout, /not run: systemctl reload-or-restart nftables\.service/);
      assert.doesNotMatch(run.stdout, /npm|restart groupz/);
      assert.equal(secretOf(image), key);
      assert.match(read(image, 'etc/groupz/provision.conf'), /^admin=alice$/m);
    });

    test('settings of your own below the marker are kept; a diff masks passwords', () => {
      const env = join(image.root, 'etc/groupz/groupz.env');
      appendFileSync(env, 'GROUPZ_SMTP_URL=smtp://mailer:hunter2@smtp.example.nl:587\n');
      const run = provision([...image.base, '--acme-email', 'tls@example.nl']);
      ok(run);
      const text = readFileSync(env, 'utf8');
      assert.match(text, /^GROUPZ_ACME_EMAIL=tls@example\.nl$/m);
      assert.match(text, /^GROUPZ_SMTP_URL=smtp:\/\/mailer:hunter2@smtp\.example\.nl:587$/m);
      assert.match(run.stdout, /^\+GROUPZ_ACME_EMAIL=tls@example\.nl$/m);
      assert.doesNotMatch(output(run), /hunter2/);
      assert.match(run.stdout, /not run: systemctl restart groupz\.service/, 'new settings restart the service');
      assert.equal(loadConfig({ GROUPZ_CONFIG_FILE: env }).smtpUrl, 'smtp://mailer:hunter2@smtp.example.nl:587');
    });

    test('--smtp-url and --mail-from make mails go out, in settings groupz serve accepts', () => {
      const run = provision([
        ...image.base,
        '--smtp-url',
        'smtps://mailer:s3cret@smtp.example.nl:465',
        '--mail-from',
        'boekingen@example.nl',
      ]);
      ok(run);
      assert.doesNotMatch(output(run), /s3cret/, 'the SMTP password is not printed');
      // Above the marker (an own GROUPZ_SMTP_URL of an earlier test, below it, would win).
      const written = read(image, 'etc/groupz/groupz.env').split('# ---- Your own settings')[0]!;
      const file = join(image.dir, 'written.env');
      writeFileSync(file, written);
      const config = loadConfig({ GROUPZ_CONFIG_FILE: file });
      assert.equal(config.smtpUrl, 'smtps://mailer:s3cret@smtp.example.nl:465');
      assert.equal(config.mailFrom, 'boekingen@example.nl');
    });

    test('an sftp second location gets an SSH key of its own and the host key given', () => {
      const knownHosts = join(image.dir, 'known_hosts');
      writeFileSync(knownHosts, 'backup.example.nl ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBackupHostKeyForTheTestOnly000000000000000\n');
      const remote = 'sftp:groupz@backup.example.nl:/srv/groupz';
      const run = provision([...image.base, '--backup-remote', remote, '--backup-known-hosts', knownHosts]);
      ok(run);
      const after = snapshot(image.root);
      assert.match(after['/etc/groupz/backup_ed25519'] ?? '', new RegExp(`^file 640 0:${IDS.groupz} `));
      assert.match(after['/etc/groupz/backup_ed25519.pub'] ?? '', /^file 644 0:0 /);
      assert.equal(read(image, 'etc/groupz/backup_known_hosts'), readFileSync(knownHosts, 'utf8'));
      assert.match(run.stdout, /restrict,command="internal-sftp" ssh-ed25519 AAAA\S+ groupz-backup@bookings\.example\.nl/);
      const config = loadConfig({ GROUPZ_CONFIG_FILE: join(image.root, 'etc/groupz/groupz.env') });
      assert.equal(config.backup?.repositories.remote, remote);
      assert.equal(config.backup?.sshKeyFile, '/etc/groupz/backup_ed25519');
      assert.equal(config.backup?.sshKnownHostsFile, '/etc/groupz/backup_known_hosts');
      const again = provision(image.base);
      ok(again);
      assert.match(again.stdout, /No change/, 'the key is made once');
    });

    test('a member of groupz-ssh who is no longer an --admin is taken out of it', () => {
      const group = join(image.root, 'etc/group');
      writeFileSync(group, readFileSync(group, 'utf8').replace(/^groupz-ssh:(.*):alice$/m, 'groupz-ssh:$1:alice,mallory'));
      assert.match(provision(image.base).stdout, /not run: gpasswd --delete mallory groupz-ssh/);
    });
  });

  describe('provision.sh --dry-run', () => {
    let image: ProvisionRoot;
    before(() => (image = makeProvisionRoot()));
    after(() => image.close());

    test('on a fresh image it prints what it would create and run, and writes nothing', () => {
      const before = snapshot(image.root);
      const run = provision([...image.base, ...OPTIONS, '--dry-run']);
      ok(run);
      assert.deepEqual(changed(before, snapshot(image.root)), []);
      assert.match(run.stdout, /^would create \/etc\/groupz\/groupz\.env \(0640 root:groupz\)$/m);
      assert.match(run.stdout, /^would install Node\.js v99\.1\.0 into /m);
      assert.match(run.stdout, /^would run: env --chdir=\/opt\/groupz --unset=NODE_ENV npm ci/m);
      assert.match(run.stdout, /^would create \/etc\/nftables\.conf/m);
      assert.match(run.stdout, /nothing was changed/);
    });

    test('after a run it prints the diff a new --ssh-allow would make, and writes nothing', () => {
      ok(provision([...image.base, ...OPTIONS]));
      const before = snapshot(image.root);
      const run = provision([...image.base, '--ssh-allow', '192.0.2.0/24', '--dry-run']);
      ok(run);
      assert.deepEqual(changed(before, snapshot(image.root)), []);
      assert.match(run.stdout, /^would update \/etc\/nftables\.conf:$/m);
      assert.match(run.stdout, /^\+\s+elements = \{ 192\.0\.2\.0\/24 \}$/m);
      assert.match(run.stdout, /^would run: systemctl reload-or-restart nftables\.service$/m);
      assert.ok(!run.stdout.includes(secretOf(image)!));
    });
  });

  describe('provision.sh refuses, before it writes anything', () => {
    let image: ProvisionRoot;
    let unchanged: Record<string, string>;
    const refuses = (args: string[], code: number, reason: RegExp, env: Record<string, string> = {}) => {
      const run = provision([...image.base, ...args], env);
      assert.equal(run.code, code, output(run));
      assert.match(run.stderr, reason);
      assert.deepEqual(changed(unchanged, snapshot(image.root)), [], 'nothing written');
    };
    /** Changes a file of the image for one test, and puts it back after. */
    const editing = (path: string, edit: (text: string) => string, check: () => void) => {
      const file = join(image.root, path);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, edit(text));
      unchanged = snapshot(image.root);
      try {
        check();
      } finally {
        writeFileSync(file, text);
        unchanged = snapshot(image.root);
      }
    };
    before(() => {
      image = makeProvisionRoot({ sshdConfig: SSHD });
      unchanged = snapshot(image.root);
    });
    after(() => image.close());

    test('an SSH session from an address --ssh-allow does not let in (IPv4, IPv6), and names it', () => {
      refuses(OPTIONS, 1, /refusing to lock you out: you are connected over SSH from 198\.51\.100\.9, which --ssh-allow/, {
        SSH_CONNECTION: '198.51.100.9 50022 192.0.2.10 22',
      });
      refuses(OPTIONS, 1, /from 2001:db9::1,/, { SSH_CLIENT: '2001:db9::1 50022 22' });
    });

    test('under sudo, which drops SSH_CONNECTION, the address is found in the environment of a process above', () => {
      // sh keeps SSH_CONNECTION in the environment it started with; provision.sh runs below it without.
      const script = `env -u SSH_CONNECTION SUDO_USER=alice bash ${PROVISION} "$@"`;
      const run = spawnSync('sh', ['-c', script, 'sh', ...image.base, ...OPTIONS], {
        env: { PATH: process.env.PATH!, SSH_CONNECTION: '198.51.100.9 50022 192.0.2.10 22' },
        encoding: 'utf8',
      });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stderr, /you are connected over SSH from 198\.51\.100\.9/);
      assert.deepEqual(changed(unchanged, snapshot(image.root)), []);
    });

    test('an SSH session from inside the allowlist (in a prefix, IPv4-mapped) goes ahead', () => {
      for (const client of ['2001:db8:ffff::42', '::ffff:203.0.113.7']) {
        const run = provision([...image.base, ...OPTIONS, '--dry-run'], { SSH_CONNECTION: `${client} 50022 192.0.2.10 22` });
        ok(run);
        assert.ok(run.stdout.includes(`SSH client ${client} is in --ssh-allow`), run.stdout);
      }
    });

    test('an allowlist entry the firewall renderer refuses too', () => {
      for (const entry of BAD_ALLOWLIST_ENTRIES) {
        refuses([...OPTIONS, '--ssh-allow', entry], 2, /--ssh-allow: not an address or prefix/);
      }
    });

    test('values groupz serve would refuse: an address as host, a port, a bad email or SMTP URL', () => {
      refuses([...OPTIONS, '--public-url', 'https://192.0.2.1'], 2, /--public-url must be https:\/\/HOST/);
      refuses([...OPTIONS, '--public-url', 'https://bookings.example.nl:8443'], 2, /--public-url must be https:\/\/HOST/);
      refuses([...OPTIONS, '--acme-email', 'not-an-email'], 2, /--acme-email must be an email address/);
      refuses([...OPTIONS, '--acme-directory', 'http://acme.example.nl/dir'], 2, /--acme-directory must be an https:\/\/ URL/);
      refuses([...OPTIONS, '--smtp-url', 'mail.example.nl'], 2, /--smtp-url must be smtp:\/\/\.\.\. or smtps:\/\/\.\.\./);
    });

    test('an --admin who could not log in with a key and use sudo, or root', () => {
      refuses([...OPTIONS, '--admin', 'root'], 1, /--admin root: sshd will refuse root/);
      refuses([...OPTIONS, '--admin', 'bob'], 1, /--admin bob: no such user/);
      editing(
        'home/alice/.ssh/authorized_keys',
        // A key that is commented out lets nobody in.
        () => '# no key yet\n# ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDisabledKeyForTheTestOnly00000000000000000 old laptop\n',
        () => refuses(OPTIONS, 1, /--admin alice has no key in \/home\/alice\/\.ssh\/authorized_keys/),
      );
      editing(
        'etc/shadow',
        (text) => text.replace(/^alice:[^:]*:/m, 'alice:!:'),
        () => refuses(OPTIONS, 1, /--admin alice could log in but not become root/),
      );
    });

    test('an sshd that listens on another port than the one the firewall opens', { skip: !SSHD && 'no sshd' }, () => {
      editing(
        'etc/ssh/sshd_config',
        (text) => `Port 2222\n${text}`,
        () => refuses(OPTIONS, 1, /sshd listens on port 2222, but the firewall lets SSH in on port 22 only/),
      );
    });

    test('a Node.js tarball whose checksum is not the one SHASUMS256.txt gives', () => {
      image.corruptChecksum();
      refuses(
        OPTIONS,
        1,
        /checksum mismatch: node-v99\.1\.0-linux-x64\.tar\.gz has SHA-256 [0-9a-f]{64}, but SHASUMS256\.txt says f{64}\. Refusing/,
      );
      assert.equal(existsSync(join(image.root, 'usr/local/lib/nodejs', `node-${NODE_RELEASE}-linux-x64`)), false);
    });
  });

  describe('provision.sh checks the sshd drop-in with sshd -t and takes it back when sshd refuses it', { skip: !SSHD && 'no sshd' }, () => {
    let image: ProvisionRoot;
    const dropIn = 'etc/ssh/sshd_config.d/00-groupz.conf';
    before(() => (image = makeProvisionRoot({ sshdConfig: true })));
    after(() => image.close());

    test('a configuration sshd -t refuses: the drop-in is put back as it was, sshd is not reloaded', () => {
      writeFileSync(join(image.root, dropIn), '# an older drop-in\n');
      writeFileSync(join(image.root, 'etc/ssh/sshd_config.d/10-broken.conf'), 'NoSuchKeyword yes\n');
      const run = provision([...image.base, ...OPTIONS]);
      assert.equal(run.code, 1, output(run));
      assert.match(run.stderr, /sshd refused the new configuration, so \/etc\/ssh\/sshd_config\.d\/00-groupz\.conf was put back as it was/);
      assert.equal(read(image, dropIn), '# an older drop-in\n');
      assert.doesNotMatch(run.stdout, /ssh\.service/);
    });

    test('a setting read before the drop-in (password logins on): refused and taken away', () => {
      rmSync(join(image.root, 'etc/ssh/sshd_config.d/10-broken.conf'));
      rmSync(join(image.root, dropIn));
      const config = join(image.root, 'etc/ssh/sshd_config');
      writeFileSync(config, `PasswordAuthentication yes\n${readFileSync(config, 'utf8')}`);
      const run = provision([...image.base, ...OPTIONS]);
      assert.equal(run.code, 1, output(run));
      assert.match(run.stderr, /sshd does not take 'passwordauthentication no' from/);
      assert.equal(existsSync(join(image.root, dropIn)), false);
    });
  });
}
