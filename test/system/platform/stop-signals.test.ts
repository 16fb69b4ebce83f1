import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { type TestDatabase, testDialects } from '../../databases.js';
import { PROJECT_ROOT } from '../../groupz.js';
import { freePort, launchServer, type ServerProcess } from '../../server-process.js';
import { REPEATED_SIGNAL_MS } from '../../../src/cli/stop-signals.js';
import { migrations } from '../../../src/db/migrations/index.js';

const folders: string[] = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A folder of the test's own, removed after the tests. */
function folder(prefix: string): string {
  const made = mkdtempSync(join(tmpdir(), prefix));
  folders.push(made);
  return made;
}

/** The platform's settings for a database of its own: SQLite's in a fresh folder (so that no other connection keeps its -wal file). */
function settingsFor(dialect: string, database: TestDatabase): Record<string, string> {
  if (dialect === 'postgres') return database.env;
  return { GROUPZ_DATA_DIR: folder('groupz-stop-'), GROUPZ_DATABASE_URL: '' };
}

/** Resolves once the process and every process holding its output (npm's child) have ended. */
function ended(child: ChildProcess): Promise<[number | null, NodeJS.Signals | null]> {
  return once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
}

/** Waits until `url` answers 200; fails after a minute. */
async function untilServing(url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    assert.ok(Date.now() < deadline, `never answered: ${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The key of the lock Kysely's migrator takes on PostgreSQL (pg_advisory_lock in kysely's PostgresAdapter). */
const MIGRATION_LOCK = '3853314791062309107';

/** The clean stop: the "stopped" line in the log and, on SQLite, no -wal file left. */
function assertStoppedCleanly(log: string, settings: Record<string, string>) {
  assert.match(log, /"msg":"stopped"/, log);
  if (settings.GROUPZ_DATABASE_URL === '') {
    assert.deepEqual(
      readdirSync(settings.GROUPZ_DATA_DIR!).filter((file) => file.endsWith('-wal')),
      [],
      'the database was closed',
    );
  }
}

for (const dialect of testDialects()) {
  describe(`a platform process stopped by signals (a terminal's Ctrl-C, npm's copy), on ${dialect.name}`, () => {
    let database: TestDatabase;
    /** Ends what a failed test left running: `group`, a process group of its own (npm's). */
    const children: { child: ChildProcess; group: boolean }[] = [];
    before(async () => {
      database = await dialect.createEmpty();
    });
    after(async () => {
      for (const { child, group } of children) {
        if (child.exitCode === null && child.signalCode === null) group ? process.kill(-child.pid!, 'SIGKILL') : child.kill('SIGKILL');
      }
      await database.close();
    });

    test('takes two SIGINTs a few milliseconds apart as one request and stops cleanly', { timeout: 90_000 }, async () => {
      const settings = settingsFor(dialect.name, database);
      const server = await launchServer({ ...settings, GROUPZ_LOG_LEVEL: 'info' });
      children.push({ child: server.process, group: false });
      await server.ready();
      const exit = ended(server.process);
      server.process.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 5));
      server.process.kill('SIGINT');
      assert.deepEqual(await exit, [0, null], server.stderr());
      assertStoppedCleanly(server.logs(), settings);
    });

    /**
     * `groupz serve` on an empty PostgreSQL database, its migrator held at its lock (which the test
     * takes first) while `during` runs; then the lock is let go.
     */
    async function whileMigrating(during: (server: ServerProcess) => Promise<void>) {
      const own = await dialect.createEmpty();
      const holder = new pg.Client({ connectionString: own.env.GROUPZ_DATABASE_URL });
      try {
        await holder.connect();
        await holder.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
        const server = await launchServer({ ...own.env, GROUPZ_LOG_LEVEL: 'info' });
        children.push({ child: server.process, group: false });
        const waiting = async () =>
          Number((await holder.query(`select count(*) as n from pg_locks where locktype = 'advisory' and not granted`)).rows[0].n);
        const deadline = Date.now() + 60_000;
        while ((await waiting()) === 0) {
          assert.ok(Date.now() < deadline, `the migrator never waited: ${server.stderr()}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const exit = ended(server.process);
        await during(server);
        await holder.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
        const migrated = async () => Number((await holder.query('select count(*) as n from kysely_migration')).rows[0].n);
        return { exit: await exit, server, migrated: await migrated() };
      } finally {
        await holder.end();
        await own.close();
      }
    }
    const heldByPostgres = { timeout: 90_000, skip: dialect.name !== 'postgres' && 'the migrations are held by a lock of PostgreSQL' };

    test('a SIGINT while the migrations run lets them finish and stops before it listens', heldByPostgres, async () => {
      const { exit, server, migrated } = await whileMigrating(async (server) => {
        server.process.kill('SIGINT');
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      assert.deepEqual(exit, [0, null], server.stderr());
      assert.match(server.logs(), /"msg":"stopping before listening"/);
      assert.doesNotMatch(server.logs(), /Server listening/);
      assertStoppedCleanly(server.logs(), {});
      assert.equal(migrated, Object.keys(migrations).length, 'every migration ran');
    });

    test('a second SIGINT more than a second after the first ends it at once', heldByPostgres, async () => {
      const { exit } = await whileMigrating(async (server) => {
        server.process.kill('SIGINT');
        await new Promise((resolve) => setTimeout(resolve, REPEATED_SIGNAL_MS + 300));
        server.process.kill('SIGINT');
        await once(server.process, 'exit');
      });
      assert.deepEqual(exit, [null, 'SIGINT']);
    });

    // Through npm, whose copy of the signal races the tty's: without the repeated signal's window
    // (src/cli/stop-signals.ts) this failed in 3 of 4 runs of a script, yet passed in 4 test runs.
    // Once: the database is not what it is about, and on SQLite the -wal file shows the close.
    test(
      'stops cleanly on Ctrl-C to `npm start` (SIGINT to its process group)',
      { timeout: 120_000, skip: dialect.name !== 'sqlite' && 'run on SQLite' },
      async () => {
        // A copy of the project whose own dist/ `npm start` builds: the build the other tests run stays as it is.
        const project = folder('groupz-npm-start-');
        for (const entry of readdirSync(PROJECT_ROOT)) if (entry !== 'dist') symlinkSync(join(PROJECT_ROOT, entry), join(project, entry));
        mkdirSync(join(project, 'dist'));
        const settings = settingsFor(dialect.name, database);
        const port = await freePort();
        const npm = spawn('npm', ['start'], {
          cwd: project,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...settings, PORT: String(port), GROUPZ_HOST: '127.0.0.1', GROUPZ_DEMO: 'off', GROUPZ_LOG_LEVEL: 'info' },
        });
        children.push({ child: npm, group: true });
        let output = '';
        npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const exit = ended(npm);
        await untilServing(`http://127.0.0.1:${port}/healthz`, () => output);
        process.kill(-npm.pid!, 'SIGINT');
        assert.deepEqual(await exit, [0, null], output);
        assertStoppedCleanly(output, settings);
        assert.ok(existsSync(join(project, 'dist', 'main.js')), 'npm start ran its own build');
      },
    );
  });
}
