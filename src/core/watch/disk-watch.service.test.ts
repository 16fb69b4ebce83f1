import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { TEST_PUBLIC_URL } from '../../../test/app.js';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { addMember } from '../../../test/staff.js';
import type { Db } from '../../db/schema.js';
import { runJobOnce } from '../jobs/scheduler.js';
import { type MailDeliverySettings, type MailFailure, mailDeliveryJob } from '../mail/mail-delivery.service.js';
import { checkDiskSpace, DISK_LOOK_KEPT_HOURS, type DiskWatch, listDiskConditions } from './disk-watch.service.js';
import { listConditions } from './platform-condition.repository.js';
import type { DiskSpace } from './watch.js';

const GIB = 1024 ** 3;
const MINUTE = 60_000;

function recipientOf(mail: ParsedMail): string | undefined {
  return mail.to && !Array.isArray(mail.to) ? mail.to.text : undefined;
}

for (const dialect of testDialects()) {
  describe(`the data directory's free space on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let smtp: TestSmtpServer;
    let delivery: MailDeliverySettings;
    const failures: MailFailure[] = [];
    const clock = new TestClock();
    /** What the injected statfs reports: a 100 GiB disk. */
    let space: DiskSpace;
    const watch: DiskWatch = {
      host: 'web1',
      path: '/var/lib/groupz',
      read: async () => space,
      limits: { percent: 10, bytes: GIB },
    };

    /** The scheduler's mail job, once: what `groupz serve` does every 15 seconds. Returns what reached the SMTP server. */
    async function deliver(): Promise<ParsedMail[]> {
      const before = smtp.messages.length;
      assert.equal(
        await runJobOnce(
          db,
          clock,
          'test',
          mailDeliveryJob(db, clock, delivery, (failure) => failures.push(failure)),
        ),
        'ran',
      );
      assert.deepEqual(failures, []);
      return smtp.messages.slice(before);
    }

    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      failures.length = 0;
      database = await dialect.create();
      db = database.db;
      smtp = await startSmtpServer();
      delivery = testMailDelivery(smtp);
      await addMember(db, clock, 'beheer@groupz.test', 'admin');
      await addMember(db, clock, 'ops@groupz.test', 'admin');
      space = { free: 50 * GIB, total: 100 * GIB };
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
    });

    test('below a limit: one warning to each admin; further looks send nothing; back above: one recovery notice', async () => {
      assert.equal(await checkDiskSpace(db, clock, watch), 'ok');
      assert.deepEqual(await deliver(), [], 'enough space: no mail');

      clock.advance(MINUTE);
      space = { free: 9 * GIB, total: 100 * GIB };
      assert.equal(await checkDiskSpace(db, clock, watch), 'low', 'under 10 %');
      const warnings = await deliver();
      assert.deepEqual(warnings.map(recipientOf).sort(), ['beheer@groupz.test', 'ops@groupz.test'], 'admins only, once each');
      for (const mail of warnings) {
        assert.equal(mail.subject, 'Weinig schijfruimte op web1 / Low disk space on web1');
        assert.ok(
          mail.text!.includes('De gegevensmap /var/lib/groupz op web1 heeft nog 9 GiB vrij van 100 GiB (9%): minder dan de grens.'),
          mail.text,
        );
        assert.ok(mail.text!.includes('The data directory /var/lib/groupz on web1 has 9 GiB free of 100 GiB (9%): less than the limit.'));
        assert.ok(mail.text!.includes('10% or 1 GiB'));
        assert.ok(mail.text!.includes(`${TEST_PUBLIC_URL}/admin/security`));
      }

      for (const free of [8 * GIB, 10.5 * GIB, 0.5 * GIB]) {
        clock.advance(MINUTE);
        space = { free, total: 100 * GIB };
        assert.equal(await checkDiskSpace(db, clock, watch), 'low', `${free / GIB} GiB: still low (10.5: within the margin)`);
      }
      assert.deepEqual(await deliver(), [], 'once per condition, not at every look');

      clock.advance(MINUTE);
      space = { free: 30 * GIB, total: 100 * GIB };
      assert.equal(await checkDiskSpace(db, clock, watch), 'ok');
      const recoveries = await deliver();
      assert.deepEqual(recoveries.map(recipientOf).sort(), ['beheer@groupz.test', 'ops@groupz.test']);
      for (const mail of recoveries) {
        assert.equal(mail.subject, 'Weer genoeg schijfruimte op web1 / Enough disk space again on web1');
        assert.ok(mail.text!.includes('Since Mon 1 Jun 2026 at 10:01 that had been too little.'), mail.text);
      }
      clock.advance(MINUTE);
      assert.equal(await checkDiskSpace(db, clock, watch), 'ok');
      assert.deepEqual(await deliver(), [], 'and nothing after it');

      const [condition] = await listDiskConditions(db, clock);
      assert.deepEqual(
        { raised: condition!.raised, checkedAt: condition!.checkedAt, free: condition!.detail.free },
        { raised: false, checkedAt: clock.now().toISOString(), free: 30 * GIB },
      );
    });

    test('the size limit alone: 1 GiB free of a large disk is low; 0 turns a limit off', async () => {
      space = { free: 0.9 * GIB, total: 4096 * GIB };
      assert.equal(await checkDiskSpace(db, clock, { ...watch, limits: { percent: 0, bytes: GIB } }), 'low');
      assert.equal((await deliver()).length, 2);
      space = { free: 5 * GIB, total: 100 * GIB };
      assert.equal(await checkDiskSpace(db, clock, { ...watch, path: '/srv/other', limits: { percent: 10, bytes: 0 } }), 'low');
      assert.equal(await checkDiskSpace(db, clock, { ...watch, path: '/srv/third', limits: { percent: 0, bytes: 0 } }), 'ok');
    });

    test('a look no instance renewed for a day is left out of the list, and the next look anywhere deletes it', async () => {
      space = { free: 1 * GIB, total: 100 * GIB };
      await checkDiskSpace(db, clock, { ...watch, host: 'gone-container' });
      await checkDiskSpace(db, clock, watch);
      clock.advance(DISK_LOOK_KEPT_HOURS * 3600_000 - MINUTE);
      await checkDiskSpace(db, clock, watch);
      const names = async () => (await listConditions(db, 'disk:')).map((c) => c.detail.host);
      assert.deepEqual(
        (await listDiskConditions(db, clock)).map((c) => c.detail.host),
        ['gone-container', 'web1'],
        'a day less a minute',
      );
      clock.advance(2 * MINUTE);
      assert.deepEqual(
        (await listDiskConditions(db, clock)).map((c) => c.detail.host),
        ['web1'],
        'past a day',
      );
      assert.deepEqual(await names(), ['gone-container', 'web1'], 'until a look');
      await checkDiskSpace(db, clock, { ...watch, host: 'web2' });
      assert.deepEqual(await names(), ['web1', 'web2']);
    });
    test('several instances sharing the data directory look at once: the admins get one warning', async () => {
      space = { free: 1 * GIB, total: 100 * GIB };
      const outcomes = await Promise.all([
        checkDiskSpace(db, clock, watch),
        checkDiskSpace(db, clock, watch),
        checkDiskSpace(db, clock, watch),
      ]);
      assert.deepEqual(outcomes, ['low', 'low', 'low']);
      assert.deepEqual((await deliver()).map(recipientOf).sort(), ['beheer@groupz.test', 'ops@groupz.test']);
    });
  });
}
