import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './server-process.js';
import { runTool } from './tools.js';

/** Where Debian and Ubuntu install the server's programs, newest first. */
const PG_ROOT = '/usr/lib/postgresql';

/** The directory of initdb and pg_ctl, or undefined when no PostgreSQL server is installed. */
export function postgresBinaries(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(PG_ROOT, versions[0], 'bin');
}

/**
 * A PostgreSQL server of a test's own, in a temporary directory on a free port, that the test may
 * stop and start (never the machine's server, which others use). PostgreSQL refuses to run as
 * root: as root it runs as the `postgres` user.
 */
export interface OwnPostgres {
  /** `postgres://` URL of a database made for the test. */
  url: string;
  /** The cluster's data directory (its postmaster.pid names the server's process). */
  dataDir: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its files. */
  remove(): Promise<void>;
}

/** `settings` are the server's own (`-c name=value` each), such as `{ autovacuum: 'off' }`. */
export async function startOwnPostgres(bin: string, database = 'groupz', settings: Record<string, string> = {}): Promise<OwnPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'groupz-own-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    chownSync(dir, uid, gid);
  }
  const run = async (tool: string, args: string[]) => {
    const [command, full] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const { code, output } = await runTool(command, full, 60);
    if (code !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${code}): ${output}`);
  };
  await run('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  const options = [
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
  ].join(' ');
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  // Fast shutdown: open sessions are ended (57P01), as on a restart or failover.
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  await start();
  const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    dataDir: data,
    stop,
    start,
    remove: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const { code, output } = await runTool('id', ['-u', 'postgres'], 10);
  const group = await runTool('id', ['-g', 'postgres'], 10);
  if (code !== 0 || group.code !== 0) throw new Error('running as root, and there is no postgres user to run PostgreSQL as');
  return { uid: Number(output.trim()), gid: Number(group.output.trim()) };
}
