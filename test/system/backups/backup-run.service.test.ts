import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { backupAccess, tempDir, testBackupContext, testBackupSettings } from '../../backups.js';
import { addSetUpMember } from '../../lifecycle.js';
import { TestClock } from '../../clock.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { book, makeActivity, makeSlot } from '../../factories.js';
import { backupToolsAvailable, INSTALL_BACKUP_TOOLS, startTestSshd, type TestSshd } from '../../sshd.js';
import { missingRequirement } from '../../tools.js';
import { migrations } from '../../../src/db/migrations/index.js';
import type { BackupManifest, BackupSettings } from '../../../src/core/backups/backup.js';
import { latestBackupRuns, listBackupRuns } from '../../../src/core/backups/backup-runs.repository.js';
import { runBackup } from '../../../src/core/backups/backup-run.service.js';
import { verifyBackup } from '../../../src/core/backups/backup-verify.service.js';
import type { PostgresTools } from '../../../src/core/backups/postgres-tools.js';

/** The slots whose counters differ from what their holding bookings add up to. */
const MISCOUNTED_SLOTS = `
  SELECT s.id, s.booked_persons, s.booked_groups,
    (SELECT coalesce(sum(b.group_size), 0) FROM bookings b WHERE b.slot_id = s.id AND b.status IN ('option', 'requested', 'confirmed', 'completed')) AS persons,
    (SELECT count(*) FROM bookings b WHERE b.slot_id = s.id AND b.status IN ('option', 'requested', 'confirmed', 'completed')) AS groups
  FROM slots s`;

function miscounted(rows: Record<string, unknown>[]) {
  return rows.filter((r) => Number(r.booked_persons) !== Number(r.persons) || Number(r.booked_groups) !== Number(r.groups));
}

/** Restores the newest snapshot of a location into a new folder and reads its manifest. */
async function restoreNewest(settings: BackupSettings, location: 'local' | 'remote', target: string) {
  const repository = backupAccess(settings).store.repository(location)!;
  const snapshots = await repository.list();
  await repository.restore(snapshots.at(-1)!.id, target);
  return JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as BackupManifest;
}

/** Runs a query against the database copy in a restored snapshot (for PostgreSQL: restored into a scratch database with `postgres`). */
async function queryRestored(
  postgres: PostgresTools,
  dialect: string,
  target: string,
  manifest: BackupManifest,
  text: string,
): Promise<Record<string, unknown>[]> {
  if (dialect === 'sqlite') {
    const copy = new SQLite(join(target, manifest.databaseFile), { readonly: true });
    try {
      return copy.prepare(text).all() as Record<string, unknown>[];
    } finally {
      copy.close();
    }
  }
  const adminUrl = process.env.GROUPZ_TEST_PG_URL!;
  const name = `groupz_restored_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    await postgres.replace(join(target, manifest.databaseFile), url.toString(), target);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return (await client.query(text)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** The pack files of a repository on this machine. */
function packFiles(repository: string): string[] {
  const data = join(repository, 'data');
  return readdirSync(data).flatMap((sub) => readdirSync(join(data, sub)).map((name) => join(data, sub, name)));
}

if (!backupToolsAvailable()) {
  missingRequirement('restic, sshd and ssh, as root (the backup system tests)', INSTALL_BACKUP_TOOLS);
} else {
  for (const dialect of testDialects()) {
    describe(`backup runs with real restic and a real sshd (${dialect.name})`, () => {
      let database: TestDatabase;
      let sshd: TestSshd;
      let dir: string;
      let settings: BackupSettings;
      const clock = new TestClock('2026-06-01T01:00:00Z');

      before(async () => {
        database = await dialect.create();
        sshd = await startTestSshd();
        dir = tempDir();
        const remote = `${dialect.name}-${randomBytes(4).toString('hex')}`;
        settings = testBackupSettings(dir, { local: join(dir, 'local-repo'), remote: sshd.repository(remote) }, sshd);
        await addSetUpMember(database.db, 'beheer@groupz.test', 'admin', null);
        const activity = await makeActivity(database.db, clock);
        const slot = await makeSlot(database.db, clock, activity, { capacity: 40 });
        await book(database.db, clock, slot, { groupSize: 6 });
        // The data dir's own files travel along.
        writeFileSync(join(database.env.GROUPZ_DATA_DIR!, 'secret.key'), 'ab'.repeat(32), { mode: 0o600 });
      });

      after(async () => {
        await sshd.close();
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      });

      test('a run lands one snapshot in each repository, with the database, its row counts and the data files', async () => {
        const outcomes = await runBackup(testBackupContext(database, clock, settings), 'manual');
        assert.deepEqual(
          outcomes.map((o) => [o.location, o.ok]),
          [
            ['local', true],
            ['remote', true],
          ],
          JSON.stringify(outcomes),
        );
        for (const location of ['local', 'remote'] as const) {
          const snapshots = await backupAccess(settings).store.repository(location)!.list();
          assert.equal(snapshots.length, 1, location);
          const { last } = await latestBackupRuns(database.db, location);
          assert.equal(last?.status, 'succeeded');
          assert.ok(snapshots[0]!.id.startsWith(last!.snapshotId!), 'the recorded snapshot is the one in the repository');
          assert.equal(snapshots[0]!.sizeBytes, last!.sizeBytes);
          const target = join(dir, `restored-${location}`);
          const manifest = await restoreNewest(settings, location, target);
          assert.equal(manifest.dialect, dialect.name);
          assert.equal(manifest.tables.bookings, 1);
          assert.equal(manifest.tables.staff, 1);
          assert.equal(manifest.migration, Object.keys(migrations).at(-1), 'the latest migration is recorded');
          assert.equal(readFileSync(join(target, 'files', 'secret.key'), 'utf8'), 'ab'.repeat(32));
          assert.ok(!existsSync(join(target, 'files', 'groupz.sqlite')), 'the live SQLite file is not copied, only its consistent dump');
          assert.ok(!existsSync(join(target, 'files', 'backup')), 'the work dir is not backed up');
        }
        assert.ok(!existsSync(join(settings.workDir, 'staging')), 'the staging folder is removed after the run');
      });

      test('with the sshd stopped the second location fails, the local backup succeeds, and both are recorded and mailed', async () => {
        await sshd.stop();
        try {
          clock.advance(3600_000);
          const outcomes = await runBackup(testBackupContext(database, clock, settings), 'schedule');
          const [local, remote] = outcomes;
          assert.equal(local?.ok, true, JSON.stringify(local));
          assert.equal(remote?.ok, false);
          assert.match(remote.ok ? '' : remote.error, /Connection refused|unable to start the sftp session/);
          const runs = await listBackupRuns(database.db, 2);
          assert.deepEqual(runs.map((r) => [r.location, r.status, r.trigger]).sort(), [
            ['local', 'succeeded', 'schedule'],
            ['remote', 'failed', 'schedule'],
          ]);
          const alerts = await database.db.selectFrom('mail_outbox').selectAll().where('kind', '=', 'backup_failed').execute();
          assert.equal(alerts.length, 1);
          assert.equal(alerts[0]!.recipient, 'beheer@groupz.test');
          assert.equal(JSON.parse(alerts[0]!.detail).location, 'remote');
          assert.equal((await backupAccess(settings).store.repository('local')!.list()).length, 2);
        } finally {
          await sshd.start();
        }
      });

      test('a corrupted pack file is found by the check and reported as that location failing', async () => {
        const local = settings.repositories.local!;
        const [pack] = packFiles(local).sort((a, b) => statSync(b).size - statSync(a).size);
        const bytes = readFileSync(pack!);
        bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
        writeFileSync(pack!, bytes);
        clock.advance(3600_000);
        const outcomes = await runBackup(testBackupContext(database, clock, { ...settings, checkSubsets: 1 }), 'manual');
        const local_ = outcomes.find((o) => o.location === 'local')!;
        assert.equal(local_.ok, false);
        assert.match(local_.ok ? '' : local_.error, /restic check failed/);
        assert.equal(outcomes.find((o) => o.location === 'remote')?.ok, true, 'the other location is unaffected');
        assert.equal((await latestBackupRuns(database.db, 'local')).last?.status, 'failed');
      });

      test('a backup taken while bookings are written restores to a consistent state', async () => {
        const activity = await makeActivity(database.db, clock);
        const slots = await Promise.all(
          ['10:00', '12:00', '14:00'].map((time) => makeSlot(database.db, clock, activity, { time, capacity: 5000 })),
        );
        let writing = true;
        let written = 0;
        const writers = [0, 1, 2].map(async (n) => {
          // Bounded, so the slots never fill up whatever the speed of the machine.
          while (writing && written < 400) {
            await book(database.db, clock, slots[(written + n) % 3]!, { groupSize: 1 + (written % 5), email: `groep${n}@example.nl` });
            written += 1;
          }
        });
        const fresh = { ...settings, repositories: { local: join(dir, 'busy-repo'), remote: undefined } };
        try {
          // Let the writers get going, then back up while they write.
          while (written < 5) await new Promise((resolve) => setImmediate(resolve));
          const [outcome] = await runBackup(testBackupContext(database, clock, fresh), 'manual');
          assert.equal(outcome?.ok, true, JSON.stringify(outcome));
        } finally {
          writing = false;
          await Promise.all(writers);
        }
        const writtenBefore = written;
        const target = join(dir, 'restored-busy');
        const manifest = await restoreNewest(fresh, 'local', target);
        const { postgres } = backupAccess(fresh);
        const rows = await queryRestored(postgres, dialect.name, target, manifest, MISCOUNTED_SLOTS);
        assert.ok(rows.length >= 4, 'every slot is in the copy');
        assert.deepEqual(miscounted(rows), [], 'every slot counts exactly its bookings');
        const [count] = await queryRestored(postgres, dialect.name, target, manifest, 'SELECT count(*) AS n FROM bookings');
        assert.equal(Number(count!.n), manifest.tables.bookings, 'the copy holds what the manifest counted');
        assert.ok(manifest.tables.bookings! >= 1 + 5 && manifest.tables.bookings! <= 1 + writtenBefore, 'a moment during the writes');
      });

      test('verify reports a snapshot restic cannot give back, and the other location still verifies', async () => {
        // Every pack of the local repository damaged, all but its last 256 bytes (the pack header).
        for (const pack of packFiles(settings.repositories.local!)) {
          const bytes = readFileSync(pack);
          bytes.fill(0, 0, Math.max(0, bytes.length - 256));
          writeFileSync(pack, bytes);
        }
        const local = await verifyBackup(backupAccess(settings), { from: 'local' });
        assert.equal(local.ok, false);
        assert.deepEqual(
          local.checks.map((check) => [check.name, check.ok]),
          [['restore', false]],
        );
        assert.match(local.checks[0]!.detail, /restic restore failed.*; the remote location may hold a sound copy \(--from remote\)$/);
        const remote = await verifyBackup(backupAccess(settings), { from: 'remote' });
        assert.equal(remote.ok, true, JSON.stringify(remote.checks));
      });
    });
  }
}
