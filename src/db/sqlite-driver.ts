import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  createQueryId,
  type DatabaseConnection,
  type Driver,
  IdentifierNode,
  type QueryCompiler,
  type QueryResult,
  type Kysely,
  type MigrationLockOptions,
  RawNode,
  SqliteAdapter,
  SqliteDialect,
} from 'kysely';
import type { SqliteCheckpointer } from './sqlite-checkpoints.js';

/**
 * How long a statement waits for the write lock while another process holds it (a second
 * instance, a backup, an administrator's `sqlite3`) before it fails as busy (503, see
 * unavailable.ts).
 */
export const BUSY_WAIT_MS = 5000;

/** How long closing waits for the writes under way and queued. */
const STOP_WAIT_MS = 2000;

/** Pauses between two tries for a lock: SQLite's own busy handler's. */
const BUSY_PAUSES_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];

/**
 * SQLite with two connections to one file: a writer for every transaction and write, and a reader
 * (`query_only`) for single reads, which WAL lets run while a transaction is open. And the waiting
 * for a lock is done here, between tries, instead of in SQLite's busy handler: better-sqlite3 is
 * synchronous, so its busy timeout would hold the whole process, every request and `/healthz`
 * included, while another process held the write lock. Now only the writes wait, and the reads
 * go on. `startCheckpoints`, when given, starts copying the WAL in the background as the first
 * query comes (sqlite-checkpoints.ts); it is stopped before the connections close.
 */
export class SqliteConnectionsDialect extends SqliteDialect {
  readonly #writer: SQLite.Database;
  readonly #reader: SQLite.Database;
  readonly #busyWaitMs: number;
  readonly #startCheckpoints: (() => SqliteCheckpointer) | undefined;

  constructor(writer: SQLite.Database, reader: SQLite.Database, busyWaitMs = BUSY_WAIT_MS, startCheckpoints?: () => SqliteCheckpointer) {
    super({ database: writer });
    this.#writer = writer;
    this.#reader = reader;
    this.#busyWaitMs = busyWaitMs;
    this.#startCheckpoints = startCheckpoints;
  }

  override createDriver(): Driver {
    return new SqliteConnectionsDriver(this.#writer, this.#reader, this.#busyWaitMs, this.#startCheckpoints);
  }

  override createAdapter(): SqliteAdapter {
    return new MigrationLockingAdapter();
  }
}

/**
 * Kysely's migrator runs on one connection (`db.connection()`) and, on SQLite, counts on that
 * connection being the only one to keep a second migrator out. Here its lock is a write to its lock
 * row, which gives the migrator's lease the writer (see Lease) until the migrations are done.
 */
class MigrationLockingAdapter extends SqliteAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await lockRow(db, options, 1);
  }

  override async releaseMigrationLock(db: Kysely<unknown>, options: MigrationLockOptions): Promise<void> {
    await lockRow(db, options, 0);
  }
}

async function lockRow(db: Kysely<unknown>, { lockTable, lockRowId }: MigrationLockOptions, locked: 0 | 1): Promise<void> {
  const table = db as unknown as Kysely<Record<string, { id: string; is_locked: number }>>;
  await table.updateTable(lockTable).set({ is_locked: locked }).where('id', '=', lockRowId).execute();
}

/** One SQLite connection with its statements compiled once (see CachedStatements). */
class Connection {
  readonly sqlite: SQLite.Database;
  readonly #statements: CachedStatements;
  readonly #busyWaitMs: number;

  constructor(sqlite: SQLite.Database, busyWaitMs: number) {
    // No busy handler: a lock that is held fails at once, and run() waits without blocking.
    sqlite.pragma('busy_timeout = 0');
    // SQLite's own scratch space in memory, not in temporary files: the journal of a savepoint (each
    // booking of a group commit has one) and of a statement with a trigger (every table availability
    // reads has them), which goes to a file beyond 64 KiB, and the small tables an `in (select ...)`
    // builds on each run (the triggers' own). On files, a booking's INSERT cost several times its
    // CPU (docs/performance.md, "CPU per booking, 7 December 2026 morning").
    sqlite.pragma('temp_store = MEMORY');
    this.sqlite = sqlite;
    this.#statements = new CachedStatements(sqlite);
    this.#busyWaitMs = busyWaitMs;
  }

  prepare(sql: string): SQLite.Statement {
    return this.#statements.prepare(sql);
  }

  /**
   * Runs `query`, trying again while the database is busy, for at most the busy wait counted from
   * `since` (when the query was asked for: a write that waited for its turn behind others waiting
   * for the same lock has waited already). Only a statement outside a transaction (a BEGIN among
   * them) is tried again: it failed as a whole, while in a transaction the failure is the
   * transaction's to handle.
   */
  async run(query: CompiledQuery, since = Date.now()): Promise<QueryResult<unknown>> {
    const deadline = since + this.#busyWaitMs;
    for (let attempt = 0; ; attempt++) {
      const alone = !this.sqlite.inTransaction;
      try {
        return this.#execute(query);
      } catch (error) {
        if (!isBusy(error) || !alone || Date.now() >= deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSES_MS[Math.min(attempt, BUSY_PAUSES_MS.length - 1)]));
      }
    }
  }

  #execute({ sql, parameters }: CompiledQuery): QueryResult<unknown> {
    const statement = this.prepare(sql);
    if (statement.reader) return { rows: statement.all(parameters) };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_BUSY');
}

/** A statement that may go to the reader: it starts as a read; SQLite confirms it writes nothing. */
const READ = /^\s*(select|with)\b/i;

class SqliteConnectionsDriver implements Driver {
  readonly #writer: Connection;
  readonly #reader: Connection;
  readonly #writerTurns = new Turns();
  readonly #startCheckpoints: (() => SqliteCheckpointer) | undefined;
  #checkpointer: SqliteCheckpointer | undefined;

  constructor(
    writer: SQLite.Database,
    reader: SQLite.Database,
    busyWaitMs: number,
    startCheckpoints: (() => SqliteCheckpointer) | undefined,
  ) {
    reader.pragma('query_only = ON');
    this.#writer = new Connection(writer, busyWaitMs);
    this.#reader = new Connection(reader, busyWaitMs);
    this.#startCheckpoints = startCheckpoints;
  }

  /** Kysely's first query; destroy() follows only a driver that was started. */
  async init(): Promise<void> {
    this.#checkpointer = this.#startCheckpoints?.();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Lease(this.#writer, this.#reader, this.#writerTurns);
  }

  /**
   * Each transaction takes the write lock at its start. A deferred one that reads before it
   * writes (a SELECT of the rows to lock, then their UPDATE) fails at once with "database is
   * locked" when another process wrote in between, as SQLite cannot wait for a snapshot that is
   * already stale.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  /**
   * Nothing to do when SQLite has rolled the transaction back itself (after a full disk or an I/O
   * error): a ROLLBACK would fail, and its error would take the place of the one that says why.
   */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#writer.sqlite.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(savepointCommand('savepoint', name, compile));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(savepointCommand('rollback to', name, compile));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await connection.executeQuery(savepointCommand('release', name, compile));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Lease).release();
  }

  /**
   * Closes both connections once the writes asked for before have had their turn, or after
   * STOP_WAIT_MS; the background checkpoint first, so that the writer, closing last, copies what
   * is left of the WAL and removes it.
   */
  async destroy(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#writerTurns.take(), new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))]);
    clearTimeout(timer);
    await this.#checkpointer?.stop();
    this.#reader.sqlite.close();
    this.#writer.sqlite.close();
  }
}

function savepointCommand(command: string, name: string, compile: QueryCompiler['compileQuery']): CompiledQuery {
  return compile(RawNode.createWithChildren([RawNode.createWithSql(`${command} `), IdentifierNode.create(name)]), createQueryId());
}

/**
 * What Kysely holds as a connection, for one query or one transaction: its reads go to the
 * reader until it first needs the writer; from then on it holds the writer, its turn, until it is
 * released, so a transaction's statements (and those of `db.connection()`) run together on it.
 */
class Lease implements DatabaseConnection {
  readonly #writer: Connection;
  readonly #reader: Connection;
  readonly #writerTurns: Turns;
  #endTurn: (() => void) | undefined;

  constructor(writer: Connection, reader: Connection, writerTurns: Turns) {
    this.#writer = writer;
    this.#reader = reader;
    this.#writerTurns = writerTurns;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.#endTurn && this.#onlyReads(query.sql)) return (await this.#reader.run(query)) as QueryResult<R>;
    const since = Date.now();
    this.#endTurn ??= await this.#writerTurns.take();
    return (await this.#writer.run(query, since)) as QueryResult<R>;
  }

  /** Whether `sql` may go to the reader; when the reader cannot compile it, the writer says why. */
  #onlyReads(sql: string): boolean {
    if (!READ.test(sql)) return false;
    try {
      return this.#reader.prepare(sql).readonly;
    } catch (error) {
      // Busy reading the schema: a read still, which the reader tries again (run()).
      return isBusy(error);
    }
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('SQLite: streaming is not supported');
  }

  release(): void {
    this.#endTurn?.();
    this.#endTurn = undefined;
  }
}

/** The writer's turns, first come first served. */
class Turns {
  #last: Promise<void> = Promise.resolve();

  /** Waits for the turn; resolves with the function that ends it. */
  take(): Promise<() => void> {
    let end!: () => void;
    const turn = new Promise<void>((resolve) => (end = resolve));
    const start = this.#last.then(() => end);
    this.#last = this.#last.then(() => turn);
    return start;
  }
}

/** Statements kept at most per connection; the platform runs far fewer distinct ones. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely prepares every query anew, and compiling a statement costs more than running most of
 * them. The platform runs the same statements over and over, so each is compiled once and kept
 * (SQLite recompiles a kept statement by itself when the schema changes). Safe because a
 * connection runs one statement at a time: better-sqlite3 runs each to its end at once.
 */
class CachedStatements {
  readonly #sqlite: SQLite.Database;
  readonly #statements = new Map<string, SQLite.Statement>();

  constructor(sqlite: SQLite.Database) {
    this.#sqlite = sqlite;
  }

  prepare(sql: string): SQLite.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.clear();
      statement = this.#sqlite.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
