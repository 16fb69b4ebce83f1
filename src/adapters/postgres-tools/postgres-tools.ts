import type { PostgresTools } from '../../core/backups/postgres-tools.js';
import { notInstalled } from '../installed-program.js';
import { dumpPostgres } from './pg-dump.js';
import { countArchiveEntries, countArchiveRows, replacePostgresDatabase } from './pg-restore.js';

/** PostgreSQL's client programs as backups use them: pg_dump, pg_restore and psql. */
export const postgresTools: PostgresTools = {
  missingPrograms: () =>
    ['pg_dump', 'pg_restore', 'psql']
      .map((program) => notInstalled(program, 'apt-get install postgresql-client'))
      .filter((problem) => problem !== undefined),
  dump: dumpPostgres,
  countEntries: countArchiveEntries,
  countRows: countArchiveRows,
  replace: replacePostgresDatabase,
};
