import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hasTool } from './tools.js';

export const INSTALL_NETNS_TOOLS = 'apt-get install -y iproute2 nftables (and run as root)';

/** Whether this process may make network namespaces and load nftables rules in them. */
export function netnsAvailable(): boolean {
  if (process.getuid?.() !== 0 || !hasTool('ip') || !hasTool('nft')) return false;
  const probe = `gz-probe-${randomBytes(3).toString('hex')}`;
  const made = spawnSync('ip', ['netns', 'add', probe]).status === 0;
  if (made) spawnSync('ip', ['netns', 'del', probe]);
  return made;
}

/** A host on the test network: its namespace and its addresses towards the server. */
export interface Host {
  ns: string;
  v4: string;
  v6: string;
}

/** A client host, with a second IPv6 address in the same /64 as its first. */
export interface ClientHost extends Host {
  v6Sibling: string;
}

/**
 * Three hosts in network namespaces of the test's own: a server, and two clients each on their own
 * link to it (IPv4 and IPv6), `client` and `stranger`. Nothing leaves these namespaces.
 */
export interface TestNetwork {
  server: Host & { towards: (client: 'client' | 'stranger') => { v4: string; v6: string } };
  client: ClientHost;
  stranger: ClientHost;
  /** Runs a command inside a namespace and returns its stdout. */
  run(ns: string, command: string, args: string[], input?: string): string;
  /** Starts a long-running command inside a namespace; resolves once it printed `ready`. */
  start(ns: string, command: string, args: string[]): Promise<() => void>;
  close(): void;
}

export function makeTestNetwork(): TestNetwork {
  const id = randomBytes(2).toString('hex');
  const names = { server: `gz${id}-srv`, client: `gz${id}-cli`, stranger: `gz${id}-str` };
  const ip = (...args: string[]) => execFileSync('ip', args);
  const inNs = (ns: string, ...args: string[]) => execFileSync('ip', ['netns', 'exec', ns, ...args]);
  const links = [
    { peer: 'client' as const, net: 1 },
    { peer: 'stranger' as const, net: 2 },
  ];
  const made: string[] = [];
  try {
    for (const ns of Object.values(names)) {
      ip('netns', 'add', ns);
      made.push(ns);
      inNs(ns, 'ip', 'link', 'set', 'lo', 'up');
    }
    for (const { peer, net } of links) {
      const a = `gz${id}s${net}`;
      const b = `gz${id}c${net}`;
      ip('link', 'add', a, 'netns', names.server, 'type', 'veth', 'peer', 'name', b, 'netns', names[peer]);
      inNs(names.server, 'ip', 'addr', 'add', `10.201.${net}.1/24`, 'dev', a);
      inNs(names.server, 'ip', '-6', 'addr', 'add', `fd00:201:${net}::1/64`, 'dev', a, 'nodad');
      inNs(names.server, 'ip', 'link', 'set', a, 'up');
      inNs(names[peer], 'ip', 'addr', 'add', `10.201.${net}.2/24`, 'dev', b);
      inNs(names[peer], 'ip', '-6', 'addr', 'add', `fd00:201:${net}::2/64`, 'dev', b, 'nodad');
      // Deprecated (preferred_lft 0): used only when a socket binds it, never picked as the source.
      inNs(names[peer], 'ip', '-6', 'addr', 'add', `fd00:201:${net}::3/64`, 'dev', b, 'nodad', 'preferred_lft', '0');
      inNs(names[peer], 'ip', 'link', 'set', b, 'up');
    }
  } catch (error) {
    made.forEach((ns) => spawnSync('ip', ['netns', 'del', ns]));
    throw error;
  }
  return {
    server: {
      ns: names.server,
      v4: '10.201.1.1',
      v6: 'fd00:201:1::1',
      towards: (client) => (client === 'client' ? { v4: '10.201.1.1', v6: 'fd00:201:1::1' } : { v4: '10.201.2.1', v6: 'fd00:201:2::1' }),
    },
    client: { ns: names.client, v4: '10.201.1.2', v6: 'fd00:201:1::2', v6Sibling: 'fd00:201:1::3' },
    stranger: { ns: names.stranger, v4: '10.201.2.2', v6: 'fd00:201:2::2', v6Sibling: 'fd00:201:2::3' },
    run: (ns, command, args, input) => execFileSync('ip', ['netns', 'exec', ns, command, ...args], { input, encoding: 'utf8' }),
    start: (ns, command, args) =>
      new Promise((resolve, reject) => {
        const child = spawn('ip', ['netns', 'exec', ns, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        const stop = () => child.kill('SIGKILL');
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('ready')) resolve(stop);
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('exit', (code) => reject(new Error(`${command} exited (${code}) before it was ready: ${output}`)));
      }),
    close: () => Object.values(names).forEach((ns) => spawnSync('ip', ['netns', 'del', ns])),
  };
}

/**
 * A Node.js script that listens on every given TCP port (IPv4 and IPv6), greets and closes; with
 * `hold`, it keeps each connection open until the client closes it (so that connections add up).
 */
export function listenerScript(ports: number[], { hold = false } = {}): string {
  const greet = hold
    ? "(socket) => { socket.on('error', () => {}); socket.on('end', () => socket.end()); socket.write('hello'); }"
    : "(socket) => socket.end('hello')";
  return `
const net = require('node:net');
let up = 0;
for (const port of ${JSON.stringify(ports)}) {
  net.createServer(${greet}).listen({ port, host: '::', ipv6Only: false }, () => {
    if (++up === ${ports.length}) console.log('ready');
  });
}`;
}

/** A Node.js script that tries each "host port" target and prints which ones greeted within the timeout. */
export function probeScript(targets: { host: string; port: number }[], timeoutMs: number): string {
  return `
const net = require('node:net');
const targets = ${JSON.stringify(targets)};
Promise.all(targets.map(({ host, port }) => new Promise((resolve) => {
  const socket = net.connect({ host, port });
  let data = '';
  const done = (ok) => { socket.destroy(); resolve({ host, port, ok }); };
  socket.setTimeout(${timeoutMs}, () => done(false));
  socket.on('data', (chunk) => { data += chunk; if (data === 'hello') done(true); });
  socket.on('error', () => done(false));
}))).then((results) => console.log(JSON.stringify(results)));`;
}

/**
 * A Node.js script that opens `count` connections to each target (from its `localAddress` when
 * given), one after another, keeping those that were greeted open; writes how many were greeted
 * per target (JSON) to `file`, prints `ready`, and holds the connections until it is stopped.
 */
export function holdingScript(
  targets: { host: string; port: number; localAddress?: string }[],
  count: number,
  timeoutMs: number,
  file: string,
): string {
  return `
const net = require('node:net');
const fs = require('node:fs');
const held = [];
const open = ({ host, port, localAddress }) => new Promise((resolve) => {
  const socket = net.connect({ host, port, localAddress });
  let data = '';
  const done = (ok) => { if (!ok) socket.destroy(); else held.push(socket); resolve(ok); };
  socket.setTimeout(${timeoutMs}, () => done(false));
  socket.on('data', (chunk) => { data += chunk; if (data === 'hello') { socket.setTimeout(0); done(true); } });
  socket.on('error', () => done(false));
});
(async () => {
  const greeted = [];
  for (const target of ${JSON.stringify(targets)}) {
    let n = 0;
    for (let i = 0; i < ${count}; i++) if (await open(target)) n++;
    greeted.push({ ...target, greeted: n });
  }
  fs.writeFileSync(${JSON.stringify(file)}, JSON.stringify(greeted));
  console.log('ready');
  setInterval(() => {}, 1 << 30);
})();`;
}
