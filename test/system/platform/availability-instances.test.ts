import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_ADMIN } from '../../actors.js';
import { type TestDatabase, testDialects } from '../../databases.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { changeSlotCapacity } from '../../../src/core/availability/slot-admin.service.js';
import type { Activity } from '../../../src/core/catalog/activity.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

interface SlotJson {
  id: string;
  remaining: number;
  available: boolean;
  reason?: string;
  price?: { totalCents: number; vatCents: number };
}

/**
 * Each platform process keeps its availability answers (web/answer-cache.ts) under a version the
 * database's triggers bump: a change made through one process, or by anything else writing to the
 * database, shows in the next read on every other process.
 */
for (const dialect of testDialects()) {
  describe(`availability across two platform processes on ${dialect.name}`, () => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    let activity: Activity;
    const date = addLocalDays(localDateOf(new Date()), 3);

    before(async () => {
      database = await dialect.create();
      activity = await makeActivity(database.db, systemClock);
      servers = await Promise.all([1, 2].map(() => startServer({ ...database.env, ...BOOKING_LIMITS_OFF })));
    });

    after(async () => {
      await Promise.all(servers.map((server) => server.stop()));
      await database.close();
    });

    const slotOn = async (server: ServerProcess, slotId: string): Promise<SlotJson> => {
      const res = await fetch(`${server.url}/api/v1/activities/${activity.id}/slots?groupSize=4&from=${date}&to=${date}`);
      assert.equal(res.status, 200);
      const { slots } = (await res.json()) as { slots: SlotJson[] };
      return slots.find((slot) => slot.id === slotId)!;
    };
    const pageOn = async (server: ServerProcess) => {
      const res = await fetch(`${server.url}/activities/${activity.slug}?groupSize=4&date=${date}`);
      assert.equal(res.status, 200);
      return res.text();
    };
    const a = () => servers[0]!;
    const b = () => servers[1]!;

    test('the last place booked through one process is gone on the other at the next read', async () => {
      const slot = await makeSlot(database.db, systemClock, activity, { date, time: '10:00', capacity: 8 });
      for (const server of [a(), b(), a(), b()]) {
        assert.equal((await slotOn(server, slot.id)).remaining, 8);
        assert.match(await pageOn(server), new RegExp(`/book/${slot.id}`));
      }
      const first = await fetch(`${a().url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingRequest(slot.id, { groupSize: 4 })),
      });
      assert.equal(first.status, 201, await first.text());
      assert.equal((await slotOn(b(), slot.id)).remaining, 4, 'the other process sees the booking');
      assert.equal((await slotOn(a(), slot.id)).remaining, 4);
      const last = await fetch(`${a().url}/api/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bookingRequest(slot.id, { groupSize: 4, email: 'piet@example.nl' })),
      });
      assert.equal(last.status, 201, await last.text());
      const seen = await slotOn(b(), slot.id);
      assert.deepEqual([seen.remaining, seen.available, seen.reason], [0, false, 'slot_full']);
      assert.doesNotMatch(await pageOn(b()), new RegExp(`/book/${slot.id}`), 'no booking link on the other process');
    });

    test("staff's change of a slot and a new VAT rate show on both processes", async () => {
      const slot = await makeSlot(database.db, systemClock, activity, { date, time: '14:00', capacity: 8 });
      const before = await slotOn(b(), slot.id);
      await slotOn(a(), slot.id);
      assert.equal(before.remaining, 8);
      const changed = await changeSlotCapacity(database.db, systemClock, TEST_ADMIN, activity.id, slot.id, '2', 'nl');
      assert.ok(changed.ok);
      for (const server of [a(), b()]) {
        const seen = await slotOn(server, slot.id);
        assert.deepEqual([seen.remaining, seen.available, seen.reason], [2, false, 'slot_full']);
      }
      await database.db.insertInto('vat_rates').values({ code: 'low', rate_bp: 1500, valid_from: date }).execute();
      for (const server of [a(), b()]) {
        const seen = await slotOn(server, slot.id);
        assert.notEqual(seen.price!.vatCents, before.price!.vatCents, 'priced at the new rate');
      }
    });
  });
}
