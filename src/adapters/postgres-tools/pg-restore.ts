import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { POSTGRES_TABLES } from '../../core/backups/database-dump.js';

const run = promisify(execFile);

/** How many entries `pg_restore --list` reads in the archive's table of contents. */
export async function countArchiveEntries(archive: string): Promise<number> {
  const { stdout } = await run('pg_restore', ['--list', archive], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.split('\n').filter((line) => /^\d+;/.test(line)).length;
}

/** `COPY public.name (columns) FROM stdin;` (the name quoted when it needs to be): the table's name. */
function copiedTable(line: string): string | undefined {
  const match = /^COPY (?:"(?:[^"]|"")+"|[^\s."]+)\.("(?:[^"]|"")+"|[^\s."]+) .*FROM stdin;$/.exec(line);
  if (!match) return undefined;
  const name = match[1]!;
  return name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name;
}

/**
 * Rows per table of a pg_dump archive, read from its data as `pg_restore` writes it: each COPY
 * block holds one line per row (the text format escapes newlines inside values), ended by `\.`.
 */
export async function countArchiveRows(archive: string): Promise<Record<string, number>> {
  const child = spawn('pg_restore', ['--data-only', '--file=-', archive], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'close');
  const counts: Record<string, number> = {};
  let table: string | undefined;
  for await (const line of createInterface({ input: child.stdout, crlfDelay: Infinity })) {
    if (table === undefined) {
      table = copiedTable(line);
      if (table !== undefined) counts[table] = 0;
    } else if (line === '\\.') {
      table = undefined;
    } else {
      counts[table]!++;
    }
  }
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw Object.assign(new Error(`pg_restore exited ${code}`), { stderr });
  if (table !== undefined) throw new Error(`the data of ${table} ends early`);
  return counts;
}

/** The functions of the current schema, each as its signature (`invoices_immutable()`), quoted as DROP FUNCTION takes it. */
const POSTGRES_FUNCTIONS = `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = current_schema() AND p.prokind = 'f'`;

/**
 * Replaces the PostgreSQL database's tables with those of a pg_dump archive, in one transaction:
 * the current tables are dropped and the archive's SQL replayed by psql; any error rolls all of it
 * back and leaves the database as it was.
 */
export async function replacePostgresDatabase(archive: string, url: string, workDir: string): Promise<void> {
  const script = join(workDir, 'restore.sql');
  await run('pg_restore', ['--no-owner', '--no-acl', `--file=${script}`, archive], { maxBuffer: 16 * 1024 * 1024 });
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let tables: string[];
  let functions: string[];
  try {
    tables = (await client.query<{ name: string }>(POSTGRES_TABLES)).rows.map((row) => row.name);
    functions = (await client.query<{ signature: string }>(POSTGRES_FUNCTIONS)).rows.map((row) => row.signature);
  } finally {
    await client.end();
  }
  const wrapper = join(workDir, 'replace.sql');
  // The archive creates the schema's functions too (the invoices' immutability trigger's), which
  // dropping the tables leaves behind: they go first, else creating them again fails.
  const drop =
    (tables.length > 0 ? `DROP TABLE IF EXISTS ${tables.map((name) => `"${name.replaceAll('"', '""')}"`).join(', ')} CASCADE;\n` : '') +
    functions.map((signature) => `DROP FUNCTION IF EXISTS ${signature} CASCADE;\n`).join('');
  writeFileSync(wrapper, `${drop}\\i '${script.replaceAll("'", "''")}'\n`, { mode: 0o600 });
  try {
    await run('psql', ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--dbname=${url}`, `--file=${wrapper}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } finally {
    for (const file of [script, wrapper]) if (existsSync(file)) rmSync(file);
  }
}
