// A worker thread of its own (see sqlite-checkpoints.ts): copies the WAL into the database file on a
// connection of its own, so that the copying and its fsyncs never hold the event loop.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import type { CheckpointPass, CheckpointerSettings } from './sqlite-checkpoints.js';

const { file, intervalMs } = workerData as CheckpointerSettings;
const sqlite = new SQLite(file, { fileMustExist: true });
// A checkpoint never waits for a lock: when another one runs (the writer's, at the WAL's limit), the next pass follows.
sqlite.pragma('busy_timeout = 0');
// The copied pages reach the disk before SQLite may reuse the WAL they came from.
sqlite.pragma('synchronous = FULL');

let copied = 0;
const timer = setInterval(() => {
  try {
    // PASSIVE: copies what no reader still needs, without taking the write lock; the writer goes on.
    const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (!row || row.checkpointed === copied) return;
    copied = row.checkpointed;
    parentPort!.postMessage({ walPages: row.log, copiedPages: row.checkpointed } satisfies CheckpointPass);
  } catch {
    // Tried again at the next pass; meanwhile the writer's own checkpoint bounds the WAL.
  }
}, intervalMs);

parentPort!.once('message', () => {
  clearInterval(timer);
  sqlite.close();
  parentPort!.close();
});
