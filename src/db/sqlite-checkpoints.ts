import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { INSTALL_DIR } from '../install-dir.js';

/**
 * How often the background checkpoint copies the WAL into the database file: each pass copies what
 * was committed since the last one; a pass with nothing to copy costs next to nothing.
 */
export const CHECKPOINT_INTERVAL_MS = 100;

/**
 * Pages the WAL may hold (4 KiB each, so about 40 MB) before the writer copies them itself, inside
 * the commit that reaches this, as SQLite does by default at 1,000: the bound when the background
 * checkpoint falls behind or has stopped. SQLite starts the WAL over at a write that finds all of
 * it copied; while commits keep coming during every pass that may not happen, and the WAL grows
 * until the writer's checkpoint copies the little the last pass left, and the next write starts it over.
 */
export const WAL_LIMIT_PAGES = 10_000;

/** SQLite's own `wal_autocheckpoint`, which the writer goes back to when the worker fails. */
export const SQLITE_CHECKPOINT_PAGES = 1000;

let inBackground = false;
let workersStart: Promise<unknown> = Promise.resolve();

/**
 * Whether this process copies the WAL in a worker thread: `groupz serve` (src/main.ts) switches it
 * on before it connects. A one-shot command (`groupz migrate`, a backup) or a test's database would
 * pay for the thread's start (a JavaScript isolate and its memory) and gain nothing: without the
 * worker the writer checkpoints as SQLite does by default, at SQLITE_CHECKPOINT_PAGES.
 * `startWhen`: the workers start once it resolves (by default at once); until then the writer
 * checkpoints at WAL_LIMIT_PAGES, as when the worker falls behind.
 */
export function setBackgroundCheckpoints(on: boolean, startWhen: Promise<unknown> = Promise.resolve()): void {
  inBackground = on;
  workersStart = startWhen;
}

/** What the worker sends for each checkpoint that copied pages: the WAL's pages, and how many of them are now in the database file. */
export interface CheckpointPass {
  walPages: number;
  copiedPages: number;
}

/** What the worker is started with. */
export interface CheckpointerSettings {
  file: string;
  intervalMs: number;
}

/**
 * SQLite's checkpoints (copying the pages committed to the WAL into the database file) in a worker
 * thread. By default the writer runs one inside the commit that brings the WAL to 1,000 pages; with
 * `synchronous = FULL` and better-sqlite3 answering at once, that held the event loop, every
 * request with it, for up to 82 ms, 9 to 49 times in 5 seconds of booking load (docs/performance.md,
 * "Paced p99 on SQLite"). The worker runs PASSIVE checkpoints on a connection of its own, and the
 * writer's own (`wal_autocheckpoint`) waits until WAL_LIMIT_PAGES. A checkpoint never loses a
 * commit: the WAL keeps every page until the database file holds it on disk. Only in the process
 * that switched it on (setBackgroundCheckpoints, the server), when that says; elsewhere it starts no worker.
 */
export class SqliteCheckpointer {
  #worker: Worker | undefined;
  #exited: Promise<void> = Promise.resolve();
  #stopped = false;

  /**
   * `withoutWorker`: no worker copies the WAL from now on, the writer must: this process does not
   * run one (see setBackgroundCheckpoints), or it failed (to start, or later).
   */
  constructor(file: string, onPass?: (pass: CheckpointPass) => void, withoutWorker?: () => void) {
    if (!inBackground) {
      withoutWorker?.();
      return;
    }
    // A worker that cannot start leaves the copying to the writer, as one that fails later does.
    workersStart
      .then(() => {
        if (!this.#stopped) this.#start(file, onPass, withoutWorker);
      })
      .catch(() => withoutWorker?.());
  }

  #start(file: string, onPass?: (pass: CheckpointPass) => void, withoutWorker?: () => void): void {
    const workerData: CheckpointerSettings = { file, intervalMs: CHECKPOINT_INTERVAL_MS };
    this.#worker = import.meta.url.endsWith('.ts')
      ? sourceWorker(workerData)
      : new Worker(join(INSTALL_DIR, 'dist', 'sqlite-checkpoint-worker.js'), { workerData });
    // Not a reason for the process to stay up.
    this.#worker.unref();
    this.#worker.on('error', () => withoutWorker?.());
    this.#worker.on('message', (pass: CheckpointPass) => {
      try {
        onPass?.(pass);
      } catch {
        // Only a report.
      }
    });
    const worker = this.#worker;
    this.#exited = new Promise((resolve) => worker.once('exit', () => resolve()));
  }

  /** Ends the passes and closes the worker's connection; resolves once the worker has exited. */
  async stop(): Promise<void> {
    // A worker not started yet never starts.
    this.#stopped = true;
    // Held for its exit, which the process waits for now.
    this.#worker?.ref();
    this.#worker?.postMessage('stop');
    await this.#exited;
  }
}

/**
 * The worker from src/ (the tests of the worker, the server run from the sources), compiled by tsx as they run:
 * a worker inherits no loader hooks, so it loads its source through tsx's require hook.
 */
function sourceWorker(workerData: CheckpointerSettings): Worker {
  const require = createRequire(import.meta.url);
  const paths = [require.resolve('tsx/cjs'), fileURLToPath(new URL('./sqlite-checkpoint-worker.ts', import.meta.url))];
  return new Worker(paths.map((path) => `require(${JSON.stringify(path)});`).join(' '), { eval: true, workerData });
}
