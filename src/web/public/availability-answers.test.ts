import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import { testDialects } from '../../../test/databases.js';
import { book, makeActivity, makeSlot } from '../../../test/factories.js';
import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';

const DECODE: Record<string, (body: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync };

interface SlotList {
  slots: { id: string; available: boolean; reason?: string; remaining: number }[];
}

// The slots API and the activity page keep their answers (web/answer-cache.ts): these read them
// again after each change of time or data, so a kept answer served past its time fails here.
for (const dialect of testDialects()) {
  describe(`kept availability answers on ${dialect.name}`, () => {
    let t: TestApp;
    let activity: Activity;
    let morning: Slot;
    let noon: Slot;
    let later: Slot;

    before(async () => {
      // 08:00 in Amsterdam (summer time) on Monday 15 June 2026.
      t = await buildTestApp(dialect, '2026-06-15T06:00:00Z');
      activity = await makeActivity(t.database.db, t.clock, { bookingCutoffMinutes: 60 });
      morning = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15', time: '10:00', capacity: 8 });
      noon = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-15', time: '12:00', capacity: 8 });
      // The 15th day from the 15th: outside the fortnight until midnight.
      later = await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-29', time: '10:00', capacity: 8 });
    });

    after(() => t.close());

    /** The body as sent in `encoding` (kept answers keep their encodings too), decoded. */
    const read = async (url: string, encoding: 'identity' | 'br' | 'gzip') => {
      const response = await t.app.inject({ url, headers: { 'accept-encoding': encoding } });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['content-encoding'], encoding === 'identity' ? undefined : encoding);
      assert.equal(Number(response.headers['content-length']), response.rawPayload.length);
      return (DECODE[encoding] ?? ((body: Buffer) => body))(response.rawPayload).toString();
    };
    const slots = async (encoding: 'identity' | 'br' | 'gzip' = 'identity') =>
      (JSON.parse(await read(`/api/v1/activities/${activity.id}/slots?groupSize=4`, encoding)) as SlotList).slots;
    const page = (encoding: 'identity' | 'br' | 'gzip' = 'identity') => read(`/activities/${activity.slug}?groupSize=4`, encoding);

    test("a slot closes at its cut-off and leaves once started, to the millisecond, on the clock's say", async () => {
      t.clock.set('2026-06-15T06:00:00Z');
      assert.deepEqual(
        (await slots()).map((slot) => [slot.id, slot.available]),
        [
          [morning.id, true],
          [noon.id, true],
        ],
      );
      assert.match(await page(), new RegExp(`/book/${morning.id}`));
      t.clock.set('2026-06-15T06:59:59.999Z');
      assert.equal((await slots())[0]!.available, true, 'open until its cut-off');
      assert.match(await page(), new RegExp(`/book/${morning.id}`));
      t.clock.set('2026-06-15T07:00:00Z');
      assert.deepEqual((await slots())[0], { ...(await slots())[0], id: morning.id, available: false, reason: 'booking_closed' });
      assert.doesNotMatch(await page(), new RegExp(`/book/${morning.id}`), 'no booking link once closed');
      assert.match(await page(), new RegExp(`/book/${noon.id}`));
      t.clock.set('2026-06-15T08:00:00Z');
      assert.equal((await slots())[0]!.id, morning.id, 'listed, closed, until it has started');
      t.clock.set('2026-06-15T08:00:00.001Z');
      assert.deepEqual(
        (await slots()).map((slot) => slot.id),
        [noon.id],
        'gone once started',
      );
    });

    test('the fortnight moves on at midnight in Amsterdam', async () => {
      t.clock.set('2026-06-15T21:59:59Z');
      assert.ok(!(await slots()).some((slot) => slot.id === later.id));
      t.clock.set('2026-06-15T22:00:00Z');
      assert.ok(
        (await slots()).some((slot) => slot.id === later.id),
        'the 29th is in the fortnight from the 16th',
      );
      assert.match(await page(), new RegExp(`/book/${later.id}`));
    });

    test('a booking shows in the next read', async () => {
      t.clock.set('2026-06-16T06:00:00Z');
      assert.equal((await slots()).find((slot) => slot.id === later.id)!.remaining, 8);
      await page();
      await book(t.database.db, t.clock, later, { groupSize: 5 }, t.linkKey);
      const after = (await slots()).find((slot) => slot.id === later.id)!;
      assert.deepEqual([after.remaining, after.available, after.reason], [3, false, 'slot_full']);
      assert.doesNotMatch(await page(), new RegExp(`/book/${later.id}`));
    });

    test('a booking shows in the next read in every encoding: the compressed answers go with the old one', async () => {
      t.clock.set('2026-06-16T06:00:00Z');
      // Enough slots that the API's answer passes the 1 KiB below which nothing is compressed.
      const made: Slot[] = [];
      for (const time of ['10:00', '11:00', '12:00', '13:00', '14:00', '15:00']) {
        made.push(await makeSlot(t.database.db, t.clock, activity, { date: '2026-06-17', time, capacity: 8 }));
      }
      const slot = made[0]!;
      for (const encoding of ['br', 'gzip', 'identity'] as const) {
        assert.equal((await slots(encoding)).find((s) => s.id === slot.id)!.remaining, 8, encoding);
        assert.match(await page(encoding), new RegExp(`/book/${slot.id}`), encoding);
      }
      await book(t.database.db, t.clock, slot, { groupSize: 5 }, t.linkKey);
      for (const encoding of ['br', 'gzip', 'identity'] as const) {
        assert.equal((await slots(encoding)).find((s) => s.id === slot.id)!.remaining, 3, encoding);
        assert.doesNotMatch(await page(encoding), new RegExp(`/book/${slot.id}`), encoding);
      }
    });
  });
}
