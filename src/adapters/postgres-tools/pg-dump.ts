import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Query } from '../../core/backups/postgres-tools.js';

const run = promisify(execFile);

/**
 * A repeatable-read transaction exports its snapshot; pg_dump (custom format) dumps exactly that
 * snapshot into `file` while `count` runs in it, so what it counts describes the dump.
 */
export async function dumpPostgres<T>(url: string, file: string, count: (query: Query) => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot');
    const dumped = run(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-acl', `--snapshot=${rows[0]!.snapshot}`, `--file=${file}`, `--dbname=${url}`],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const counted = count(async (text) => (await client.query(text)).rows as Record<string, unknown>[]);
    const [, found] = await Promise.all([dumped, counted]);
    await client.query('COMMIT');
    return found;
  } finally {
    await client.end();
  }
}
