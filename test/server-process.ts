import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SERVE_ARGS } from './groupz.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The ports freePort hands out: below the kernel's range for outgoing connections' own ports. */
function portsOutsideEphemeralRange(): { low: number; count: number } {
  let ephemeralLow = 32768;
  try {
    ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || ephemeralLow;
  } catch {
    // Not Linux: the IANA range for outgoing ports starts at 49152, above 32768.
  }
  const low = 20_000;
  return { low, count: Math.max(1_000, ephemeralLow - low) };
}

const PORTS = portsOutsideEphemeralRange();

/**
 * Whether a server can listen on the port of 127.0.0.1 now. One `error` listener only: events.once()
 * for `listening` rejects on `error` too, before a second once() for `error` resolves, which made a
 * port in use throw (EADDRINUSE) out of freePort instead of having it draw another.
 */
export async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (listening) {
    server.close();
    await once(server, 'close');
  }
  return listening;
}

/**
 * A port on 127.0.0.1 nothing listens on, for a server started later. Drawn at random below the
 * kernel's ephemeral range: a port the kernel picked (listen on 0) is one it may give the next
 * outgoing connection (a database connection, another test's fetch) before the server binds it,
 * which failed a start with EADDRINUSE on a busy machine.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = PORTS.low + randomInt(PORTS.count);
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port in ${PORTS.low}..${PORTS.low + PORTS.count - 1}`);
}

/**
 * The settings that switch the booking limits off, for a rush of bookings from one client (a test
 * about capacity, the benchmark): far above what one client may place, which would answer 429.
 */
export const BOOKING_LIMITS_OFF = { GROUPZ_BOOKING_LIMIT_PER_NETWORK: 'off', GROUPZ_BOOKING_LIMIT_PER_EMAIL: 'off' } as const;

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** What the process wrote to stderr, for failure messages. */
  stderr(): string;
  /** What it wrote to stdout: its log, as JSON lines (at GROUPZ_LOG_LEVEL, `warn` unless set). */
  logs(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `groupz serve` (the build or the sources: test/groupz.ts), its stderr and its stdout (the logs) kept. */
function spawnServe(env: Record<string, string>) {
  const child = spawn(process.execPath, SERVE_ARGS, {
    cwd: root,
    env: { ...process.env, GROUPZ_DEMO: 'off', GROUPZ_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return { child, stderr: () => stderr, stdout: () => stdout };
}

/** Waits until `ready()` says so; fails when the process exits first or time runs out. */
async function waitUntilReady(child: ChildProcess, stderr: () => string, ready: () => Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr()}`);
    try {
      if (await ready()) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start in ${seconds} s: ${stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function stopper(child: ChildProcess) {
  return async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await once(child, 'exit');
  };
}

/** `groupz serve` as its own process, ready when /healthz answers. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const server = await launchServer(env);
  await server.ready();
  return server;
}

/** `groupz serve` started, not waited for: `ready()` resolves once /healthz answers. */
export async function launchServer(env: Record<string, string>): Promise<ServerProcess & { ready(): Promise<void> }> {
  const port = await freePort();
  const { child, stderr, stdout } = spawnServe({ ...env, PORT: String(port), GROUPZ_HOST: '127.0.0.1' });
  const url = `http://127.0.0.1:${port}`;
  // A minute: on a loaded machine, compiling the sources takes a while.
  const ready = () => waitUntilReady(child, stderr, async () => (await fetch(`${url}/healthz`)).ok, 60);
  return { url, process: child, stderr, logs: stdout, stop: stopper(child), ready };
}

/**
 * `groupz serve` with GROUPZ_TLS (files or acme, in `env`) on 127.0.0.1, the given HTTPS and HTTP
 * ports; ready when `ready()` (an HTTPS request the test makes) succeeds.
 */
export async function startTlsServer(
  env: Record<string, string>,
  { https, http }: { https: number; http: number },
  ready: () => Promise<boolean>,
  seconds = 30,
): Promise<ServerProcess> {
  const { child, stderr, stdout } = spawnServe({
    GROUPZ_LOG_LEVEL: 'info',
    ...env,
    GROUPZ_HOST: '127.0.0.1',
    GROUPZ_HTTPS_PORT: String(https),
    GROUPZ_HTTP_PORT: String(http),
  });
  await waitUntilReady(child, stderr, ready, seconds);
  return { url: `https://127.0.0.1:${https}`, process: child, stderr, logs: stdout, stop: stopper(child) };
}

/** `groupz serve` expected to refuse to start: its exit code and what it wrote to stderr. */
export async function serveUntilExit(env: Record<string, string>, seconds = 30): Promise<{ code: number | null; stderr: string }> {
  const { child, stderr } = spawnServe({ GROUPZ_HOST: '127.0.0.1', ...env });
  const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, stderr: stderr() };
}
