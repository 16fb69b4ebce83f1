import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { parse } from 'node-html-parser';
import { TEST_ADMIN } from '../../../test/actors.js';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { testBackupSettings } from '../../../test/backups.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { makeActivity } from '../../../test/factories.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { addMember } from '../../../test/staff.js';
import type { Db } from '../../db/schema.js';
import { runJobOnce } from '../jobs/scheduler.js';
import { type MailDeliverySettings, type MailFailure, mailDeliveryJob } from '../mail/mail-delivery.service.js';
import { setStaffDisabled } from '../staff/staff-admin.service.js';
import { alertFailedBackup, alertStaleBackups } from './backup-alerts.service.js';
import { finishBackupRun, insertBackupRun } from './backup-runs.repository.js';

const BACKUPS_URL = `${TEST_PUBLIC_URL}/admin/backups`;
const HOUR = 3600 * 1000;

function recipientOf(mail: ParsedMail): string | undefined {
  return mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined;
}

/** The visible text of the HTML part. */
function htmlText(mail: ParsedMail): string {
  return parse(String(mail.html))
    .querySelector('body')!
    .textContent.replace(/[ \t\r\n]+/g, ' ');
}

/** Each language's block of the HTML part, and the link it carries. */
function htmlSections(mail: ParsedMail) {
  return parse(String(mail.html))
    .querySelectorAll('body [lang]')
    .map((section) => ({ lang: section.getAttribute('lang'), links: section.querySelectorAll('a').map((a) => a.getAttribute('href')) }));
}

for (const dialect of testDialects()) {
  describe(`backup alert mails on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let smtp: TestSmtpServer;
    let delivery: MailDeliverySettings;
    let dataDir: string;
    const failures: MailFailure[] = [];
    const clock = new TestClock();

    /** The scheduler's mail job, once: what `groupz serve` does every 15 seconds. */
    async function deliver(): Promise<void> {
      assert.equal(
        await runJobOnce(
          db,
          clock,
          'test',
          mailDeliveryJob(db, clock, delivery, (failure) => failures.push(failure)),
        ),
        'ran',
      );
    }

    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      failures.length = 0;
      database = await dialect.create();
      db = database.db;
      smtp = await startSmtpServer();
      dataDir = mkdtempSync(join(tmpdir(), 'groupz-alert-'));
      delivery = testMailDelivery(smtp);
      // Who could get an alert: two working admins, an admin who never finished setup, a disabled
      // admin, and a venue's manager and staff.
      const { venue } = await makeActivity(db, clock);
      await addMember(db, clock, 'beheer@groupz.test', 'admin');
      await addMember(db, clock, 'ops@groupz.test', 'admin');
      await addMember(db, clock, 'nieuw@groupz.test', 'admin', { setUp: false });
      const gone = await addMember(db, clock, 'vertrokken@groupz.test', 'admin');
      await setStaffDisabled(db, clock, TEST_ADMIN, gone.id, true, null);
      await addMember(db, clock, 'manager@venue.test', 'manager', { venue: venue.slug });
      await addMember(db, clock, 'balie@venue.test', 'staff', { venue: venue.slug });
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('a failed backup reaches each set-up, enabled admin once: both languages, the location, the error, the backups page', async () => {
      const error =
        'Fatal: unable to open repository at sftp:groupz@backup.test:/srv/groupz: ssh: connect to host backup.test: Connection refused';
      await alertFailedBackup(db, clock, { runRowId: 'row-1', location: 'remote', error });
      await alertFailedBackup(db, clock, { runRowId: 'row-1', location: 'remote', error });
      await deliver();

      assert.deepEqual(failures, [], 'not given up as "booking not found", nor failed otherwise');
      const rows = await db.selectFrom('mail_outbox').select(['kind', 'status', 'booking_id']).execute();
      assert.deepEqual(
        rows.map((row) => [row.kind, row.status, row.booking_id]),
        [
          ['backup_failed', 'sent', null],
          ['backup_failed', 'sent', null],
        ],
      );
      assert.deepEqual(smtp.messages.map(recipientOf).sort(), ['beheer@groupz.test', 'ops@groupz.test'], 'admins only, once each');
      for (const mail of smtp.messages) {
        assert.equal(mail.subject, 'Back-up mislukt op de tweede locatie / Backup failed at the second location');
        assert.equal(mail.attachments.length, 0);
        for (const part of [mail.text!, htmlText(mail)]) {
          assert.ok(part.includes('De back-up op de tweede locatie is mislukt.'), part);
          assert.ok(part.includes('The backup at the second location failed.'));
          assert.ok(part.includes('Tweede locatie') && part.includes('Second location'), 'the location as the backups page names it');
          assert.equal(part.split(error).length - 1, 2, 'the error, in each language');
          assert.ok(part.includes('groupz backup run'));
          assert.ok(part.includes(BACKUPS_URL));
        }
        assert.deepEqual(htmlSections(mail), [
          { lang: 'nl', links: [BACKUPS_URL] },
          { lang: 'en', links: [BACKUPS_URL] },
        ]);
      }
    });

    test('a location without a success for more than 26 hours is mailed once that day, with the last success in Amsterdam time or "never"', async () => {
      const settings = testBackupSettings(dataDir, { local: '/var/backups/groupz', remote: 'sftp:groupz@backup.test:/srv/groupz' });
      // 03:00 Amsterdam (summer time, UTC+2): the local backup succeeds at 03:05, the second location fails.
      clock.set('2026-06-01T01:00:00Z');
      await insertBackupRun(db, {
        id: 'local-1',
        runId: 'run-1',
        location: 'local',
        trigger: 'schedule',
        startedAt: clock.now().toISOString(),
      });
      await insertBackupRun(db, {
        id: 'remote-1',
        runId: 'run-1',
        location: 'remote',
        trigger: 'schedule',
        startedAt: '2026-06-01T01:05:00.000Z',
      });
      await finishBackupRun(db, 'local-1', {
        status: 'succeeded',
        finishedAt: '2026-06-01T01:05:00.000Z',
        snapshotId: 'abc',
        sizeBytes: 1,
      });
      await finishBackupRun(db, 'remote-1', { status: 'failed', finishedAt: '2026-06-01T01:06:00.000Z', error: 'timeout' });

      clock.set(new Date(Date.parse('2026-06-01T01:05:00Z') + 26 * HOUR - 60_000));
      assert.deepEqual(await alertStaleBackups(db, clock, settings), [], '25 h 59 min: not yet');
      clock.advance(2 * 60_000);
      assert.deepEqual(await alertStaleBackups(db, clock, settings), ['local', 'remote'], '26 h 1 min');
      clock.advance(HOUR);
      assert.deepEqual(await alertStaleBackups(db, clock, settings), ['local', 'remote']);
      await deliver();

      assert.deepEqual(failures, []);
      assert.equal(smtp.messages.length, 4, 'one mail per admin and location, however often it is checked that day');
      assert.deepEqual([...new Set(smtp.messages.map(recipientOf))].sort(), ['beheer@groupz.test', 'ops@groupz.test']);
      const local = smtp.messages.filter((mail) => mail.subject?.includes('op deze server'));
      const remote = smtp.messages.filter((mail) => mail.subject?.includes('op de tweede locatie'));
      assert.equal(local.length, 2);
      assert.equal(remote.length, 2);
      for (const mail of local) {
        assert.equal(
          mail.subject,
          'Geen recente back-up op deze server (de lokale back-up) / No recent backup on this server (the local backup)',
        );
        for (const part of [mail.text!, htmlText(mail)]) {
          assert.ok(
            part.includes(
              'De laatste geslaagde back-up op deze server (de lokale back-up) is van ma 1 jun 2026 om 03:05: meer dan 26 uur geleden.',
            ),
            part,
          );
          assert.ok(part.includes('was made on Mon 1 Jun 2026 at 03:05: more than 26 hours ago.'));
          assert.ok(part.includes('Lokaal, op deze server') && part.includes('Local, on this server'));
          assert.ok(part.includes(BACKUPS_URL));
        }
      }
      for (const mail of remote) {
        assert.equal(mail.subject, 'Geen recente back-up op de tweede locatie / No recent backup at the second location');
        assert.match(mail.text!, /Er is op de tweede locatie nog nooit een back-up gelukt/);
        assert.match(mail.text!, /No backup at the second location has ever succeeded/);
        assert.match(mail.text!, /Laatste geslaagde back-up: nooit/);
        assert.match(mail.text!, /Last successful backup: never/);
      }

      // The next day, still stale: mailed again.
      clock.advance(24 * HOUR);
      await alertStaleBackups(db, clock, settings);
      await deliver();
      assert.equal(smtp.messages.length, 8);
    });
  });
}
