import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backupAccess, tempDir, testBackupContext, testBackupSettings } from '../../backups.js';
import { addSetUpMember } from '../../lifecycle.js';
import { TestClock } from '../../clock.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { hasTool, missingRequirement } from '../../tools.js';
import { runJobOnce } from '../../../src/core/jobs/scheduler.js';
import type { BackupSettings } from '../../../src/core/backups/backup.js';
import { insertBackupRun, listBackupRuns } from '../../../src/core/backups/backup-runs.repository.js';
import { backupJob, type BackupContext, runBackup, runBackupNow } from '../../../src/core/backups/backup-run.service.js';
import { stagingDir } from '../../../src/core/backups/backup-staging.js';
import { BACKUP_RETRY_HOURS, BACKUP_STALE_HOURS } from '../../../src/core/backups/backup-schedule.js';

const HOUR = 3600 * 1000;

if (!hasTool('restic')) {
  missingRequirement('restic (the backup schedule test)', 'apt-get install -y restic');
} else {
  for (const dialect of testDialects()) {
    describe(`the nightly backup job (${dialect.name})`, () => {
      let database: TestDatabase;
      let dir: string;
      let settings: BackupSettings;
      // 03:00 in Amsterdam (summer time) on 15 June.
      const clock = new TestClock('2026-06-15T01:00:00Z');
      const context = (s = settings): BackupContext => testBackupContext(database, clock, s);
      const runs = async () => (await listBackupRuns(database.db, 100)).reverse();
      const alerts = async (kind: string) =>
        (await database.db.selectFrom('mail_outbox').select(['dedupe_key', 'detail']).where('kind', '=', kind).execute()).length;

      before(async () => {
        database = await dialect.create();
        dir = tempDir();
        settings = testBackupSettings(dir, { local: join(dir, 'repo'), remote: undefined });
        await addSetUpMember(database.db, 'beheer@groupz.test', 'admin', null);
      });

      after(async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      });

      test('two instances at 03:00: exactly one runs the backup', async () => {
        const job = backupJob(context());
        const outcomes = await Promise.all([
          runJobOnce(database.db, clock, 'instance-a', job),
          runJobOnce(database.db, clock, 'instance-b', job),
        ]);
        assert.deepEqual([...outcomes].sort(), ['busy', 'ran']);
        assert.deepEqual(
          (await runs()).map((r) => [r.location, r.status, r.trigger]),
          [['local', 'succeeded', 'schedule']],
        );
        // The rest of the day, minute after minute, nothing more.
        for (const hours of [0.02, 6, 22.99]) {
          clock.set(new Date(Date.parse('2026-06-15T01:00:00Z') + hours * HOUR));
          await runJobOnce(database.db, clock, 'instance-a', backupJob(context()));
        }
        assert.equal((await runs()).length, 1);
      });

      test('the next night at 03:00 it runs again, with no one doing anything', async () => {
        clock.set('2026-06-16T00:59:59Z');
        await runJobOnce(database.db, clock, 'instance-b', backupJob(context()));
        assert.equal((await runs()).length, 1, 'not before 03:00');
        clock.set('2026-06-16T01:00:00Z');
        await runJobOnce(database.db, clock, 'instance-b', backupJob(context()));
        assert.deepEqual(
          (await runs()).map((r) => r.status),
          ['succeeded', 'succeeded'],
        );
      });

      test(`a failing night is mailed, retried after ${BACKUP_RETRY_HOURS} hours, and a location without success for ${BACKUP_STALE_HOURS} hours is mailed once a day`, async () => {
        // The repository becomes unreachable (a path under a file).
        const broken = { ...settings, repositories: { local: '/dev/null/repo', remote: undefined } };
        const tick = async () => runJobOnce(database.db, clock, 'instance-a', backupJob(context(broken)));
        const lastSuccess = (await runs()).at(-1)!.finishedAt!;
        clock.set('2026-06-17T01:00:00Z');
        await tick();
        assert.equal((await runs()).at(-1)?.status, 'failed');
        assert.equal(await alerts('backup_failed'), 1);
        assert.equal(await alerts('backup_stale'), 0, '24 hours without success is not stale yet');
        clock.set(new Date(Date.parse(lastSuccess) + BACKUP_STALE_HOURS * HOUR));
        await tick();
        assert.equal(await alerts('backup_stale'), 0, `not at ${BACKUP_STALE_HOURS} hours exactly`);
        clock.advance(60_000);
        await tick();
        assert.equal(await alerts('backup_stale'), 1, `past ${BACKUP_STALE_HOURS} hours`);
        assert.equal((await runs()).length, 3, 'no retry within the retry interval');
        clock.set('2026-06-17T01:00:00Z');
        clock.advance(BACKUP_RETRY_HOURS * HOUR);
        await tick();
        assert.equal((await runs()).length, 4, 'retried (the last success is over a day old)');
        assert.equal(await alerts('backup_failed'), 2, 'each failed run is mailed');
        assert.equal(await alerts('backup_stale'), 1, 'the stale warning once a day');
      });

      test('after downtime it catches up at start, and closes a run that was cut off', async () => {
        await insertBackupRun(database.db, {
          id: 'cut-off',
          runId: 'cut-off',
          location: 'local',
          trigger: 'schedule',
          startedAt: '2026-06-17T09:00:00.000Z',
        });
        // The platform was down for two days; it starts at noon.
        clock.set('2026-06-19T10:00:00Z');
        await runJobOnce(database.db, clock, 'instance-c', backupJob(context()));
        const all = await runs();
        assert.equal(all.find((r) => r.id === 'cut-off')?.status, 'failed');
        assert.equal(all.find((r) => r.id === 'cut-off')?.error, 'interrupted before it finished');
        assert.deepEqual([all.at(-1)?.status, all.at(-1)?.startedAt], ['succeeded', '2026-06-19T10:00:00.000Z']);
      });

      test('a run now beside the nightly one is refused, and listing snapshots meanwhile disturbs neither', async () => {
        clock.set('2026-06-20T01:00:00Z');
        const before = (await runs()).length;
        let running = true;
        let listings = 0;
        const repository = backupAccess(settings).store.repository('local')!;
        const lister = (async () => {
          while (running) {
            await repository.list();
            listings += 1;
          }
        })();
        try {
          const [nightly, now] = await Promise.all([
            runJobOnce(database.db, clock, 'instance-a', backupJob(context())),
            runBackupNow(context()),
          ]);
          assert.deepEqual([nightly === 'ran', now !== 'busy'].sort(), [false, true], `one ran: ${nightly}, ${JSON.stringify(now)}`);
        } finally {
          running = false;
          await lister;
        }
        const added = (await runs()).slice(before);
        assert.deepEqual(
          added.map((r) => r.status),
          ['succeeded'],
          added.map((r) => r.error).join('; '),
        );
        assert.ok(listings > 0, 'snapshots were listed during the run');
      });

      test('a copy that fails halfway fails every location, is mailed, and leaves no staging folder behind', async () => {
        const broken = context();
        broken.source = { db: database.db, dialect: 'postgres', url: 'postgres://postgres@127.0.0.1:1/not_there' };
        const failedBefore = await alerts('backup_failed');
        const [outcome] = await runBackup(broken, 'manual');
        assert.equal(outcome?.ok, false);
        assert.match(outcome.ok ? '' : outcome.error, /^cannot copy the data: /);
        assert.equal(await alerts('backup_failed'), failedBefore + 1);
        assert.equal(existsSync(stagingDir(broken.settings)), false);
      });
    });
  }
}
