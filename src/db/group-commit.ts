import type { ControlledTransaction, Transaction } from 'kysely';
import type { Database, Db } from './schema.js';

/** A piece of work that must commit as a whole: its statements run on `trx`. */
export type GroupedWork<T> = (trx: Transaction<Database>) => Promise<T>;

interface Job {
  work: GroupedWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Jobs at most in one commit, so a steady stream of them still commits, and answers, every so often. */
const MAX_GROUP = 64;

/**
 * Group commit for SQLite's single writer: the jobs that arrive while one commit is under way (or
 * waiting for the connection) are run in one transaction, each in its own savepoint, and committed
 * together, so a burst of bookings pays for one durable commit (one fsync with `synchronous =
 * FULL`) instead of one each. A job that throws is rolled back to its savepoint alone; the others
 * in its group are untouched. Every job's promise settles only after the group's COMMIT has
 * returned, so nothing is answered as done before it is on disk, and a job that failed is
 * reported with the group's fate known (a job placed twice by a racing twin finds the twin
 * committed). When the transaction itself is lost (SQLite rolls the whole transaction back on
 * some errors, such as a full disk, and a COMMIT can fail), every job of the group fails with
 * that error: none of them was stored.
 */
export class GroupWriter {
  readonly #db: Db;
  readonly #onCommit: ((jobs: number) => void) | undefined;
  #queue: Job[] = [];
  #running = false;

  constructor(db: Db, onCommit?: (jobs: number) => void) {
    this.#db = db;
    this.#onCommit = onCommit;
  }

  run<T>(work: GroupedWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work: work as GroupedWork<unknown>, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#running) {
        this.#running = true;
        // better-sqlite3 answers at once, so without a pause a request would run to its commit
        // before the server reads the next one: after the requests already received (I/O comes
        // before setImmediate in Node's event loop) have queued their jobs too.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) {
        await this.#commitGroup();
        // A turn of the event loop between groups: the requests read meanwhile join the next one.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.#running = false;
    }
  }

  /** Runs the jobs waiting now (and those arriving meanwhile, up to MAX_GROUP) in one transaction. */
  async #commitGroup(): Promise<void> {
    const group = this.#queue.splice(0, MAX_GROUP);
    const outcomes: (() => void)[] = [];
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await this.#db.startTransaction().execute();
      for (let i = 0; i < group.length; i++) {
        outcomes.push(await this.#runInSavepoint(trx, group[i]!));
        if (i === group.length - 1 && group.length < MAX_GROUP) group.push(...this.#queue.splice(0, MAX_GROUP - group.length));
      }
      await trx.commit().execute();
    } catch (error) {
      // Releases the connection (with nothing to roll back when SQLite has rolled back already).
      await trx
        ?.rollback()
        .execute()
        .catch(() => undefined);
      for (const job of group) job.reject(error);
      return;
    }
    for (const settle of outcomes) settle();
    try {
      this.#onCommit?.(group.length);
    } catch {
      // Only a report: the jobs are done and told so.
    }
  }

  /** Runs one job in a savepoint; what to tell it once the group is committed. Throws when the transaction is lost. */
  async #runInSavepoint(trx: ControlledTransaction<Database>, job: Job): Promise<() => void> {
    const savepoint = await trx.savepoint('job').execute();
    try {
      const value = await job.work(savepoint);
      await savepoint.releaseSavepoint('job').execute();
      return () => job.resolve(value);
    } catch (error) {
      // After some errors (a full disk) SQLite has rolled the whole transaction back, savepoint
      // and all: then the group is lost, with this job's error.
      await savepoint
        .rollbackToSavepoint('job')
        .execute()
        .catch(() => {
          throw error;
        });
      await savepoint.releaseSavepoint('job').execute();
      return () => job.reject(error);
    }
  }
}

const writers = new WeakMap<Db, GroupWriter>();

/** Makes `db`'s grouped transactions commit in groups (SQLite: see GroupWriter). */
export function groupCommits(db: Db, writer: GroupWriter): void {
  writers.set(db, writer);
}

/**
 * Runs `work` in a transaction of its own, or, on a database that commits in groups, in a
 * savepoint of a transaction it shares with the work arriving with it. Either way it is atomic,
 * sees what the work before it wrote, and has settled only once it is durable. For short write
 * transactions on a hot path (placing a booking); PostgreSQL commits concurrent transactions
 * together by itself.
 */
export function groupedTransaction<T>(db: Db, work: GroupedWork<T>): Promise<T> {
  const writer = writers.get(db);
  return writer ? writer.run(work) : db.transaction().execute(work);
}
