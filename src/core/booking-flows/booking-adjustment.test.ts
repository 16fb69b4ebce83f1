import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { book, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import { payAtMollie, paymentContextOf, placeUnderPolicy, refundRows } from '../../../test/paid-bookings.js';
import type { Slot } from '../availability/slot.js';
import { changeBookingStatus, type StaffActor } from './booking-admin.service.js';
import type { BookingDetails } from '../bookings/booking.js';
import { cancelByOrganiser, changeGroupSize } from './booking-changes.service.js';
import { findBookingByLink } from './booking.service.js';
import { findBookingRow } from '../bookings/booking-lifecycle.repository.js';
import { addStaff } from '../staff/staff.service.js';
import { readOpenBalances } from './balances.service.js';
import { paymentOfRow } from '../payments/payment-of-row.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { moneyOf } from '../payments/payments.repository.js';
import { quotePolicyRefund } from './policy-refund.service.js';
import type { RefundPolicy } from '../catalog/refund-policy.js';
import { sendPendingRefunds } from './refund.service.js';
import { refundAsStaff } from './staff-refund.service.js';

/** 100 % until 14 days before, 50 % until 48 hours before, nothing after. */
const POLICY: RefundPolicy = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];
/** The visit: 2026-06-20 10:00 Amsterdam; the 50 % tier applies from 14 days to 48 hours before. */
const STARTS = '2026-06-20T08:00:00.000Z';
const AT_50 = '2026-06-18T08:00:00Z';
/** EUR 16.50 a person: 28 people EUR 462, 20 people EUR 330 (the tryout's booking). */
const PER_PERSON = 1650;

for (const dialect of testDialects()) {
  describe(`what a booking owes: price plus adjustment (${dialect.name})`, () => {
    let database: TestDatabase;
    let mollie: TestMollie;
    let context: PaymentContext;
    let staff: StaffActor;
    let slot: Slot;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      database = await dialect.create();
      mollie = await startMollie();
      context = paymentContextOf(mollie);
      const activity = await makeActivityWithRules(
        database.db,
        clock,
        { cancelUntilHours: 0 },
        { maxGroupSize: 40, pricing: [{ label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: PER_PERSON }] },
      );
      const { member } = await addStaff(database.db, clock, { email: 'adjust@groupz.test', name: 'Adjust', role: 'admin' }, null);
      staff = { member, client: null };
      slot = await makeSlot(database.db, clock, activity, { date: '2026-06-20', time: '10:00', capacity: 1000 });
      assert.equal(slot.startsAt.toISOString(), STARTS);
    });
    after(async () => {
      await mollie.close();
      await database.close();
    });

    /** A confirmed booking of `groupSize` under POLICY paying online, `paidPercent` of it paid at Mollie; placed on 1 June. */
    async function paidBooking(groupSize: number, paidPercent: number): Promise<{ booking: BookingDetails; manageToken: string }> {
      clock.set('2026-06-01T08:00:00Z');
      const { manageToken, booking: placed } = await book(database.db, clock, slot, { groupSize });
      await placeUnderPolicy(database.db, placed.id, POLICY, paidPercent);
      const total = groupSize * PER_PERSON;
      await payAtMollie(database.db, clock, mollie, placed.id, Math.round((total * paidPercent) / 100));
      const booking = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.equal(booking.price.totalCents, total);
      return { booking, manageToken };
    }

    async function adjustmentOf(bookingId: string): Promise<number> {
      return (await findBookingRow(database.db, bookingId))!.adjustment_cents;
    }

    async function refundedCents(bookingId: string): Promise<number> {
      return (await refundRows(database.db, bookingId)).reduce((sum, row) => sum + row.amount_cents, 0);
    }

    test('paid EUR 462 for 28, made 20 at 50 %, then cancelled at 50 %: EUR 231 back in all, the venue keeps EUR 231', async () => {
      const { booking, manageToken } = await paidBooking(28, 100);
      clock.set(AT_50);
      assert.deepEqual(await changeGroupSize(database.db, clock, booking, 20, context), {
        changed: true,
        from: 28,
        to: 20,
        refundCents: 6600,
      });
      // The venue keeps EUR 66 of the EUR 132 given up: owed now EUR 330 + 66, all paid.
      assert.equal(await adjustmentOf(booking.id), 6600);
      const smaller = (await findBookingByLink(database.db, 'manage', manageToken))!;
      const state = await paymentOfRow(database.db, (await findBookingRow(database.db, booking.id))!);
      assert.deepEqual([state.status, state.dueCents], ['paid', 0]);
      // The manage page's quote and the cancellation agree: EUR 165 (half of 330), not 231.
      const quote = await quotePolicyRefund(
        database.db,
        clock,
        { id: booking.id, startsAt: new Date(STARTS) },
        { remainingPriceCents: 0, cancelledCents: 33_000 },
      );
      assert.equal(quote.amountCents, 16_500);
      assert.deepEqual(await cancelByOrganiser(database.db, clock, smaller, context), { refundCents: 16_500 });
      assert.equal(await refundedCents(booking.id), 23_100);
      const money = await moneyOf(database.db, booking.id);
      assert.equal(money.paidCents - money.refundedCents, 23_100, 'the venue keeps EUR 231');
      assert.equal(await adjustmentOf(booking.id), 23_100);
    });

    test('a 30 % deposit, made smaller then cancelled: never more back than the policy gives on the original price', async () => {
      const { booking, manageToken } = await paidBooking(28, 30);
      // 30 % of 462 = 138.60; cancelling whole at 50 % would keep 231: nothing back.
      clock.set(AT_50);
      assert.deepEqual(await changeGroupSize(database.db, clock, booking, 20, context), {
        changed: true,
        from: 28,
        to: 20,
        refundCents: 0,
      });
      assert.equal(await adjustmentOf(booking.id), 6600);
      const smaller = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.deepEqual(await cancelByOrganiser(database.db, clock, smaller, context), { refundCents: 0 });
      assert.equal(await refundedCents(booking.id), 0);
      // At 100 % (14 days or more before), the whole deposit goes back, once.
      const early = await paidBooking(28, 30);
      clock.set('2026-06-02T08:00:00Z');
      assert.deepEqual(await changeGroupSize(database.db, clock, early.booking, 20, context), {
        changed: true,
        from: 28,
        to: 20,
        refundCents: 0,
      });
      assert.equal(await adjustmentOf(early.booking.id), 0);
      const earlySmaller = (await findBookingByLink(database.db, 'manage', early.manageToken))!;
      assert.deepEqual(await cancelByOrganiser(database.db, clock, earlySmaller, context), { refundCents: 13_860 });
      assert.equal(await refundedCents(early.booking.id), 13_860);
    });

    test('a staff goodwill refund on a booking paid in full owes nothing: still paid, not an open balance', async () => {
      const { booking, manageToken } = await paidBooking(28, 100);
      const refunded = await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '10', reason: 'Goodwill' });
      assert.ok(refunded.ok);
      assert.equal(await adjustmentOf(booking.id), -1000);
      const row = (await findBookingRow(database.db, booking.id))!;
      const state = await paymentOfRow(database.db, row);
      assert.deepEqual([state.status, state.dueCents, state.refundedCents, state.balanceDueOn], ['paid', 0, 1000, null]);
      assert.notEqual(row.paid_at, null, 'the paid mark stays');
      const open = await readOpenBalances(database.db, clock, { all: true }, { overdue: false });
      assert.equal(
        open.some((b) => b.id === booking.id),
        false,
      );
      // Cancelled later at 50 %: the policy's half of EUR 462 goes back on top of the goodwill.
      clock.set(AT_50);
      const fresh = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.deepEqual(await cancelByOrganiser(database.db, clock, fresh, context), { refundCents: 23_100 });
      assert.equal(await refundedCents(booking.id), 24_100);
    });

    test('a goodwill refund, then cancelled at 100 %: everything left goes back, never more than was paid', async () => {
      const { booking, manageToken } = await paidBooking(28, 100);
      assert.ok((await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '10', reason: 'Goodwill' })).ok);
      clock.set('2026-06-02T08:00:00Z');
      const fresh = (await findBookingByLink(database.db, 'manage', manageToken))!;
      const quote = await quotePolicyRefund(
        database.db,
        clock,
        { id: booking.id, startsAt: new Date(STARTS) },
        { remainingPriceCents: 0, cancelledCents: 46_200 },
      );
      assert.equal(quote.amountCents, 45_200, 'what is left of EUR 462 after EUR 10 back');
      assert.deepEqual(await cancelByOrganiser(database.db, clock, fresh, context), { refundCents: 45_200 });
      assert.equal(await refundedCents(booking.id), 46_200);
    });

    test('a goodwill refund the bank fails gave nothing: what the booking owes goes back up', async () => {
      const { booking, manageToken } = await paidBooking(28, 100);
      assert.ok((await refundAsStaff(database.db, clock, context, staff, booking.id, { amount: '10', reason: 'Goodwill' })).ok);
      const [goodwill] = await refundRows(database.db, booking.id);
      assert.ok(goodwill?.provider_id, 'sent to Mollie');
      mollie.standIn.settleRefund(goodwill.provider_id, 'failed');
      await sendPendingRefunds(database.db, clock, context);
      assert.equal((await refundRows(database.db, booking.id))[0]!.status, 'failed');
      assert.equal(await adjustmentOf(booking.id), 0);
      // Cancelled at 50 %: half of EUR 462, as if the goodwill had never been given.
      clock.set(AT_50);
      const fresh = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.deepEqual(await cancelByOrganiser(database.db, clock, fresh, context), { refundCents: 23_100 });
    });

    test('a smaller group whose fee the payment does not cover: not paid, the fee owed by a due date', async () => {
      clock.set('2026-06-01T08:00:00Z');
      const { manageToken, booking: placed } = await book(database.db, clock, slot, { groupSize: 28 });
      await placeUnderPolicy(database.db, placed.id, POLICY, 30);
      // EUR 330 paid of EUR 462: the price of 20, not the EUR 66 the venue keeps of the 8 given up at 50 %.
      await payAtMollie(database.db, clock, mollie, placed.id, 33_000);
      clock.set(AT_50);
      const booking = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.deepEqual(await changeGroupSize(database.db, clock, booking, 20, context), {
        changed: true,
        from: 28,
        to: 20,
        refundCents: 0,
      });
      const row = (await findBookingRow(database.db, booking.id))!;
      const state = await paymentOfRow(database.db, row);
      assert.deepEqual([state.status, state.dueCents], ['partly_paid', 6600]);
      assert.equal(row.paid_at, null, 'not marked paid while EUR 66 is owed');
      assert.equal(row.balance_due_on, '2026-06-20', 'the fee is due by the visit, not seven days on');
      // The list of open balances adds up: owed in all EUR 396 (330 + 66), paid 330, outstanding 66.
      const open = (await readOpenBalances(database.db, clock, { all: true }, { overdue: false })).find((b) => b.id === booking.id);
      assert.deepEqual([open?.totalCents, open?.paidCents, open?.outstandingCents], [39_600, 33_000, 6_600]);
    });

    test('a larger group three days before the visit: the more to pay falls due on the visit day, not after it', async () => {
      const { booking: placed, manageToken } = await paidBooking(10, 100);
      clock.set('2026-06-17T08:00:00Z');
      const booking = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.equal((await changeGroupSize(database.db, clock, booking, 12, context)).changed, true);
      const row = (await findBookingRow(database.db, placed.id))!;
      assert.deepEqual([(await paymentOfRow(database.db, row)).dueCents, row.balance_due_on], [2 * PER_PERSON, '2026-06-20']);
    });

    test('a larger group on the visit day itself: due that day', async () => {
      const { booking: placed, manageToken } = await paidBooking(10, 100);
      clock.set('2026-06-20T05:00:00Z');
      const booking = (await findBookingByLink(database.db, 'manage', manageToken))!;
      assert.equal((await changeGroupSize(database.db, clock, booking, 12, context)).changed, true);
      assert.equal((await findBookingRow(database.db, placed.id))!.balance_due_on, '2026-06-20');
    });

    test('staff cancel in full after a smaller group: everything paid goes back, nothing is kept', async () => {
      const { booking } = await paidBooking(28, 100);
      clock.set(AT_50);
      await changeGroupSize(database.db, clock, booking, 20, context);
      assert.equal(await changeBookingStatus(database.db, clock, staff, booking.id, 'cancel', { refund: 'full', payments: context }), true);
      assert.equal(await refundedCents(booking.id), 46_200);
      assert.equal(await adjustmentOf(booking.id), 0);
    });
  });
}
