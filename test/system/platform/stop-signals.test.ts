import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, testDialects } from '../../databases.js';
import { PROJECT_ROOT } from '../../groupz.js';
import { freePort, launchServer } from '../../server-process.js';

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
  describe(`a platform process signalled twice at once (a terminal's Ctrl-C under npm), on ${dialect.name}`, () => {
    let database: TestDatabase;
    const children: ChildProcess[] = [];
    before(async () => {
      database = await dialect.createEmpty();
    });
    after(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      await database.close();
    });

    test('takes two SIGINTs a few milliseconds apart as one request and stops cleanly', { timeout: 90_000 }, async () => {
      const settings = settingsFor(dialect.name, database);
      const server = await launchServer({ ...settings, GROUPZ_LOG_LEVEL: 'info' });
      await server.ready();
      const exit = ended(server.process);
      server.process.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 5));
      server.process.kill('SIGINT');
      assert.deepEqual(await exit, [0, null], server.stderr());
      assertStoppedCleanly(server.logs(), settings);
    });

    test('stops cleanly on Ctrl-C to `npm start` (SIGINT to its process group)', { timeout: 120_000 }, async () => {
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
      children.push(npm);
      let output = '';
      npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exit = ended(npm);
      await untilServing(`http://127.0.0.1:${port}/healthz`, () => output);
      process.kill(-npm.pid!, 'SIGINT');
      assert.deepEqual(await exit, [0, null], output);
      assertStoppedCleanly(output, settings);
      assert.ok(existsSync(join(project, 'dist', 'main.js')), 'npm start ran its own build');
    });
  });
}
