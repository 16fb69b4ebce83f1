/** Runs SQL and gives the rows: how a count reaches a database (a SQLite handle, a PostgreSQL client). */
export type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** What backups need of PostgreSQL's client programs (see src/adapters/postgres-tools/). */
export interface PostgresTools {
  /** The programs that are not installed, each named with how to install them. */
  missingPrograms(): string[];
  /**
   * Dumps the database at `url` into `file` (an archive pg_restore reads) as one snapshot of it,
   * and gives what `count` finds in that same snapshot: the counts describe the dump.
   */
  dump<T>(url: string, file: string, count: (query: Query) => Promise<T>): Promise<T>;
  /** How many entries the archive's table of contents lists; throws (with the tool's `stderr`) when it cannot be read. */
  countEntries(archive: string): Promise<number>;
  /** Rows per table in the archive's data; throws (with the tool's `stderr`) when it cannot be read. */
  countRows(archive: string): Promise<Record<string, number>>;
  /**
   * Replaces the tables of the database at `url` with the archive's, in one transaction: any error
   * leaves the database as it was. `workDir` holds the intermediate files meanwhile.
   */
  replace(archive: string, url: string, workDir: string): Promise<void>;
}
