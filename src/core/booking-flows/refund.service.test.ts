import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { startMollie, TEST_MOLLIE_KEY, type TestMollie } from '../../../test/mollie/payments.js';
import { payAtMollie, paymentContextOf, placeUnderPolicy, refundRows, refundsAtMollie } from '../../../test/paid-bookings.js';
import { listActivityEntries } from '../activity-log/activity-log.repository.js';
import type { Slot } from '../availability/slot.js';
import { changeBookingStatus, type StaffActor } from './booking-admin.service.js';
import type { BookingDetails } from '../bookings/booking.js';
import { cancelByOrganiser, changeGroupSize } from './booking-changes.service.js';
import { findBookingByLink } from './booking.service.js';
import type { Activity } from '../catalog/activity.js';
import { DomainError } from '../shared/errors.js';
import { addStaff } from '../staff/staff.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { moneyOf } from '../payments/payments.repository.js';
import { quotePolicyRefund } from './policy-refund.service.js';
import type { RefundPolicy } from '../catalog/refund-policy.js';
import { refundBooking, sendPendingRefunds } from './refund.service.js';
import { refundAsStaff } from './staff-refund.service.js';

/** 100 % until 14 days before, 50 % until 48 hours before, nothing after. */
const POLICY: RefundPolicy = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];
/** The visit: 2026-06-20 10:00 Amsterdam. */
const STARTS = '2026-06-20T08:00:00.000Z';
/** When each tier applies: 19 days, exactly 48 hours and 23 hours before. */
const TIERS = [
  { percent: 100, at: '2026-06-01T08:00:00Z' },
  { percent: 50, at: '2026-06-18T08:00:00Z' },
  { percent: 0, at: '2026-06-19T09:00:00Z' },
] as const;

for (const dialect of testDialects()) {
  describe(`refunds (${dialect.name})`, () => {
    let database: TestDatabase;
    let mollie: TestMollie;
    let context: PaymentContext;
    let activity: Activity;
    let staff: StaffActor;
    /** Every booking's slot, at STARTS. */
    let slot: Slot;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
      mollie = await startMollie();
      context = paymentContextOf(mollie);
      // Cancelling allowed until the start: the policy, not the deadline, decides what goes back.
      activity = await makeActivityWithRules(database.db, clock, { cancelUntilHours: 0 });
      const { member } = await addStaff(database.db, clock, { email: 'refunds@groupz.test', name: 'Refunds', role: 'admin' }, null);
      staff = { member, client: null };
      slot = await makeSlot(database.db, clock, activity, { date: '2026-06-20', time: '10:00', capacity: 1000 });
      assert.equal(slot.startsAt.toISOString(), STARTS);
    });
    after(async () => {
      await mollie.close();
      await database.close();
    });

    /** A confirmed booking of `groupSize` (EUR 12.50 each) under POLICY, `paidPercent` of it paid at Mollie; placed on 1 June. */
    async function paidBooking(groupSize: number, paidPercent: number): Promise<{ booking: BookingDetails; providerId: string }> {
      clock.set('2026-06-01T08:00:00Z');
      const { manageToken, booking: placed } = await book(database.db, clock, slot, { groupSize });
      const id = placed.id;
      await placeUnderPolicy(database.db, id, POLICY, paidPercent);
      const total = groupSize * 1250;
      const providerId = await payAtMollie(database.db, clock, mollie, id, Math.round((total * paidPercent) / 100));
      const booking = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.equal(booking.price.totalCents, total);
      return { booking, providerId };
    }

    async function outboxDetail(bookingId: string, kind: string): Promise<Record<string, unknown>> {
      const row = await database.db
        .selectFrom('mail_outbox')
        .select('detail')
        .where('booking_id', '=', bookingId)
        .where('kind', '=', kind)
        .orderBy('created_at', 'desc')
        .executeTakeFirstOrThrow();
      return JSON.parse(row.detail) as Record<string, unknown>;
    }

    /** Each payment's refunds at Mollie add up to what the ledger counts for it. */
    async function assertLedgerMatchesMollie(bookingId: string): Promise<void> {
      const payments = await database.db.selectFrom('payments').selectAll().where('booking_id', '=', bookingId).execute();
      for (const payment of payments) {
        const atMollie = await mollie.settings.provider.getPayment(TEST_MOLLIE_KEY, payment.provider_id!);
        const counted = (await refundRows(database.db, bookingId))
          .filter((refund) => refund.payment_id === payment.id && !['failed', 'canceled', 'creating'].includes(refund.status))
          .reduce((sum, refund) => sum + refund.amount_cents, 0);
        assert.equal(atMollie?.refundedCents, counted, `payment ${payment.id}: Mollie and the ledger agree`);
      }
    }

    const expected = {
      full: { 100: 5000, 50: 2500, 0: 0 },
      // 60 % deposit of EUR 50: 3000 paid; at 50 % the venue keeps 2500 of it.
      deposit: { 100: 3000, 50: 500, 0: 0 },
    } as const;
    for (const [kind, paidPercent] of [
      ['full', 100],
      ['deposit', 60],
    ] as const) {
      for (const tier of TIERS) {
        test(`the organiser cancels at the ${tier.percent} % tier, paid ${kind}: the policy's refund goes to Mollie and into the mail`, async () => {
          const { booking, providerId } = await paidBooking(4, paidPercent);
          clock.set(tier.at);
          const want = expected[kind][tier.percent];
          const quote = await quotePolicyRefund(
            database.db,
            clock,
            { id: booking.id, startsAt: new Date(STARTS) },
            {
              remainingPriceCents: 0,
              cancelledCents: 5000,
            },
          );
          assert.deepEqual([quote.percent, quote.amountCents], [tier.percent, want], 'the confirmation page quotes it');
          assert.deepEqual(await cancelByOrganiser(database.db, clock, booking, context), { refundCents: want });
          const rows = await refundRows(database.db, booking.id);
          const atMollie = refundsAtMollie(mollie, [providerId]);
          if (want === 0) {
            assert.deepEqual([rows.length, atMollie.length], [0, 0]);
            assert.equal((await outboxDetail(booking.id, 'cancelled')).refund_cents, undefined);
            return;
          }
          assert.deepEqual(
            rows.map((row) => [row.amount_cents, row.status, row.cause, row.provider_id]),
            [[want, 'pending', 'policy', atMollie[0]!.id]],
          );
          assert.deepEqual(
            atMollie.map((refund) => refund.amountCents),
            [want],
          );
          assert.equal((await outboxDetail(booking.id, 'cancelled')).refund_cents, want);
          const history = await listActivityEntries(database.db, { scope: { all: true }, target: booking.reference, limit: 10 });
          const refunded = history.find((entry) => entry.action === 'booking.refunded');
          assert.deepEqual(refunded?.detail, { amount_cents: want, cause: 'policy' });
          await assertLedgerMatchesMollie(booking.id);
        });
      }
    }

    test('a smaller group at the 50 % tier: half the price of the places given up goes back, the mail says so', async () => {
      const { booking, providerId } = await paidBooking(8, 100);
      clock.set(TIERS[1].at);
      const change = await changeGroupSize(database.db, clock, booking, 4, context);
      // New price 5000, 5000 cancelled at 50 %: the venue keeps 7500 of the 10000 paid.
      assert.deepEqual(change, { changed: true, from: 8, to: 4, refundCents: 2500 });
      assert.deepEqual(
        (await refundRows(database.db, booking.id)).map((row) => [row.amount_cents, row.cause]),
        [[2500, 'size_change']],
      );
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((refund) => refund.amountCents),
        [2500],
      );
      assert.equal((await outboxDetail(booking.id, 'changed')).refund_cents, 2500);
      assert.deepEqual(await moneyOf(database.db, booking.id), { paidCents: 10_000, refundedCents: 2500, pendingRefundCents: 2500 });
      await assertLedgerMatchesMollie(booking.id);
    });

    test('staff refund part, then more than is left is refused at the amount, input errors all at once', async () => {
      const { booking, providerId } = await paidBooking(4, 100);
      const first = await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '12,50', reason: 'Regen' });
      assert.ok(first.ok);
      assert.deepEqual(
        first.value.map((row) => [row.amount_cents, row.cause, row.reason, row.staff_id]),
        [[1250, 'staff', 'Regen', staff.member.id]],
      );
      const tooMuch = await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '37.51', reason: 'Nog meer' });
      assert.deepEqual(tooMuch, { ok: false, errors: [{ field: 'amount', code: 'refund_too_large' }] });
      const bad = await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '1,234', reason: ' ' });
      assert.deepEqual(bad, {
        ok: false,
        errors: [
          { field: 'amount', code: 'invalid_amount' },
          { field: 'reason', code: 'required' },
        ],
      });
      const zero = await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '0', reason: 'x' });
      assert.deepEqual(zero, { ok: false, errors: [{ field: 'amount', code: 'too_small', params: { min: { cents: 1 } } }] });
      clock.advance(60_000);
      const rest = await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '37.50', reason: 'De rest' });
      assert.ok(rest.ok);
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((refund) => refund.amountCents),
        [1250, 3750],
      );
      const history = await listActivityEntries(database.db, { scope: { all: true }, target: booking.reference, limit: 10 });
      assert.deepEqual(
        history.filter((entry) => entry.action === 'booking.refunded').map((entry) => [entry.detail, entry.actorEmail]),
        [
          [{ amount_cents: 3750, cause: 'staff', reason: 'De rest' }, 'refunds@groupz.test'],
          [{ amount_cents: 1250, cause: 'staff', reason: 'Regen' }, 'refunds@groupz.test'],
        ],
      );
      await assertLedgerMatchesMollie(booking.id);
    });

    test('another venue staff member does not find the booking to refund', async () => {
      const { booking } = await paidBooking(2, 100);
      const other = await makeActivityWithRules(database.db, clock, {});
      const { member } = await addStaff(
        database.db,
        clock,
        { email: 'elsewhere@groupz.test', name: 'Elders', role: 'manager', venue: other.venue.slug },
        null,
      );
      await assert.rejects(
        refundAsStaff(database.db, clock, context, { member, client: null }, booking.id, { amount: '1', reason: 'x' }),
        (error: unknown) => error instanceof DomainError && error.code === 'not_found',
      );
    });

    test('two refunds of the whole amount at once: one goes through, the other is refused, Mollie sees one', async () => {
      const { booking, providerId } = await paidBooking(4, 100);
      const request = { bookingId: booking.id, amountCents: 5000, cause: 'staff', reason: 'dubbel', by: { by: 'system' } } as const;
      const outcomes = await Promise.allSettled([
        refundBooking(database.db, clock, context, request),
        refundBooking(database.db, clock, context, request),
        refundBooking(database.db, clock, context, request),
      ]);
      assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
        assert.ok(outcome.reason instanceof DomainError && outcome.reason.code === 'refund_too_large', String(outcome.reason));
      }
      assert.equal((await refundRows(database.db, booking.id)).length, 1);
      assert.equal(refundsAtMollie(mollie, [providerId]).length, 1);
      await assertLedgerMatchesMollie(booking.id);
    });

    test('Mollie unavailable: the refund waits as creating, the job sends it once, then follows its status', async () => {
      const { booking, providerId } = await paidBooking(4, 100);
      // The client tries a 5xx three times: all fail.
      mollie.standIn.failNext(3, { status: 503, retryAfterSeconds: 0 });
      const [row] = await refundBooking(database.db, clock, context, {
        bookingId: booking.id,
        amountCents: 2000,
        cause: 'staff',
        reason: 'later',
        by: { by: 'system' },
      });
      assert.equal(row?.status, 'creating');
      assert.equal(refundsAtMollie(mollie, [providerId]).length, 0);
      assert.deepEqual(
        await moneyOf(database.db, booking.id),
        { paidCents: 5000, refundedCents: 2000, pendingRefundCents: 2000 },
        'a creating refund counts, under way',
      );
      // Meanwhile no second refund of the rest can exceed what is left.
      await assert.rejects(
        refundBooking(database.db, clock, context, {
          ...{ bookingId: booking.id, cause: 'staff', reason: 'x', by: { by: 'system' } },
          amountCents: 3001,
        }),
        (error: unknown) => error instanceof DomainError && error.code === 'refund_too_large',
      );
      assert.deepEqual(await sendPendingRefunds(database.db, clock, context), { sent: 1, settled: 0 });
      assert.deepEqual(await sendPendingRefunds(database.db, clock, context), { sent: 0, settled: 0 });
      const atMollie = refundsAtMollie(mollie, [providerId]);
      assert.deepEqual(
        atMollie.map((refund) => refund.amountCents),
        [2000],
        'exactly one refund at Mollie',
      );
      assert.equal(
        mollie.standIn.requests.filter((request) => request.idempotencyKey === row!.id && request.status === 201).length,
        1,
        'keyed by the refund id',
      );
      mollie.standIn.settleRefund(atMollie[0]!.id, 'refunded');
      assert.deepEqual(await sendPendingRefunds(database.db, clock, context), { sent: 0, settled: 1 });
      assert.deepEqual(
        (await refundRows(database.db, booking.id)).map((r) => [r.status, r.provider_id]),
        [['refunded', atMollie[0]!.id]],
      );
      await assertLedgerMatchesMollie(booking.id);
    });

    test("a refund of what was owed clears the booking's paid mark in its transaction; a goodwill refund keeps it", async () => {
      const { booking } = await paidBooking(4, 100);
      const paidAt = async () =>
        (await database.db.selectFrom('bookings').select('paid_at').where('id', '=', booking.id).executeTakeFirstOrThrow()).paid_at;
      await database.db.updateTable('bookings').set({ paid_at: clock.now().toISOString() }).where('id', '=', booking.id).execute();
      const refund = { bookingId: booking.id, amountCents: 1000, reason: '', by: { by: 'system' } } as const;
      await refundBooking(database.db, clock, context, { ...refund, cause: 'staff', reason: 'goodwill' });
      assert.notEqual(await paidAt(), null, 'goodwill lowers what is owed with it: still paid in full');
      await refundBooking(database.db, clock, context, { ...refund, cause: 'policy' });
      assert.equal(await paidAt(), null, 'no longer paid in full');
    });

    test('a refund the bank fails is failed in the ledger, and its amount can go back again', async () => {
      const { booking, providerId } = await paidBooking(2, 100);
      const [row] = await refundBooking(database.db, clock, context, {
        bookingId: booking.id,
        amountCents: 2500,
        cause: 'staff',
        reason: 'alles',
        by: { by: 'system' },
      });
      mollie.standIn.settleRefund(row!.provider_id!, 'failed');
      assert.deepEqual(await sendPendingRefunds(database.db, clock, context), { sent: 0, settled: 1 });
      assert.equal((await refundRows(database.db, booking.id))[0]?.status, 'failed');
      assert.deepEqual(await moneyOf(database.db, booking.id), { paidCents: 2500, refundedCents: 0, pendingRefundCents: 0 });
      await refundBooking(database.db, clock, context, {
        bookingId: booking.id,
        amountCents: 2500,
        cause: 'staff',
        reason: 'opnieuw',
        by: { by: 'system' },
      });
      assert.deepEqual(
        refundsAtMollie(mollie, [providerId]).map((refund) => [refund.amountCents, refund.status]),
        [
          [2500, 'failed'],
          [2500, 'pending'],
        ],
      );
      await assertLedgerMatchesMollie(booking.id);
    });

    test("Mollie's clear no (the venue refunded in Mollie's dashboard) fails the refund instead of retrying it forever", async () => {
      const { booking, providerId } = await paidBooking(2, 100);
      await mollie.settings.provider.createRefund(TEST_MOLLIE_KEY, providerId, {
        amountCents: 2000,
        description: 'dashboard',
        reference: 'dash-1',
      });
      const [row] = await refundBooking(database.db, clock, context, {
        bookingId: booking.id,
        amountCents: 2500,
        cause: 'staff',
        reason: 'alles',
        by: { by: 'system' },
      });
      assert.equal(row?.status, 'failed');
      assert.deepEqual(await sendPendingRefunds(database.db, clock, context), { sent: 0, settled: 0 });
    });

    test('staff cancel: by the policy, in full or nothing, as they choose', async () => {
      clock.set('2026-06-01T08:00:00Z');
      const cases = [
        { refund: 'policy', at: TIERS[1].at, want: 2500 },
        { refund: 'full', at: TIERS[2].at, want: 5000 },
        { refund: 'none', at: TIERS[0].at, want: 0 },
      ] as const;
      for (const { refund, at, want } of cases) {
        const { booking, providerId } = await paidBooking(4, 100);
        clock.set(at);
        assert.equal(await changeBookingStatus(database.db, clock, staff, booking.id, 'cancel', { refund, payments: context }), true);
        assert.deepEqual(
          refundsAtMollie(mollie, [providerId]).map((r) => r.amountCents),
          want === 0 ? [] : [want],
          refund,
        );
        // The mail says what goes back, and by whose choice: nothing of what was paid is said too.
        const detail = await outboxDetail(booking.id, 'cancelled');
        assert.deepEqual([detail.refund_cents, detail.refund_by], [want, refund === 'policy' ? 'policy' : 'venue'], refund);
        await assertLedgerMatchesMollie(booking.id);
      }
    });
  });
}
