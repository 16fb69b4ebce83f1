import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOOKING_LIMITS_OFF, freePort } from '../test/server-process.js';
import { onCleanup } from './cleanup.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A running platform process, started from the built code as `npm start` starts it. */
export interface PlatformProcess {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 of `readyPath`. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * The settings the bench sets beyond the defaults: the rush places hundreds of bookings a second
 * from one client, far above the booking limits (which would answer 429), so it switches them off.
 */
export const BENCH_SETTINGS = { ...BOOKING_LIMITS_OFF } as const;

/** The bench's environment without any Groupz setting of its own, so the platform runs on its defaults (and BENCH_SETTINGS). */
function baseEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !/^(GROUPZ_|PORT$)/.test(e[0])),
  );
}

async function isServing(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Spawns `node dist/main.js` (what `npm start` runs) on `env`'s data dir and database, with the
 * platform's own defaults otherwise (demo off, loopback, a free port, the booking limits off); its log lines go to `logFile`.
 * Ready when `readyPath` answers 200: a real page, so the routes, the database and the views all work.
 * `nodeArgs` go to node itself (`--cpu-prof`).
 */
export async function startPlatform(
  env: Record<string, string>,
  logFile: string,
  { readyPath = '/', nodeArgs = [] }: { readyPath?: string; nodeArgs?: string[] } = {},
): Promise<PlatformProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, join(root, 'dist/main.js')], {
    cwd: root,
    env: { ...baseEnv(), ...env, ...BENCH_SETTINGS, GROUPZ_DEMO: 'off', GROUPZ_HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', log, 'pipe'],
  });
  closeSync(log);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = onCleanup(`stop the platform process ${child.pid}`, () => stopChild(child));
  const deadline = started + 30_000;
  while (!(await isServing(`${url}${readyPath}`))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      await stop();
      throw new Error(`the platform did not start (exit ${child.exitCode}): ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { url, pid: child.pid!, startMs: performance.now() - started, stop };
}
