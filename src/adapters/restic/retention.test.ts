import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { tempDir, testBackupSettings } from '../../../test/backups.js';
import { hasTool, missingRequirement } from '../../../test/tools.js';
import { ConfigError, loadConfig } from '../../config.js';
import type { RetentionPolicy } from '../../core/backups/backup.js';
import { applyRetention, backupDirectory, ensureRepository, listSnapshots, type ResticAccess, resticAccess } from './restic.js';

const DAY = 24 * 3600 * 1000;
const LATEST = new Date('2026-11-30T03:00:00Z');

/** Snapshot times over 400 days: daily for 18 days (two days with an extra run), every 4th day to 90, every 20th to 400. */
function snapshotTimes(): Date[] {
  const ages = [
    ...Array.from({ length: 18 }, (_, day) => day),
    ...Array.from({ length: 19 }, (_, n) => 18 + 4 * n),
    ...Array.from({ length: 16 }, (_, n) => 91 + 20 * n),
  ];
  const times = ages.map((age) => new Date(LATEST.getTime() - age * DAY));
  // Extra runs: a manual one the same night (day 0) and a retry (day 3); all are within 14 days.
  times.push(new Date(LATEST.getTime() - 2 * 3600 * 1000), new Date(LATEST.getTime() - 3 * DAY + 4 * 3600 * 1000));
  return times.sort((a, b) => a.getTime() - b.getTime());
}

/**
 * The rule as the README states it, worked out here on its own: every snapshot of the last
 * `keepDays` days (counted back from the newest), plus the newest of each of the last `daily` days
 * that have snapshots, `weekly` ISO weeks and `monthly` months (UTC, as restic runs here).
 */
function expectedKept(times: Date[], policy: RetentionPolicy): string[] {
  const newestFirst = [...times].sort((a, b) => b.getTime() - a.getTime());
  const kept = new Set<string>();
  const newest = newestFirst[0]!.getTime();
  newestFirst.filter((t) => t.getTime() >= newest - policy.keepDays * DAY).forEach((t) => kept.add(t.toISOString()));
  const bucketed = (limit: number, bucket: (t: DateTime) => string) => {
    const seen = new Set<string>();
    for (const t of newestFirst) {
      const key = bucket(DateTime.fromJSDate(t, { zone: 'UTC' }));
      if (seen.has(key)) continue;
      if (seen.size === limit) break;
      seen.add(key);
      kept.add(t.toISOString());
    }
  };
  bucketed(policy.daily, (t) => t.toISODate()!);
  bucketed(policy.weekly, (t) => `${t.weekYear}-${t.weekNumber}`);
  bucketed(policy.monthly, (t) => t.toFormat('yyyy-MM'));
  return [...kept].sort();
}

if (!hasTool('restic')) {
  missingRequirement('restic (the retention test)', 'apt-get install -y restic');
} else {
  describe('retention with real restic over 400 days of snapshots', () => {
    let dir: string;
    let access: ResticAccess;
    const times = snapshotTimes();
    const policy: RetentionPolicy = { keepDays: 14, daily: 30, weekly: 12, monthly: 12 };

    before(async () => {
      dir = tempDir();
      const settings = testBackupSettings(dir, { local: join(dir, 'repo'), remote: undefined });
      access = resticAccess(settings, 'local')!;
      await ensureRepository(access);
      const source = join(dir, 'source');
      mkdirSync(source);
      writeFileSync(join(source, 'manifest.json'), '{}\n');
      // Backdated snapshots, three at a time (restic's backups share a repository lock).
      for (let i = 0; i < times.length; i += 3) {
        await Promise.all(times.slice(i, i + 3).map((time) => backupDirectory(access, source, 3, { time })));
      }
    });

    after(() => rmSync(dir, { recursive: true, force: true }));

    test('forget keeps all of the last 14 days, then the daily, weekly and monthly ones, and nothing else', async () => {
      assert.equal((await listSnapshots(access)).length, times.length);
      await applyRetention(access, policy);
      const kept = (await listSnapshots(access)).map((s) => s.time);
      assert.deepEqual(kept, expectedKept(times, policy));
      const fourteenDays = times.filter((t) => t.getTime() >= LATEST.getTime() - 14 * DAY).map((t) => t.toISOString());
      assert.equal(fourteenDays.length, 17, 'fifteen nights and two extra runs');
      assert.deepEqual(
        fourteenDays.filter((t) => !kept.includes(t)),
        [],
        'every snapshot of the last 14 days survives, extra runs too',
      );
      assert.ok(kept.length < times.length, 'older snapshots beyond the rule are removed');
      assert.ok(
        kept.some((t) => t < new Date(LATEST.getTime() - 300 * DAY).toISOString()),
        'monthly ones reach back most of a year',
      );
    });

    test('a repeated forget changes nothing', async () => {
      const before = (await listSnapshots(access)).map((s) => s.id);
      await applyRetention(access, policy);
      assert.deepEqual(
        (await listSnapshots(access)).map((s) => s.id),
        before,
      );
    });
  });
}

describe('backup settings', () => {
  const base = { GROUPZ_BACKUP_LOCAL_REPO: '/var/backups/groupz', GROUPZ_BACKUP_PASSWORD_FILE: '/etc/groupz/backup-password' };

  test('fewer than 14 days of snapshots is refused', () => {
    assert.throws(
      () => loadConfig({ ...base, GROUPZ_BACKUP_KEEP_DAYS: '13' }),
      (error: unknown) =>
        error instanceof ConfigError && error.problems.some((p) => p.startsWith('GROUPZ_BACKUP_KEEP_DAYS: must be a whole number from 14')),
    );
    assert.equal(loadConfig({ ...base, GROUPZ_BACKUP_KEEP_DAYS: '14' }).backup?.retention.keepDays, 14);
  });

  test('a repository without a password file is refused', () => {
    assert.throws(
      () => loadConfig({ GROUPZ_BACKUP_REMOTE_REPO: 'sftp:groupz@backup.example.nl:/srv/groupz' }),
      (error: unknown) =>
        error instanceof ConfigError && error.problems.includes('GROUPZ_BACKUP_PASSWORD_FILE: must be set with a backup repository'),
    );
  });

  test('a repository must be an absolute path or a restic URL, and the two must differ', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ GROUPZ_BACKUP_PASSWORD_FILE: '/etc/groupz/backup-password', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((p) => p.split(':')[0]);
      }
    };
    for (const remote of [
      'sftp:groupz@backup.example.nl:/srv/groupz',
      'sftp://groupz@10.0.0.2:2222//srv/groupz',
      'rest:https://backup.example.nl/groupz',
      '/mnt/nas/groupz',
    ]) {
      assert.deepEqual(problems({ GROUPZ_BACKUP_LOCAL_REPO: '/var/backups/groupz', GROUPZ_BACKUP_REMOTE_REPO: remote }), [], remote);
    }
    // A typo would otherwise make the "second location" a folder next to the first.
    assert.deepEqual(problems({ GROUPZ_BACKUP_REMOTE_REPO: 'sftp//backup.example.nl/srv' }), ['GROUPZ_BACKUP_REMOTE_REPO']);
    assert.deepEqual(problems({ GROUPZ_BACKUP_REMOTE_REPO: 'backup.example.nl' }), ['GROUPZ_BACKUP_REMOTE_REPO']);
    assert.deepEqual(problems({ GROUPZ_BACKUP_LOCAL_REPO: 'backups' }), ['GROUPZ_BACKUP_LOCAL_REPO']);
    assert.deepEqual(problems({ GROUPZ_BACKUP_LOCAL_REPO: '/var/backups/groupz', GROUPZ_BACKUP_REMOTE_REPO: '/var/backups/groupz/' }), [
      'GROUPZ_BACKUP_REMOTE_REPO',
    ]);
  });

  test('the defaults: 03:00, 14 days, 30 daily, 12 weekly, 12 monthly, a seventh of the data checked each night', () => {
    const backup = loadConfig(base).backup!;
    assert.equal(backup.time, '03:00');
    assert.deepEqual(backup.retention, { keepDays: 14, daily: 30, weekly: 12, monthly: 12 });
    assert.equal(backup.checkSubsets, 7);
    assert.equal(backup.repositories.remote, undefined);
    assert.equal(loadConfig({}).backup, undefined, 'no repository: no backups');
  });
});
