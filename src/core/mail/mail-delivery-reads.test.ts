import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { testMailDelivery } from '../../../test/mail-senders.js';
import { startSmtpServer, type TestSmtpServer } from '../../../test/mail-server.js';
import { countingStatements } from '../../../test/statements.js';
import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import { deliverDueMails, type MailDeliverySettings } from './mail-delivery.service.js';

for (const dialect of testDialects()) {
  describe(`the reads of mail delivery on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let smtp: TestSmtpServer;
    let settings: MailDeliverySettings;
    let activities: Activity[];
    const clock = new TestClock();

    /** `count` bookings, one organiser's mail each, spread over two activities and three slots on the date. */
    async function bookMany(count: number, date = '2026-06-15'): Promise<void> {
      const slots = [
        await makeSlot(db, clock, activities[0]!, { date, capacity: 2 * count }),
        await makeSlot(db, clock, activities[0]!, { date, time: '14:00', capacity: 2 * count }),
        await makeSlot(db, clock, activities[1]!, { date, capacity: 2 * count }),
      ];
      for (let i = 0; i < count; i++) await book(db, clock, slots[i % slots.length]!, { email: `group${i}@example.nl`, groupSize: 2 });
    }

    beforeEach(async () => {
      clock.set('2026-06-01T08:00:00Z');
      database = await dialect.create();
      db = database.db;
      smtp = await startSmtpServer();
      settings = testMailDelivery(smtp);
      activities = [await makeActivity(db, clock), await makeActivity(db, clock)];
    });
    afterEach(async () => {
      await smtp.close();
      await database.close();
    });

    test("a batch's booking mails are composed from one read per kind of fact, however many there are", async (t) => {
      const statementsFor = async (count: number, date: string) => {
        await bookMany(count, date);
        const counted = countingStatements(db);
        assert.deepEqual(await deliverDueMails(counted.db, clock, settings), { sent: count, skipped: 0, failures: [] });
        t.diagnostic(`${count} mails: ${counted.statements.length} statements: ${counted.statements.join(', ')}`);
        return counted.statements;
      };
      const few = await statementsFor(3, '2026-06-15');
      // Three times as many mails, of as many slots and activities: not one statement more.
      assert.deepEqual(await statementsFor(9, '2026-06-16'), few);
      assert.equal(smtp.messages.length, 12);
    });

    test("a booking whose facts cannot be read fails its mail alone: the batch's others are sent", async () => {
      await bookMany(6);
      // A damaged activity (its prices no longer JSON): its bookings' facts cannot be read.
      await db.updateTable('activities').set({ pricing: 'damaged' }).where('id', '=', activities[1]!.id).execute();
      const report = await deliverDueMails(db, clock, settings);
      assert.equal(report.sent, 4);
      assert.deepEqual(
        report.failures.map(({ error, gaveUp }) => ({ error, gaveUp })),
        [
          { error: 'SyntaxError', gaveUp: false },
          { error: 'SyntaxError', gaveUp: false },
        ],
      );
      assert.deepEqual(smtp.messages.map((m) => (Array.isArray(m.to) ? '' : m.to?.text)).sort(), [
        'group0@example.nl',
        'group1@example.nl',
        'group3@example.nl',
        'group4@example.nl',
      ]);
    });
  });
}
