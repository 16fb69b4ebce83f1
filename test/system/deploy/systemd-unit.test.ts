import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hasTool, missingRequirement, runTool } from '../../tools.js';

const UNIT = fileURLToPath(new URL('../../../deploy/systemd/groupz.service', import.meta.url));

/**
 * What `systemd-analyze security` still counts against the unit, each for a reason: Node.js needs
 * the network, binds 80/443 and compiles code at run time; outgoing addresses (ACME CA, SMTP, backup
 * host) are set at run time. Anything else showing up here is a weakening of the unit.
 */
const ACCEPTED = [
  'AmbientCapabilities', // CAP_NET_BIND_SERVICE, to bind 80 and 443 as an unprivileged user
  'CapabilityBoundingSet_CAP_NET_BIND_SERVICE_BROADCAST_RAW)', // the same capability
  'DeviceAllow', // char-rtc read access, which ProtectClock=yes itself adds
  'IPAddressDeny', // outgoing connections go to addresses set at run time
  'MemoryDenyWriteExecute', // V8's JIT needs writable and executable memory
  'PrivateNetwork', // it serves the internet
  'PrivateUsers', // would confine CAP_NET_BIND_SERVICE to a user namespace
  'RestrictAddressFamilies_AF_INET_INET6', // it serves the internet
  'RestrictAddressFamilies_AF_UNIX', // PostgreSQL's local socket
  'RootDirectoryOrRootImage', // it runs from the host's /usr/local and /opt
];

if (!hasTool('systemd-analyze')) {
  missingRequirement('systemd-analyze (the systemd unit test)', 'apt-get install -y systemd');
} else {
  describe('the systemd unit', () => {
    let dir: string;
    let copy: string;

    before(() => {
      // verify insists that ExecStart's program exists. On a server provision.sh links Node.js to
      // /usr/local/bin/node; here the copy names this Node.js instead, and nothing else differs.
      dir = mkdtempSync(join(tmpdir(), 'groupz-unit-'));
      copy = join(dir, 'groupz.service');
      const unit = readFileSync(UNIT, 'utf8');
      assert.match(unit, /^ExecStart=\/usr\/local\/bin\/node \/opt\/groupz\/bin\/groupz\.js serve$/m);
      writeFileSync(copy, unit.replace('ExecStart=/usr/local/bin/node ', `ExecStart=${process.execPath} `));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('systemd-analyze verify accepts it without a warning (an unknown or misspelt setting would be one)', async () => {
      const result = await runTool('systemd-analyze', ['verify', copy], 60);
      assert.equal(result.code, 0, result.output);
      assert.equal(result.output.trim(), '');
    });

    test('systemd-analyze security rates its exposure OK, below 2.0, with only the accepted gaps', async () => {
      const text = await runTool('systemd-analyze', ['security', '--offline=true', UNIT], 60);
      const overall = /Overall exposure level for groupz\.service: (\d+\.\d+) (\S+)/.exec(text.output);
      assert.ok(overall, text.output);
      assert.ok(Number(overall[1]) < 2.0, `exposure ${overall[1]}`);
      assert.equal(overall[2], 'OK');
      const json = await runTool('systemd-analyze', ['security', '--offline=true', '--json=short', UNIT], 60);
      const checks = JSON.parse(json.output) as { json_field: string; exposure: number | null }[];
      const gaps = checks.filter((check) => (check.exposure ?? 0) > 0).map((check) => check.json_field);
      assert.deepEqual(gaps.sort(), [...ACCEPTED].sort());
    });

    test('the service runs unprivileged, writes only its data and backups, and reads its settings from /etc/groupz', () => {
      const settings = readFileSync(UNIT, 'utf8')
        .split('\n')
        .filter((line) => /^\w+=/.test(line));
      for (const line of [
        'User=groupz',
        'Group=groupz',
        'CapabilityBoundingSet=CAP_NET_BIND_SERVICE',
        'AmbientCapabilities=CAP_NET_BIND_SERVICE',
        'NoNewPrivileges=yes',
        'ProtectSystem=strict',
        'ReadWritePaths=/var/lib/groupz /var/backups/groupz',
        'UMask=0077',
        'Restart=on-failure',
        'Environment=GROUPZ_CONFIG_FILE=/etc/groupz/groupz.env HOME=/var/lib/groupz',
      ]) {
        assert.ok(settings.includes(line), line);
      }
    });
  });
}
