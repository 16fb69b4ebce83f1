import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backupAccess, tempDir, testBackupSettings } from '../../backups.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { type ServerProcess, startServer } from '../../server-process.js';
import { backupToolsAvailable, INSTALL_BACKUP_TOOLS, startTestSshd, type TestSshd } from '../../sshd.js';
import { missingRequirement } from '../../tools.js';
import type { BackupSettings } from '../../../src/core/backups/backup.js';
import { listBackupRuns } from '../../../src/core/backups/backup-runs.repository.js';

/** Polls until the server recorded a finished run for each location (the test's only wait on a real process). */
async function finishedRuns(database: TestDatabase, server: ServerProcess, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const runs = (await listBackupRuns(database.db, 10)).filter((r) => r.status !== 'running');
    if (runs.length >= 2) return runs;
    if (Date.now() > deadline) throw new Error(`no backup after ${seconds} s: ${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

if (!backupToolsAvailable()) {
  missingRequirement('restic, sshd and ssh, as root (the scheduled backup test)', INSTALL_BACKUP_TOOLS);
} else {
  for (const dialect of testDialects()) {
    describe(`groupz serve backs up by itself (${dialect.name})`, () => {
      let database: TestDatabase;
      let sshd: TestSshd;
      let dir: string;
      let settings: BackupSettings;
      let server: ServerProcess;

      before(async () => {
        database = await dialect.create();
        sshd = await startTestSshd();
        dir = tempDir();
        settings = testBackupSettings(
          dir,
          { local: join(dir, 'local-repo'), remote: sshd.repository(`serve-${randomBytes(4).toString('hex')}`) },
          sshd,
        );
        server = await startServer({
          ...database.env,
          GROUPZ_BACKUP_LOCAL_REPO: settings.repositories.local!,
          GROUPZ_BACKUP_REMOTE_REPO: settings.repositories.remote!,
          GROUPZ_BACKUP_PASSWORD_FILE: settings.passwordFile,
          GROUPZ_BACKUP_SSH_KEY_FILE: sshd.keyFile,
          GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE: sshd.knownHostsFile,
        });
      });

      after(async () => {
        await server?.stop();
        await sshd.close();
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      });

      test('a fresh deployment makes its first backup in both locations at start, unasked', async () => {
        const runs = await finishedRuns(database, server, 120);
        assert.deepEqual(
          runs.map((r) => [r.location, r.status, r.trigger]).sort(),
          [
            ['local', 'succeeded', 'schedule'],
            ['remote', 'succeeded', 'schedule'],
          ],
          runs.map((r) => r.error).join('; '),
        );
        for (const location of ['local', 'remote'] as const) {
          assert.equal((await backupAccess(settings).store.repository(location)!.list()).length, 1, location);
        }
        const health = await fetch(`${server.url}/healthz`);
        assert.equal(health.status, 200, 'the platform kept serving');
      });
    });
  }
}
