import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import { makeExtra } from '../../../test/extras.js';
import { offeredExtrasOf } from './extra-offers.service.js';
import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import { addMonths, datesOfMonth, isLocalMonth, weekdayOf } from '../shared/month.js';
import type { DayState } from './day-state.js';
import { readMonthAvailability } from './month.service.js';

describe('months (no database)', () => {
  test('valid months, their dates, neighbours and weekdays', () => {
    for (const ok of ['2027-03', '2000-01', '2199-12']) assert.ok(isLocalMonth(ok), ok);
    for (const bad of ['2027-13', '2027-00', '1999-12', '2200-01', '2027-3', '2027-03-01', '']) assert.ok(!isLocalMonth(bad), bad);
    assert.equal(datesOfMonth('2028-02').length, 29);
    assert.deepEqual(datesOfMonth('2027-03').slice(-2), ['2027-03-30', '2027-03-31']);
    assert.equal(addMonths('2027-12', 1), '2028-01');
    assert.equal(addMonths('2027-01', -1), '2026-12');
    assert.equal(weekdayOf('2027-03-01'), 1, 'a Monday');
    assert.equal(weekdayOf('2027-10-31'), 7, 'a Sunday');
  });
});

for (const dialect of testDialects()) {
  describe(`a month's availability at a glance on ${dialect.name}`, () => {
    let database: TestDatabase;
    const clock = new TestClock('2027-03-10T08:00:00Z');
    let activity: Activity;
    let queries = 0;
    let counted: Db;

    before(async () => {
      database = await dialect.create();
      const { db } = database;
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      counted = db.withPlugin(counter) as Db;
      activity = await makeActivity(db, clock, { maxGroupSize: 20 });
      const slot = (date: string, time: string, capacity = 20) => makeSlot(db, clock, activity, { date, time, capacity });
      await slot('2027-03-05', '10:00'); // over before now
      const full = await slot('2027-03-12', '10:00');
      await book(db, clock, full, { groupSize: 18 });
      const few = await slot('2027-03-15', '10:00');
      await book(db, clock, few, { groupSize: 16 });
      await slot('2027-03-16', '10:00');
      const busy = await slot('2027-03-17', '10:00');
      await book(db, clock, busy, { groupSize: 16 });
      await slot('2027-03-17', '14:00'); // plenty left that day: 24 of 40 places
      await slot('2027-03-28', '00:30'); // 23:30 UTC on the 27th, the night summer time starts
      await slot('2027-03-28', '03:30');
      await slot('2027-03-31', '23:30'); // 21:30 UTC: still March
      await slot('2027-04-01', '00:30'); // 22:30 UTC on 31 March: April
      await slot('2027-10-31', '02:30'); // the first 02:30 of the night summer time ends (00:30 UTC)
      await slot('2027-10-31', '23:30');
      await slot('2027-11-01', '00:30'); // 23:30 UTC on 31 October: November
    });
    after(() => database.close());

    async function states(month: string, groupSize = 4): Promise<Record<string, DayState>> {
      const before = queries;
      const { days } = await readMonthAvailability(counted, clock, activity, { month, groupSize, offered: [] });
      assert.ok(queries - before <= 1, `${month}: ${queries - before} queries`);
      assert.deepEqual(
        days.map((d) => d.date),
        datesOfMonth(month),
      );
      return Object.fromEntries(days.filter((d) => d.state !== 'none').map((d) => [d.date, d.state]));
    }

    test('March 2027, in one query: full, few left, free; past days and days without slots are none; DST and month ends by Amsterdam date', async () => {
      const before = queries;
      assert.deepEqual(await states('2027-03'), {
        '2027-03-12': 'full',
        '2027-03-15': 'few',
        '2027-03-16': 'free',
        '2027-03-17': 'free',
        '2027-03-28': 'free',
        '2027-03-31': 'free',
      });
      assert.equal(queries - before, 1, 'one query for the whole month');
    });

    test('"full" is for this group: a group of 2 still fits the day a group of 4 does not', async () => {
      const march = await states('2027-03', 2);
      assert.equal(march['2027-03-12'], 'few');
    });

    test('October 2027 (summer time ends on the 31st): both slots of the 31st on the 31st, the one after midnight in November', async () => {
      assert.deepEqual(await states('2027-10'), { '2027-10-31': 'free' });
      assert.deepEqual(await states('2027-11'), { '2027-11-01': 'free' });
    });

    test('a month without slots has every day none; a month that is over asks nothing', async () => {
      assert.deepEqual(await states('2027-05'), {});
      const before = queries;
      assert.deepEqual(await states('2027-02'), {});
      assert.equal(queries, before, 'no query for a month that is over');
    });

    test('a day is full for a group its slots have too few of a required extra for, in one more query for the stock', async () => {
      const kayaks = await makeActivity(database.db, clock, { maxGroupSize: 20 });
      await makeSlot(database.db, clock, kayaks, { date: '2027-03-12', time: '10:00', capacity: 20 });
      await makeExtra(database.db, kayaks, { basis: 'person', required: true, stock: 6 });
      const offered = await offeredExtrasOf(database.db, kayaks.id);
      for (const [groupSize, state] of [
        [6, 'free'],
        [7, 'full'],
      ] as const) {
        const before = queries;
        const { days } = await readMonthAvailability(counted, clock, kayaks, { month: '2027-03', groupSize, offered });
        assert.equal(queries - before, 2, 'the slots and their extras');
        assert.equal(days.find((d) => d.date === '2027-03-12')?.state, state, String(groupSize));
      }
    });

    test("slots past the activity's booking cut-off count as none", async () => {
      const early = await makeActivity(database.db, clock, { bookingCutoffMinutes: 24 * 60 });
      await makeSlot(database.db, clock, early, { date: '2027-03-11', time: '07:00' });
      await makeSlot(database.db, clock, early, { date: '2027-03-12', time: '10:00' });
      const { days } = await readMonthAvailability(database.db, clock, early, { month: '2027-03', groupSize: 4, offered: [] });
      assert.deepEqual(
        days.filter((d) => d.state !== 'none').map((d) => d.date),
        ['2027-03-12'],
      );
    });
  });
}
