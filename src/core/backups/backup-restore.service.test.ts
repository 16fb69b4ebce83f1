import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { connectDatabase } from '../../db/connect.js';
import { startInstanceHeartbeat } from '../jobs/instance-heartbeat.service.js';
import type { BackupSettings } from './backup.js';
import type { PostgresTools } from './postgres-tools.js';
import { restoreBackup, RestoreRefused, type RestoreRefusalReason } from './backup-restore.service.js';

const refusedFor = (reason: RestoreRefusalReason, message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof RestoreRefused, String(error));
  assert.equal(error.reason, reason);
  assert.match(error.message, message);
  return true;
};

for (const dialect of testDialects()) {
  describe(`what a restore refuses before it touches anything, on ${dialect.name}`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await dialect.create();
    });
    after(() => database.close());

    test('a platform instance seen within 30 s stops the restore, naming host and pid; then a database with data does', async () => {
      const dataDir = database.env.GROUPZ_DATA_DIR!;
      const url = database.env.GROUPZ_DATABASE_URL || undefined;
      const sqliteFile = join(dataDir, 'groupz.sqlite');
      const clock = new TestClock('2026-12-01T10:00:00Z');
      // No repository is ever reached: both refusals come before the store is asked for one.
      const settings = {
        repositories: { local: join(dataDir, 'nowhere'), remote: undefined },
        workDir: join(dataDir, 'backup'),
      } as BackupSettings;
      const store = { missingPrograms: () => [], repository: () => assert.fail('the restore reached the backup store') };
      // Nor is anything dumped or replaced.
      const postgres = {} as PostgresTools;
      const target = { clock, url, sqliteFile, dataDir, settings, store, postgres };
      // restoreBackup closes the handle it gets: each attempt gets its own.
      const attempt = (overwrite: boolean) => restoreBackup(connectDatabase({ url, sqliteFile }), target, { overwrite });

      await makeActivity(database.db, clock);
      const stop = await startInstanceHeartbeat(database.db, clock, (error) => assert.fail(String(error)));
      clock.advance(29_000);
      await assert.rejects(
        attempt(true),
        refusedFor('platform_running', new RegExp(`host ${hostname()}, pid ${process.pid}, seen 29 s ago.*systemctl stop groupz`)),
      );
      clock.advance(2_000);
      await assert.rejects(attempt(false), refusedFor('database_holds_data', /holds 1 venue, 0 bookings and 0 staff accounts/));
      await stop();
    });
  });
}
