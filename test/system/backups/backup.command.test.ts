import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { TestClock } from '../../clock.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { book, makeActivity, makeSlot } from '../../factories.js';
import { GROUPZ_COMMAND, groupz, runCommand } from '../../groupz.js';
import { parseHtml } from '../../html.js';
import { startServer } from '../../server-process.js';
import { backupToolsAvailable, INSTALL_BACKUP_TOOLS, startTestSshd, type TestSshd } from '../../sshd.js';
import { tableDigests } from '../../table-digests.js';
import { completeBilling } from '../../invoicing.js';
import { reconcileInvoices } from '../../../src/core/invoices/invoice-issuing.service.js';
import { hasTool, missingRequirement } from '../../tools.js';
import { loadConfig } from '../../../src/config.js';
import { backupListCommand } from '../../../src/cli/backup-list.command.js';
import { backupRestoreCommand } from '../../../src/cli/backup-restore.command.js';
import { backupRunCommand } from '../../../src/cli/backup-run.command.js';
import { backupVerifyCommand } from '../../../src/cli/backup-verify.command.js';
import { stageBackup } from '../../../src/core/backups/backup-staging.js';
import { backupAccess } from '../../../src/cli/backup-context.js';
import type { Slot } from '../../../src/core/availability/slot.js';
import { cancelByOrganiser } from '../../../src/core/booking-flows/booking-changes.service.js';
import { type CreatedBooking, findBookingByLink } from '../../../src/core/booking-flows/booking.service.js';
import { acquireLease } from '../../../src/core/jobs/job-lease.repository.js';
import { saveInstance } from '../../../src/core/jobs/platform-instance.repository.js';
import { VENUE_ZONE } from '../../../src/core/shared/time.js';
import { addStaff } from '../../../src/core/staff/staff.service.js';
import { connectDatabase } from '../../../src/db/connect.js';
import type { Db } from '../../../src/db/schema.js';

const hourAgoIso = () => new Date(Date.now() - 3600_000).toISOString();

describe('groupz backup on the command line', () => {
  test('groupz backup --help lists the four commands; each has its own usage', async () => {
    const help = await groupz(['backup', '--help'], {});
    assert.equal(help.code, 0);
    const commands = { run: backupRunCommand, list: backupListCommand, verify: backupVerifyCommand, restore: backupRestoreCommand };
    for (const [name, command] of Object.entries(commands)) {
      assert.match(help.stdout, new RegExp(`^  backup ${name} +${command.summary}$`, 'm'));
      assert.match(command.usage, new RegExp(`^Usage: groupz backup ${name}`));
    }
    const own = await groupz(['backup', 'restore', '--help'], {});
    assert.equal(own.code, 0);
    assert.equal(own.stdout, `${backupRestoreCommand.usage}\n`);
  });

  test('an unknown option or location exits 2 with the usage; backup run without a backup configured exits 1 naming the settings', async () => {
    const env = { GROUPZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'groupz-backup-cli-')) };
    const unknown = await groupz(['backup', 'restore', '--force'], env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--force'[\s\S]*Usage: groupz backup restore/);
    const elsewhere = await groupz(['backup', 'verify', '--from', 'cloud'], env);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, /--from must be local or remote[\s\S]*Usage: groupz backup verify/);

    const unconfigured = await groupz(['backup', 'run'], env);
    assert.equal(unconfigured.code, 1);
    assert.match(
      unconfigured.stderr,
      /^groupz backup run: no backup is configured\. Set GROUPZ_BACKUP_LOCAL_REPO and\/or GROUPZ_BACKUP_REMOTE_REPO \(the restic repositories\) and GROUPZ_BACKUP_PASSWORD_FILE/,
    );
    assert.equal(unconfigured.stdout, '');
    rmSync(env.GROUPZ_DATA_DIR, { recursive: true, force: true });
  });

  test(
    "on a terminal, backup run shows its steps and restic's percentage on one line it rewrites",
    { skip: backupToolsAvailable() && hasTool('script') ? false : `needs restic and script: ${INSTALL_BACKUP_TOOLS} util-linux` },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'groupz-backup-tty-'));
      try {
        writeFileSync(join(dir, 'password'), 'test password\n', { mode: 0o600 });
        mkdirSync(join(dir, 'data', 'mail'), { recursive: true });
        // Enough data for restic to report progress while it stores it.
        writeFileSync(join(dir, 'data', 'mail', 'large.eml'), randomBytes(8 * 1024 * 1024));
        const env = {
          GROUPZ_DATA_DIR: join(dir, 'data'),
          GROUPZ_BACKUP_LOCAL_REPO: join(dir, 'repo'),
          GROUPZ_BACKUP_PASSWORD_FILE: join(dir, 'password'),
        };
        // script(1) runs the command on a pseudo-terminal and passes on its exit status (-e).
        const run = await runCommand(
          ['script', '--quiet', '--flush', '--return', '--command', GROUPZ_COMMAND.concat('backup', 'run').join(' '), '/dev/null'],
          env,
        );
        assert.equal(run.code, 0, run.stdout);
        assert.match(run.stdout, /\r\x1b\[2Kcopying the database and files\r\x1b\[2Klocal: storing the snapshot/);
        assert.match(run.stdout, /\r\x1b\[2Klocal: storing the snapshot \d+% of [\d.]+ MB\r/);
        assert.match(run.stdout, /\r\x1b\[2Klocal: checking the repository\r\x1b\[2Klocal  snapshot [0-9a-f]{8}, [\d.]+ MB/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

/** Tables whose rows a restore changes on purpose: runs cut off by the copy, past processes, and sessions. */
const SETTLED_TABLES = ['backup_runs', 'platform_instances', 'job_leases', 'staff_sessions'];

function withoutSettled(digests: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(digests).filter(([table]) => !SETTLED_TABLES.includes(table)));
}

if (!backupToolsAvailable()) {
  missingRequirement('restic, sshd and ssh, run as root', INSTALL_BACKUP_TOOLS);
} else {
  let sshd: TestSshd;
  before(async () => {
    sshd = await startTestSshd();
  });
  after(() => sshd.close());

  for (const dialect of testDialects()) {
    describe(`backing up and restoring on ${dialect.name}, locally and over sftp`, () => {
      let database: TestDatabase;
      let repos: string;
      let env: Record<string, string>;
      let target: { dialect: typeof dialect.name; url: string | undefined; sqliteFile: string };
      let dataDir: string;
      // The bookings are made at the real time: the servers started below serve them on it.
      const clock = new TestClock(new Date());
      const slotDate = DateTime.now().setZone(VENUE_ZONE).plus({ days: 60 }).toISODate()!;
      const keys = { backedUp: randomBytes(32).toString('hex'), later: randomBytes(32).toString('hex') };
      let activityId: string;
      let slot: Slot;
      const booked: Record<'a' | 'b' | 'c', CreatedBooking | undefined> = { a: undefined, b: undefined, c: undefined };
      let digestsAtBackup: Record<string, string>;
      const snapshots: Record<'local' | 'remote', string> = { local: '', remote: '' };

      /** A connection of the test's own for the moment: a restore needs every connection closed. */
      async function withDb<T>(use: (db: Db) => Promise<T>): Promise<T> {
        const handle = connectDatabase({ url: target.url, sqliteFile: target.sqliteFile });
        try {
          return await use(handle.db);
        } finally {
          await handle.close();
        }
      }

      before(async () => {
        database = await dialect.create();
        dataDir = database.env.GROUPZ_DATA_DIR!;
        target = { dialect: dialect.name, url: database.env.GROUPZ_DATABASE_URL || undefined, sqliteFile: join(dataDir, 'groupz.sqlite') };
        repos = mkdtempSync(join(tmpdir(), 'groupz-repos-'));
        writeFileSync(join(repos, 'password'), `${randomBytes(16).toString('hex')}\n`, { mode: 0o600 });
        env = {
          ...database.env,
          GROUPZ_BACKUP_LOCAL_REPO: join(repos, 'local'),
          GROUPZ_BACKUP_REMOTE_REPO: sshd.repository(`groupz-${dialect.name}`),
          GROUPZ_BACKUP_PASSWORD_FILE: join(repos, 'password'),
          GROUPZ_BACKUP_SSH_KEY_FILE: sshd.keyFile,
          GROUPZ_BACKUP_SSH_KNOWN_HOSTS_FILE: sshd.knownHostsFile,
        };
        // The data dir's own files: the platform key and a mail written before the backup.
        writeFileSync(join(dataDir, 'secret.key'), `${keys.backedUp}\n`, { mode: 0o600 });
        mkdirSync(join(dataDir, 'mail'));
        writeFileSync(join(dataDir, 'mail', 'before.eml'), 'Subject: before\n\nbefore the backup\n');

        const { db } = database;
        const activity = await makeActivity(db, clock);
        activityId = activity.id;
        slot = await makeSlot(db, clock, activity, { date: slotDate, capacity: 30 });
        booked.a = await book(db, clock, slot, { groupSize: 4 });
        booked.b = await book(db, clock, slot, { groupSize: 3 });
        // Booking B paid on invoice at a venue that issues them: an invoice (immutable) in the backup.
        await completeBilling(db, activity.venue.id);
        await db.updateTable('bookings').set({ pay_by: 'invoice' }).where('id', '=', booked.b.booking.id).execute();
        await db.transaction().execute((trx) => reconcileInvoices(trx, clock, booked.b!.booking.id));
        const { member } = await addStaff(
          db,
          clock,
          { email: 'beheer@groupz.test', name: 'Beheer', role: 'admin', venue: undefined },
          null,
        );
        // A back-office session open when the backup is made (ended since, say).
        await db
          .insertInto('staff_sessions')
          .values({
            token_hash: 'past-session',
            staff_id: member.id,
            two_factor_verified: 1,
            created_at: hourAgoIso(),
            last_seen_at: hourAgoIso(),
            reauthenticated_at: null,
            user_agent: 'test',
          })
          .execute();
        // Traces of a platform process that ran on this database an hour ago.
        const hourAgo = hourAgoIso();
        await saveInstance(db, { id: 'past', hostname: 'old-host', pid: 4242, startedAt: hourAgo, seenAt: hourAgo });
        await acquireLease(db, 'mail-delivery', 'past', hourAgo, new Date(Date.now() + 3600_000).toISOString());
        await database.db.destroy();
      });

      after(async () => {
        rmSync(repos, { recursive: true, force: true });
        await database.close();
      });

      test('backup run stores a snapshot in both locations and prints each, with step lines on a non-terminal', async () => {
        digestsAtBackup = await tableDigests(target);
        assert.match(digestsAtBackup.invoices ?? '', /^1:/, 'the invoice is in the backup');
        const run = await groupz(['backup', 'run'], env);
        assert.equal(run.code, 0, run.stdout + run.stderr);
        for (const location of ['local', 'remote'] as const) {
          const line = new RegExp(
            `^${location}\\s+snapshot ([0-9a-f]{8}), [\\d.]+ (?:byte|kB|MB) \\([\\d.]+ (?:byte|kB|MB) new in the repository\\)$`,
            'm',
          ).exec(run.stdout);
          assert.ok(line, run.stdout);
          snapshots[location] = line[1]!;
          assert.match(run.stderr, new RegExp(`^${location}: storing the snapshot$`, 'm'));
        }
        assert.match(run.stderr, /^copying the database and files$/m);
        assert.doesNotMatch(run.stderr, /\r|%/, 'no progress line rewritten on a non-terminal');
      });

      test('backup list shows each location with its snapshot, Amsterdam time, age and size; an unreachable location is reported, the other listed', async () => {
        const list = await groupz(['backup', 'list'], env);
        assert.equal(list.code, 0, list.stdout + list.stderr);
        for (const location of ['local', 'remote'] as const) {
          const row = new RegExp(
            `^${location}: 1 snapshot\\n.*\\n  ${snapshots[location]}  (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d)  +(\\d+) min +[\\d.]+ (?:byte|kB|MB)$`,
            'm',
          ).exec(list.stdout);
          assert.ok(row, list.stdout);
          const shown = DateTime.fromFormat(row[1]!, 'yyyy-MM-dd HH:mm', { zone: VENUE_ZONE });
          assert.ok(Math.abs(shown.diffNow('minutes').minutes) < 5, `${row[1]} is Amsterdam's time now`);
        }

        await sshd.stop();
        try {
          const partial = await groupz(['backup', 'list'], env);
          assert.equal(partial.code, 1);
          assert.match(partial.stdout, /^remote: cannot be read: restic snapshots failed/m);
          assert.match(partial.stdout, new RegExp(`^local: 1 snapshot\\n.*\\n  ${snapshots.local}  `, 'm'));
        } finally {
          await sshd.start();
        }
      });

      test('backup verify --from remote restores the newest snapshot over sftp, checks it, passes, and leaves no temporary folder', async () => {
        const verify = await groupz(['backup', 'verify', '--from', 'remote'], env);
        assert.equal(verify.code, 0, verify.stdout + verify.stderr);
        assert.match(verify.stdout, new RegExp(`^remote: snapshot ${snapshots.remote}, made `));
        assert.match(verify.stdout, new RegExp(`^  ok    manifest +${dialect.name}, `, 'm'));
        assert.match(verify.stdout, /^  ok    files +files\/ holds 2 files of the data dir$/m);
        assert.match(
          verify.stdout,
          dialect.name === 'sqlite'
            ? /^  ok    integrity +PRAGMA integrity_check: ok$/m
            : /^  ok    archive +pg_restore --list reads \d+ entries$/m,
        );
        assert.match(verify.stdout, /^  ok    row counts +\d+ tables, \d+ rows, as the manifest says$/m);
        assert.match(verify.stdout, /^The snapshot is sound\.$/m);
        assert.deepEqual(
          readdirSync(join(dataDir, 'backup')).filter((name) => name.startsWith('restore-')),
          [],
        );
      });

      test('restore refuses while a server runs on the data and, stopped, without --yes; with --yes it puts the backup back', async () => {
        // After the backup: booking A cancelled, booking C made, a new key, another mail file.
        await withDb(async (db) => {
          await cancelByOrganiser(db, clock, (await findBookingByLink(db, 'manage', booked.a!.manageToken))!);
          booked.c = await book(db, clock, slot, { groupSize: 5 });
        });
        writeFileSync(join(dataDir, 'secret.key'), `${keys.later}\n`);
        writeFileSync(join(dataDir, 'mail', 'after.eml'), 'Subject: after\n\nafter the backup\n');
        assert.notDeepEqual(withoutSettled(await tableDigests(target)), withoutSettled(digestsAtBackup));

        const server = await startServer(database.env);
        try {
          const running = await groupz(['backup', 'restore', '--yes'], env);
          assert.equal(running.code, 1, running.stdout);
          assert.match(
            running.stderr,
            new RegExp(
              `refused: the platform is running on this database \\(host \\S+, pid ${server.process.pid}, seen \\d+ s ago\\): stop it first \\(e\\.g\\. systemctl stop groupz\\)`,
            ),
          );
        } finally {
          await server.stop();
        }

        const unasked = await groupz(['backup', 'restore'], env);
        assert.equal(unasked.code, 1, unasked.stdout);
        assert.match(
          unasked.stderr,
          /refused: the database holds 1 venue, 3 bookings and 1 staff account, which the restore would replace; add --yes/,
        );

        const restored = await groupz(['backup', 'restore', '--yes'], env);
        assert.equal(restored.code, 0, restored.stdout + restored.stderr);
        assert.match(restored.stdout, new RegExp(`^Restored local snapshot ${snapshots.local}, made `));
        assert.match(restored.stdout, /1 venue, 3 bookings and 1 staff account replaced by 1 venue, 2 bookings and 1 staff account/);
        const kept = /the data as it was before: (\S+)$/m.exec(restored.stdout)?.[1];
        assert.ok(kept?.startsWith(join(dataDir, 'pre-restore-')), restored.stdout);

        assert.deepEqual(
          withoutSettled(await tableDigests(target)),
          withoutSettled(digestsAtBackup),
          'every row of every table as it was backed up',
        );
        await withDb(async (db) => {
          assert.deepEqual(await db.selectFrom('platform_instances').selectAll().execute(), [], 'past instances forgotten');
          assert.deepEqual(await db.selectFrom('job_leases').selectAll().execute(), [], 'past leases forgotten');
          const runs = await db
            .selectFrom('backup_runs')
            .select(['location', 'status', 'error', 'snapshot_id'])
            .orderBy('location')
            .execute();
          assert.deepEqual(
            runs,
            [
              { location: 'local', status: 'succeeded', error: null, snapshot_id: snapshots.local },
              {
                location: 'remote',
                status: 'failed',
                error: 'outcome unknown: the database was restored from a copy made during this run',
                snapshot_id: null,
              },
            ],
            'the run that made the restored snapshot is a success where it came from',
          );
          assert.deepEqual(await db.selectFrom('staff_sessions').selectAll().execute(), [], 'no session survives a restore');
        });
        // The snapshot's files are back, over what changed; files made since are still there.
        assert.equal(readFileSync(join(dataDir, 'secret.key'), 'utf8'), `${keys.backedUp}\n`);
        assert.equal(statSync(join(dataDir, 'secret.key')).mode & 0o777, 0o600);
        assert.ok(existsSync(join(dataDir, 'mail', 'after.eml')));
        // What was replaced is kept: the database copy and the key the restore overwrote.
        assert.ok(statSync(join(kept!, dialect.name === 'sqlite' ? 'database.sqlite' : 'database.pgdump')).size > 0);
        assert.equal(readFileSync(join(kept!, 'files', 'secret.key'), 'utf8'), `${keys.later}\n`);
      });

      test('a server started on the restored data serves it: the booking cancelled after the backup is confirmed again, the one made after it is gone', async () => {
        const server = await startServer(database.env);
        try {
          const page = await fetch(`${server.url}/b/${booked.a!.manageToken}`, { headers: { 'accept-language': 'en' } });
          assert.equal(page.status, 200);
          const html = parseHtml(await page.text());
          assert.equal(html.querySelector('[data-testid="booking-status"]')?.text, 'Confirmed');
          assert.equal((await fetch(`${server.url}/b/${booked.c!.manageToken}`)).status, 404);
          const slots = await fetch(`${server.url}/api/v1/activities/${activityId}/slots?from=${slotDate}&to=${slotDate}&groupSize=1`);
          assert.equal(slots.status, 200);
          const body = (await slots.json()) as { slots: { id: string; remaining: number }[] };
          assert.equal(body.slots.find((offer) => offer.id === slot.id)?.remaining, 30 - 4 - 3);
        } finally {
          await server.stop();
        }
      });

      test('restore --from remote --snapshot ID (over sftp) puts the same data back again', async () => {
        await withDb(async (db) => cancelByOrganiser(db, clock, (await findBookingByLink(db, 'manage', booked.b!.manageToken))!));
        const restored = await groupz(['backup', 'restore', '--from', 'remote', '--snapshot', snapshots.remote, '--yes'], env);
        assert.equal(restored.code, 0, restored.stdout + restored.stderr);
        assert.match(restored.stdout, new RegExp(`^Restored remote snapshot ${snapshots.remote}, made `));
        assert.deepEqual(withoutSettled(await tableDigests(target)), withoutSettled(digestsAtBackup));
      });

      test('a snapshot whose manifest disagrees with its database copy fails verify, and restore refuses it', async () => {
        const access = backupAccess(loadConfig(env).backup!);
        await withDb(async (db) => {
          const staged = await stageBackup(
            { ...access, source: { db, dialect: dialect.name, url: target.url }, dataDir, sqliteFile: target.sqliteFile },
            new Date(),
          );
          const manifest = JSON.parse(readFileSync(join(staged.dir, 'manifest.json'), 'utf8')) as { tables: Record<string, number> };
          manifest.tables.bookings = manifest.tables.bookings! + 1;
          writeFileSync(join(staged.dir, 'manifest.json'), JSON.stringify(manifest));
          await access.store.repository('local')!.snapshot(staged.dir, staged.sizeBytes);
          rmSync(staged.dir, { recursive: true });
        });
        // The newest snapshot of the default location (local) is the altered one.
        const verify = await groupz(['backup', 'verify'], env);
        assert.equal(verify.code, 1, verify.stdout + verify.stderr);
        assert.match(verify.stdout, /^local: snapshot [0-9a-f]{8}, made /);
        assert.match(verify.stdout, /^  FAIL  row counts +bookings has 2 rows, the manifest says 3$/m);
        assert.match(verify.stdout, /^The snapshot FAILED verification\.$/m);

        const before = await tableDigests(target);
        const restore = await groupz(['backup', 'restore', '--yes'], env);
        assert.equal(restore.code, 1, restore.stdout);
        assert.match(
          restore.stderr,
          /refused: snapshot [0-9a-f]{8} fails its checks: row counts: bookings has 2 rows, the manifest says 3\. Nothing was changed\./,
        );
        assert.deepEqual(await tableDigests(target), before);
        assert.deepEqual(
          readdirSync(join(dataDir, 'backup')).filter((name) => name.startsWith('restore-')),
          [],
          'the temporary folder is removed after a refusal too',
        );
      });
    });
  }
}
