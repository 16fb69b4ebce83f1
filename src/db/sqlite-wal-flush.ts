import { type FileHandle, open } from 'node:fs/promises';

/**
 * Puts what SQLite's writer has committed on disk, off the event loop. With `synchronous = FULL`
 * SQLite flushes the WAL inside every COMMIT, and better-sqlite3 runs a COMMIT on the event loop,
 * so each flush (about 4 ms under a rush here) held every request of the process. The writer runs
 * with `synchronous = NORMAL` instead (a COMMIT writes the WAL, SQLite flushes it only before a
 * checkpoint), and the driver (sqlite-driver.ts) reports a commit only once `flush()` has
 * resolved: an fdatasync of the WAL on libuv's thread pool, while the event loop goes on. The WAL
 * is one file written in order, so one fdatasync puts every commit written before it on disk.
 *
 * Commits that end while a flush is under way share the next one (a flush that began before a
 * commit wrote may not hold it). A failed flush fails its waiters, with SQLite's own code for it
 * (a 503, see unavailable.ts); the next commit flushes again, as SQLite does after a failed fsync.
 */
export class WalFlush {
  readonly #datasync: () => Promise<void>;
  readonly #close: () => Promise<void>;
  #running: Promise<void> | undefined;
  #next: Promise<void> | undefined;

  constructor(datasync: () => Promise<void>, close: () => Promise<void> = async () => {}) {
    this.#datasync = datasync;
    this.#close = close;
  }

  /** Closes what it flushes, once the connections are closed and the flushes under way are done. */
  async close(): Promise<void> {
    await Promise.allSettled([this.#running, this.#next]);
    await this.#close();
  }

  flush(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#datasync()
        .catch((error: unknown) => {
          throw Object.assign(new Error(`SQLite's WAL could not be put on disk: ${String(error)}`, { cause: error }), {
            code: 'SQLITE_IOERR_FSYNC',
          });
        })
        .finally(() => (this.#running = undefined));
      return this.#running;
    }
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.flush();
      });
    return this.#next;
  }
}

/** The flush of the WAL beside the database `file`, opened at the first flush (a commit has created it by then). */
export function walFileFlush(file: string): WalFlush {
  let wal: Promise<FileHandle> | undefined;
  const opened = () => (wal ??= open(`${file}-wal`, 'r').catch((error: unknown) => ((wal = undefined), Promise.reject(error))));
  return new WalFlush(
    async () => (await opened()).datasync(),
    async () => (await wal?.catch(() => undefined))?.close(),
  );
}
