import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BAD_ALLOWLIST_ENTRIES } from '../../allowlist.js';
import {
  holdingScript,
  INSTALL_NETNS_TOOLS,
  listenerScript,
  makeTestNetwork,
  netnsAvailable,
  probeScript,
  type TestNetwork,
} from '../../netns.js';
import { missingRequirement } from '../../tools.js';
import {
  AllowlistError,
  allowlistIncludes,
  MAX_CONNECTIONS_PER_SOURCE,
  parseSshAllowlist,
  renderNftables,
} from '../../../src/firewall/nftables.js';

const PORTS = [22, 80, 443, 3000, 5432];

describe('the SSH allowlist', () => {
  test('takes IPv4 and IPv6 addresses and prefixes, split by family, without duplicates', () => {
    assert.deepEqual(parseSshAllowlist(' 203.0.113.7, 198.51.100.0/24,2001:DB8::1,203.0.113.7 '), {
      v4: ['203.0.113.7', '198.51.100.0/24'],
      v6: ['2001:db8::1'],
    });
  });

  test('an IPv4-mapped address counts as IPv4', () => {
    assert.deepEqual(parseSshAllowlist('::ffff:203.0.113.7'), { v4: ['203.0.113.7'], v6: [] });
  });

  test('refuses what is not an address, and prefixes that would open SSH to the world', () => {
    for (const bad of ['', ...BAD_ALLOWLIST_ENTRIES]) {
      assert.throws(() => parseSshAllowlist(bad), AllowlistError, bad);
    }
  });

  test('knows whether an address is in it (plain, in a prefix, IPv4-mapped)', () => {
    const list = parseSshAllowlist('203.0.113.7,198.51.100.0/24,2001:db8::/32');
    assert.equal(allowlistIncludes(list, '203.0.113.7'), true);
    assert.equal(allowlistIncludes(list, '198.51.100.200'), true);
    assert.equal(allowlistIncludes(list, '::ffff:203.0.113.7'), true);
    assert.equal(allowlistIncludes(list, '2001:db8:1::5'), true);
    assert.equal(allowlistIncludes(list, '203.0.113.8'), false);
    assert.equal(allowlistIncludes(list, '2001:db9::1'), false);
    assert.equal(allowlistIncludes(list, 'not-an-address'), false);
  });
});

if (!netnsAvailable()) {
  missingRequirement('network namespaces and nftables, as root (the firewall test)', INSTALL_NETNS_TOOLS);
} else {
  describe('the firewall in network namespaces: a server, an allowlisted client and a stranger, IPv4 and IPv6', () => {
    let net: TestNetwork;
    let dir: string;
    const stops: (() => void)[] = [];

    /** Which of the server's ports `who` reaches, per family. */
    const reachable = (who: 'client' | 'stranger') => {
      const { v4, v6 } = net.server.towards(who);
      const targets = [v4, v6].flatMap((host) => PORTS.map((port) => ({ host, port })));
      const results = JSON.parse(net.run(net[who].ns, process.execPath, ['-e', probeScript(targets, 1000)])) as {
        host: string;
        port: number;
        ok: boolean;
      }[];
      const open = (host: string) => results.filter((r) => r.host === host && r.ok).map((r) => r.port);
      return { v4: open(v4), v6: open(v6) };
    };

    before(async () => {
      net = makeTestNetwork();
      dir = mkdtempSync(join(tmpdir(), 'groupz-nft-'));
      // The server's listeners keep each connection until the client closes it, so that they add up.
      stops.push(await net.start(net.server.ns, process.execPath, ['-e', listenerScript(PORTS, { hold: true })]));
      stops.push(await net.start(net.client.ns, process.execPath, ['-e', listenerScript([9000])]));
      stops.push(await net.start(net.stranger.ns, process.execPath, ['-e', listenerScript([9000])]));
    });

    after(() => {
      stops.forEach((stop) => stop());
      net?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('without the firewall every port is open to anyone (the probe can see an open port)', () => {
      assert.deepEqual(reachable('stranger'), { v4: PORTS, v6: PORTS });
    });

    test('nft -c accepts the rendered ruleset, and it loads twice in a row', () => {
      const file = join(dir, 'groupz.nft');
      writeFileSync(file, renderNftables(parseSshAllowlist(`${net.client.v4},${net.client.v6}`)));
      net.run(net.server.ns, 'nft', ['-c', '-f', file]);
      net.run(net.server.ns, 'nft', ['-f', file]);
      net.run(net.server.ns, 'nft', ['-f', file]);
      const tables = net.run(net.server.ns, 'nft', ['list', 'tables']);
      assert.equal(tables.trim(), 'table inet groupz', 'one table, replaced rather than added twice');
    });

    test('overlapping entries (an address inside a listed prefix) load', () => {
      const file = join(dir, 'overlap.nft');
      writeFileSync(file, renderNftables(parseSshAllowlist('203.0.113.7,203.0.113.0/24,10.0.0.0/8,10.1.0.0/16,2001:db8::1,2001:db8::/32')));
      net.run(net.server.ns, 'nft', ['-c', '-f', file]);
    });

    test('the stranger reaches only 80 and 443', () => {
      assert.deepEqual(reachable('stranger'), { v4: [80, 443], v6: [80, 443] });
    });

    test('the allowlisted client reaches 22, 80 and 443, and never 3000 or 5432', () => {
      assert.deepEqual(reachable('client'), { v4: [22, 80, 443], v6: [22, 80, 443] });
    });

    test('replies to connections the server makes flow back (to either host, both families)', () => {
      const targets = [net.client.v4, net.client.v6, net.stranger.v4, net.stranger.v6].map((host) => ({ host, port: 9000 }));
      const results = JSON.parse(net.run(net.server.ns, process.execPath, ['-e', probeScript(targets, 2000)])) as { ok: boolean }[];
      assert.deepEqual(
        results.map((r) => r.ok),
        [true, true, true, true],
      );
    });

    test(`one source holds at most N open connections to 80 and 443 (default ${MAX_CONNECTIONS_PER_SOURCE}); the next is reset, another source still connects`, async () => {
      const limit = 3;
      const file = join(dir, 'limited.nft');
      writeFileSync(file, renderNftables(parseSshAllowlist(`${net.client.v4},${net.client.v6}`), limit));
      net.run(net.server.ns, 'nft', ['-f', file]);
      const { v4, v6 } = net.server.towards('client');
      const results = join(dir, 'held.json');
      // limit + 1 connections to port 80 per family, held open.
      const targets = [v4, v6].map((host) => ({ host, port: 80 }));
      const stop = await net.start(net.client.ns, process.execPath, ['-e', holdingScript(targets, limit + 1, 1000, results)]);
      try {
        const held = JSON.parse(readFileSync(results, 'utf8')) as { host: string; greeted: number }[];
        assert.deepEqual(
          held.map((h) => h.greeted),
          [limit, limit],
          `greeted of ${limit + 1} per family: ${JSON.stringify(held)}`,
        );
        // The count is per source over both ports: 443 is refused too; SSH is not limited.
        assert.deepEqual(reachable('client'), { v4: [22], v6: [22] });
        assert.deepEqual(reachable('stranger'), { v4: [80, 443], v6: [80, 443] }, 'another source connects as before');
      } finally {
        stop();
      }
      // The limit is on open connections, not a ban: once they close, the source connects again.
      const deadline = Date.now() + 10_000;
      let after = reachable('client');
      while (after.v4.length < 3 && Date.now() < deadline) after = reachable('client');
      assert.deepEqual(after, { v4: [22, 80, 443], v6: [22, 80, 443] });
    });

    /** Reloads the ruleset, waiting until no source is tracked from earlier tests (closed connections leave the sets lazily). */
    const reload = (name: string, limit: number, sources?: number) => {
      const file = join(dir, name);
      writeFileSync(file, renderNftables(parseSshAllowlist(`${net.client.v4},${net.client.v6}`), limit, sources));
      net.run(net.server.ns, 'nft', ['-f', file]);
    };

    test('two IPv6 addresses of one /64 share one count', async () => {
      const limit = 3;
      reload('per-64.nft', limit);
      const { v6 } = net.server.towards('client');
      const results = join(dir, 'per-64.json');
      const targets = [net.client.v6, net.client.v6Sibling].map((localAddress) => ({ host: v6, port: 80, localAddress }));
      const stop = await net.start(net.client.ns, process.execPath, ['-e', holdingScript(targets, 2, 1000, results)]);
      try {
        const held = JSON.parse(readFileSync(results, 'utf8')) as { localAddress: string; greeted: number }[];
        assert.deepEqual(
          held.map((h) => [h.localAddress, h.greeted]),
          [
            [net.client.v6, 2],
            [net.client.v6Sibling, 1],
          ],
          `the second address gets what the first left of ${limit}`,
        );
        assert.deepEqual(reachable('stranger'), { v4: [80, 443], v6: [80, 443] }, 'another /64 connects as before');
      } finally {
        stop();
      }
    });

    test('when the set of tracked sources is full, a new source is dropped rather than let through uncounted', async () => {
      reload('full.nft', 3, 1);
      const { v4, v6 } = net.server.towards('client');
      const results = join(dir, 'full.json');
      const targets = [v4, v6].map((host) => ({ host, port: 80 }));
      // Wait for the sets to forget the earlier tests' sources, then the client takes the one place per family.
      const deadline = Date.now() + 10_000;
      let stop = await net.start(net.client.ns, process.execPath, ['-e', holdingScript(targets, 1, 1000, results)]);
      const greeted = () => (JSON.parse(readFileSync(results, 'utf8')) as { greeted: number }[]).map((h) => h.greeted);
      while (greeted().join() !== '1,1' && Date.now() < deadline) {
        stop();
        stop = await net.start(net.client.ns, process.execPath, ['-e', holdingScript(targets, 1, 1000, results)]);
      }
      try {
        assert.deepEqual(greeted(), [1, 1], 'the client is tracked');
        assert.deepEqual(reachable('stranger'), { v4: [], v6: [] }, 'the stranger is not counted, so not let in');
      } finally {
        stop();
      }
      let after = reachable('stranger');
      while (after.v4.length < 2 && Date.now() < deadline + 10_000) after = reachable('stranger');
      assert.deepEqual(after, { v4: [80, 443], v6: [80, 443] }, 'once the client closed, the stranger gets its place');
    });

    test('changing the allowlist (only the stranger now) swaps who reaches SSH', () => {
      const file = join(dir, 'swapped.nft');
      writeFileSync(file, renderNftables(parseSshAllowlist(`${net.stranger.v4},${net.stranger.v6}`)));
      net.run(net.server.ns, 'nft', ['-f', file]);
      assert.deepEqual(reachable('client'), { v4: [80, 443], v6: [80, 443] });
      assert.deepEqual(reachable('stranger'), { v4: [22, 80, 443], v6: [22, 80, 443] });
    });
  });
}
