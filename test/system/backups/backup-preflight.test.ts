import assert from 'node:assert/strict';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backupAccess, tempDir, testBackupSettings } from '../../backups.js';
import { serveUntilExit } from '../../server-process.js';
import { hasTool, missingRequirement } from '../../tools.js';
import type { BackupSettings } from '../../../src/core/backups/backup.js';
import { backupSetupProblems } from '../../../src/core/backups/backup-preflight.js';

if (!hasTool('restic')) {
  missingRequirement('restic (the backup set-up checks)', 'apt-get install -y restic');
} else {
  describe('what would make every backup fail is found before the first', () => {
    let dir: string;
    let settings: BackupSettings;

    before(() => {
      dir = tempDir();
      settings = testBackupSettings(dir, { local: join(dir, 'repo'), remote: undefined });
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    test('good settings: no problem', () => {
      assert.deepEqual(backupSetupProblems(backupAccess(settings), 'sqlite'), []);
    });

    test('a missing, empty or world-readable password file, and missing SSH files, are named', () => {
      const missing = {
        ...settings,
        passwordFile: join(dir, 'nope'),
        sshKeyFile: join(dir, 'no-key'),
        sshKnownHostsFile: join(dir, 'no-hosts'),
      };
      assert.deepEqual(
        backupSetupProblems(backupAccess(missing), 'sqlite').map((p) => p.split(':')[0]),
        ['GROUPZ_BACKUP_PASSWORD_FILE', 'GROUPZ_BACKUP_SSH_KEY_FILE', 'GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE'],
      );
      const open = join(dir, 'open-password');
      writeFileSync(open, '');
      chmodSync(open, 0o644);
      assert.deepEqual(backupSetupProblems(backupAccess({ ...settings, passwordFile: open }), 'sqlite'), [
        `GROUPZ_BACKUP_PASSWORD_FILE: ${open} is readable by every user (chmod 600 or 640)`,
        `GROUPZ_BACKUP_PASSWORD_FILE: ${open} is empty`,
      ]);
    });

    test('groupz serve refuses to start on a backup set-up that cannot work, naming the problem', async () => {
      const { code, stderr } = await serveUntilExit({
        GROUPZ_DATA_DIR: join(dir, 'data'),
        PORT: '0',
        GROUPZ_BACKUP_LOCAL_REPO: join(dir, 'repo'),
        GROUPZ_BACKUP_PASSWORD_FILE: join(dir, 'missing-password'),
      });
      assert.equal(code, 1, stderr);
      assert.match(stderr, /GROUPZ_BACKUP_PASSWORD_FILE: cannot read .*missing-password \(ENOENT\)/);
    });
  });
}
