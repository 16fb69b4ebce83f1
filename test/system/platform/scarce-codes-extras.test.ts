import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type TestDatabase, type TestDialect, testDialects } from '../../databases.js';
import { makeExtra, unitsTaken } from '../../extras.js';
import { bookingRequest, makeActivity, makeSlot } from '../../factories.js';
import { BOOKING_LIMITS_OFF, type ServerProcess, startServer } from '../../server-process.js';
import { insertDiscountCode } from '../../../src/core/discounts/discount-codes.repository.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { createVoucher } from '../../../src/core/vouchers/voucher-issuing.service.js';
import { newId } from '../../../src/core/shared/ids.js';
import { addLocalDays, localDateOf } from '../../../src/core/shared/time.js';

const BOOKINGS = 100;
const LIMIT = 10;
const VOUCHER_RUSH = 40;
const VOUCHER_PAYS = 'EUR 150.00';

/**
 * A school trip's scarce things taken at the same moment over real HTTP, spread over two server
 * processes on one database: a discount code limited to 10 uses and an extra (climbing gear) with
 * a stock of 10 per slot. A third of the requests use the code and take the extra, a third only
 * use the code, a third only take the extra: each limit is reached by its own rush, and neither is
 * ever passed. Places are ample, so nothing else refuses.
 */
function scarceRushSuite(dialect: TestDialect) {
  describe(`a code's uses and an extra's stock over HTTP on ${dialect.name}, two server processes`, () => {
    let database: TestDatabase;
    let servers: ServerProcess[] = [];
    before(async () => {
      database = await dialect.create();
      servers = await Promise.all([1, 2].map(() => startServer({ ...database.env, ...BOOKING_LIMITS_OFF })));
    });
    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database.close();
    });

    test(`${BOOKINGS} bookings at once: never more than ${LIMIT} uses of the code nor ${LIMIT} units of the extra`, async () => {
      const { db } = database;
      const activity = await makeActivity(db, systemClock, { maxGroupSize: 40 });
      const slot = await makeSlot(db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 5000 });
      const gear = await makeExtra(db, activity, {
        label: { nl: 'Klimset', en: 'Climbing gear' },
        basis: 'unit',
        stock: LIMIT,
        amountCents: 500,
      });
      const codeId = newId();
      await db.transaction().execute((trx) =>
        insertDiscountCode(
          trx,
          {
            id: codeId,
            venue_id: activity.venue.id,
            code: 'SCHOOL10',
            kind: 'percent',
            percent: 10,
            amount_cents: null,
            per: 'booking',
            valid_from: null,
            valid_until: null,
            min_group_size: null,
            max_uses: LIMIT,
            created_at: new Date().toISOString(),
          },
          [],
        ),
      );
      const wants = (i: number) => ({ code: i % 3 !== 2, gear: i % 3 !== 1 });
      const responses = await Promise.all(
        Array.from({ length: BOOKINGS }, async (_, i) => {
          const { code, gear: withGear } = wants(i);
          const body = bookingRequest(slot.id, {
            groupSize: 3,
            email: `o${i}@example.nl`,
            ...(code && { discountCode: 'school10' }),
            ...(withGear && { extras: { [gear.id]: 1 } }),
          });
          const res = await fetch(`${servers[i % 2]!.url}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'accept-language': 'en' },
            body: JSON.stringify(body),
          });
          return { i, status: res.status, body: (await res.json()) as { code?: string; errors?: { field: string; code: string }[] } };
        }),
      );
      // Every refusal is the limit's own, in the documented shapes; nothing failed otherwise.
      for (const r of responses) {
        if (r.status === 201) continue;
        const why = r.status === 409 ? r.body.code : r.body.errors?.map((e) => `${e.field}:${e.code}`).join(',');
        assert.ok(
          why === 'extra_sold_out' || why === 'discountCode:discount_used_up',
          `request ${r.i}: ${r.status} ${JSON.stringify(r.body)}`,
        );
      }
      const placed = responses.filter((r) => r.status === 201).map((r) => wants(r.i));
      assert.equal(placed.filter((w) => w.code).length, LIMIT, 'the code went to exactly its 10 uses');
      assert.equal(placed.filter((w) => w.gear).length, LIMIT, 'the gear went to exactly its 10 units');
      const row = await db.selectFrom('discount_codes').select('uses').where('id', '=', codeId).executeTakeFirstOrThrow();
      assert.equal(row.uses, LIMIT);
      assert.equal(await unitsTaken(db, slot.id, gear.id), LIMIT);
      const bookings = await db.selectFrom('bookings').select(['discount_code_id']).where('slot_id', '=', slot.id).execute();
      assert.equal(bookings.length, placed.length, 'a refused booking placed nothing');
      assert.equal(bookings.filter((b) => b.discount_code_id === codeId).length, LIMIT);
      const held = await db
        .selectFrom('booking_extras')
        .select(({ fn }) => fn.sum<number>('quantity').as('units'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(held.units), LIMIT);
      const slotRow = await db.selectFrom('slots').select('booked_persons').where('id', '=', slot.id).executeTakeFirstOrThrow();
      assert.equal(slotRow.booked_persons, 3 * placed.length, 'places only for the bookings placed');
    });

    test(`${VOUCHER_RUSH} bookings at once paying with one gift voucher for ${VOUCHER_PAYS}: it pays exactly that, never more`, async () => {
      const { db } = database;
      // 3 persons at EUR 12.50: EUR 37.50 a booking, so the voucher pays four of them in full.
      const activity = await makeActivity(db, systemClock, { maxGroupSize: 40 });
      const slot = await makeSlot(db, systemClock, activity, { date: addLocalDays(localDateOf(new Date()), 30), capacity: 5000 });
      const { id, code } = await db.transaction().execute((trx) =>
        createVoucher(trx, systemClock, randomBytes(32), {
          venueId: activity.venue.id,
          amountCents: 4 * 3750,
          validityMonths: 24,
          origin: 'issued',
          language: 'nl',
          issuedBy: null,
          pending: false,
        }),
      );
      const responses = await Promise.all(
        Array.from({ length: VOUCHER_RUSH }, async (_, i) => {
          const body = bookingRequest(slot.id, { groupSize: 3, email: `v${i}@example.nl`, voucherCode: code });
          const res = await fetch(`${servers[i % 2]!.url}/api/v1/bookings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'accept-language': 'en' },
            body: JSON.stringify(body),
          });
          return { i, status: res.status, body: (await res.json()) as { paidCents?: number; errors?: { field: string; code: string }[] } };
        }),
      );
      for (const r of responses) {
        if (r.status === 201) {
          assert.equal(r.body.paidCents, 3750, `request ${r.i}: paid in full by the voucher`);
          continue;
        }
        const why = r.body.errors?.map((e) => `${e.field}:${e.code}`).join(',');
        assert.ok(
          why === 'voucherCode:voucher_balance_changed' || why === 'voucherCode:voucher_empty',
          `request ${r.i}: ${r.status} ${JSON.stringify(r.body)}`,
        );
      }
      assert.equal(responses.filter((r) => r.status === 201).length, 4);
      const voucher = await db.selectFrom('vouchers').select('balance_cents').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(voucher.balance_cents, 0);
      const paid = await db.selectFrom('payments').select('amount_cents').where('voucher_id', '=', id).execute();
      assert.deepEqual(
        paid.map((p) => p.amount_cents),
        [3750, 3750, 3750, 3750],
      );
      const ledger = await db
        .selectFrom('voucher_movements')
        .select(['position', 'balance_after_cents'])
        .where('voucher_id', '=', id)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        ledger.map((m) => [m.position, m.balance_after_cents]),
        [
          [1, 15000],
          [2, 11250],
          [3, 7500],
          [4, 3750],
          [5, 0],
        ],
      );
      const bookings = await db.selectFrom('bookings').select('id').where('slot_id', '=', slot.id).execute();
      assert.equal(bookings.length, 4, 'a refused booking placed nothing');
    });
  });
}

for (const dialect of testDialects()) scarceRushSuite(dialect);
